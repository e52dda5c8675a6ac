// pressa-search: the command-line front end of the searcher.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "searcher/process_heap.h"
#include "searcher/render.h"
#include "searcher/searcher.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitFailure = 2;
constexpr char kMarker = '\x01';

const char kUsage[] =
    "Usage: pressa-search --db DIR [options] QUERY...\n"
    "Query: words (any form), \"phrases\", AND/OR/NOT (И/ИЛИ/НЕ), -word, (groups),\n"
    "org:\"...\", person:..., place:..., source:...\n"
    "       pressa-search --db DIR --like ID   (articles similar to ID)\n";

int Run(int argc, char** argv) {
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help")
      ("db", po::value<std::string>(), "index directory")
      ("from", po::value<std::string>(), "published on or after YYYY-MM-DD")
      ("to", po::value<std::string>(), "published on or before YYYY-MM-DD")
      ("org", po::value<std::vector<std::string>>(), "organization filter (repeatable)")
      ("person", po::value<std::vector<std::string>>(), "person filter (repeatable)")
      ("place", po::value<std::vector<std::string>>(), "place filter (repeatable)")
      ("source", po::value<std::vector<std::string>>(), "source filter (repeatable)")
      ("sort", po::value<std::string>()->default_value("relevance"), "relevance | date")
      ("like", po::value<std::string>(), "articles similar to the one with this id")
      ("no-collapse", "list reprints one by one instead of folding them")
      ("limit", po::value<int>()->default_value(10), "results per page (1-100)")
      ("offset", po::value<int>()->default_value(0), "first result (0-based)")
      ("format", po::value<std::string>()->default_value("text"), "text | json")
      ("facets", "count facets (always on with --format json)");
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>(), "query words");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  // "-word" excludes a word from the query: hide such arguments from the
  // option parser behind a marker byte, removed again below.
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::string& arg : args) {
    if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-' && arg != "-h") arg.insert(0, 1, kMarker);
  }

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "pressa-search: " << e.what() << "\n\n" << kUsage << visible;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << visible;
    return kExitOk;
  }
  if (!vm.count("db")) {
    std::cerr << "pressa-search: --db DIR is required\n\n" << kUsage << visible;
    return kExitUsage;
  }
  std::string format = vm["format"].as<std::string>();
  std::string sort = vm["sort"].as<std::string>();
  if (format != "text" && format != "json") {
    std::cerr << "pressa-search: --format must be text or json\n";
    return kExitUsage;
  }
  if (sort != "relevance" && sort != "date") {
    std::cerr << "pressa-search: --sort must be relevance or date\n";
    return kExitUsage;
  }

  pressa::SearchRequest request;
  if (vm.count("query")) {
    for (const std::string& word : vm["query"].as<std::vector<std::string>>()) {
      if (!request.query.empty()) request.query += ' ';
      request.query += word[0] == kMarker ? word.substr(1) : word;
    }
  }
  auto list = [&vm](const char* name) {
    return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
  };
  request.orgs = list("org");
  request.persons = list("person");
  request.places = list("place");
  request.sources = list("source");
  if (vm.count("from")) request.from = vm["from"].as<std::string>();
  if (vm.count("to")) request.to = vm["to"].as<std::string>();
  request.sort = sort == "date" ? pressa::SearchRequest::Sort::kDate
                                : pressa::SearchRequest::Sort::kRelevance;
  if (vm.count("like")) request.like_id = vm["like"].as<std::string>();
  request.collapse = !vm.count("no-collapse");
  request.limit = vm["limit"].as<int>();
  request.offset = vm["offset"].as<int>();
  request.facets = format == "json" || vm.count("facets");

  auto searcher = pressa::Searcher::Open(vm["db"].as<std::string>());
  if (!searcher.ok()) {
    std::cerr << "pressa-search: " << searcher.status().ToString() << "\n";
    return kExitFailure;
  }
  auto results = (*searcher)->Search(request);
  if (!results.ok()) {
    std::cerr << "pressa-search: " << results.status().message() << "\n";
    return results.status().IsInvalidArgument() || results.status().IsNotFound() ? kExitUsage
                                                                                : kExitFailure;
  }
  if (format == "json") {
    std::cout << pressa::RenderJson(*results) << "\n";
  } else {
    std::cout << pressa::RenderText(*results, isatty(STDOUT_FILENO));
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) try {
  pressa::UseHugePagesForHeap();
  return Run(argc, argv);
} catch (const std::exception& e) {
  std::cerr << "pressa-search: internal error: " << e.what() << "\n";
  return kExitFailure;
}

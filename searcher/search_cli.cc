// pressa-search's option parsing, search and output, on streams (see
// search_cli.h); the bytes are those of the program before it was split.
#include "searcher/search_cli.h"

#include <exception>
#include <memory>

#include <boost/program_options.hpp>

#include "searcher/render.h"
#include "searcher/searcher.h"

namespace po = boost::program_options;

namespace pressa {
namespace {

constexpr char kMarker = '\x01';

const char kUsage[] =
    "Usage: pressa-search --db DIR [options] QUERY...\n"
    "Query: words (any form), \"phrases\", AND/OR/NOT (И/ИЛИ/НЕ), -word, (groups),\n"
    "org:\"...\", person:..., place:..., source:...\n"
    "       pressa-search --db DIR --like ID   (articles similar to ID)\n";

int Run(const std::vector<std::string>& argv_tail, bool stdout_is_tty, Searcher* open_searcher,
        std::ostream& out, std::ostream& err) {
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
  std::vector<std::string> args = argv_tail;
  for (std::string& arg : args) {
    if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-' && arg != "-h") arg.insert(0, 1, kMarker);
  }

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    err << "pressa-search: " << e.what() << "\n\n" << kUsage << visible;
    return kSearchCliUsage;
  }
  if (vm.count("help")) {
    out << kUsage << "\n" << visible;
    return kSearchCliOk;
  }
  if (!vm.count("db")) {
    err << "pressa-search: --db DIR is required\n\n" << kUsage << visible;
    return kSearchCliUsage;
  }
  std::string format = vm["format"].as<std::string>();
  std::string sort = vm["sort"].as<std::string>();
  if (format != "text" && format != "json") {
    err << "pressa-search: --format must be text or json\n";
    return kSearchCliUsage;
  }
  if (sort != "relevance" && sort != "date") {
    err << "pressa-search: --sort must be relevance or date\n";
    return kSearchCliUsage;
  }

  SearchRequest request;
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
  request.sort =
      sort == "date" ? SearchRequest::Sort::kDate : SearchRequest::Sort::kRelevance;
  if (vm.count("like")) request.like_id = vm["like"].as<std::string>();
  request.collapse = !vm.count("no-collapse");
  request.limit = vm["limit"].as<int>();
  request.offset = vm["offset"].as<int>();
  request.facets = format == "json" || vm.count("facets");

  std::unique_ptr<Searcher> opened;
  Searcher* searcher = open_searcher;
  if (searcher == nullptr) {
    auto result = Searcher::Open(vm["db"].as<std::string>());
    if (!result.ok()) {
      err << "pressa-search: " << result.status().ToString() << "\n";
      return kSearchCliFailure;
    }
    opened = std::move(*result);
    searcher = opened.get();
  }
  auto results = searcher->Search(request);
  if (!results.ok()) {
    err << "pressa-search: " << results.status().message() << "\n";
    return results.status().IsInvalidArgument() || results.status().IsNotFound()
               ? kSearchCliUsage
               : kSearchCliFailure;
  }
  if (format == "json") {
    out << RenderJson(*results) << "\n";
  } else {
    out << RenderText(*results, stdout_is_tty);
  }
  return kSearchCliOk;
}

}  // namespace

int RunSearchCli(const std::vector<std::string>& args, bool stdout_is_tty,
                 Searcher* searcher_or_null, std::ostream& out, std::ostream& err) {
  try {
    return Run(args, stdout_is_tty, searcher_or_null, out, err);
  } catch (const std::exception& e) {
    err << "pressa-search: internal error: " << e.what() << "\n";
    return kSearchCliFailure;
  }
}

}  // namespace pressa

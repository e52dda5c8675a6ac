// pressa-index: the command-line front end of the indexer.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "indexer/entity_extractor.h"
#include "indexer/indexer.h"

namespace po = boost::program_options;

namespace {

// Exit codes, documented in the README.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitFailure = 2;
constexpr int kExitLocked = 3;
constexpr int kExitSkipped = 4;

const char kUsage[] =
    "Usage: pressa-index --db DIR [options] PATH...\n"
    "       pressa-index --extract [options] PATH...\n"
    "Indexes Russian articles: *.txt files in the seed format and *.jsonl files\n"
    "(one JSON article per line) found under each PATH.\n\n"
    "Exit codes: 0 ok, 1 usage, 2 failure, 3 index locked by another writer,\n"
    "4 finished with skipped inputs.\n";

int Run(int argc, char** argv) {
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help")
      ("db", po::value<std::string>(), "index directory (created if missing)")
      ("extract", "write one JSON line per article (date and entities) instead of indexing")
      ("aliases", po::value<std::string>(), "entity alias file (default: the built-in list)")
      ("batch", po::value<int>()->default_value(2000), "documents per commit")
      ("quiet,q", "no warnings on stderr, only the summary line");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>(), "input paths");
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("path", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "pressa-index: " << e.what() << "\n\n" << kUsage << visible;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << visible;
    return kExitOk;
  }
  bool extract = vm.count("extract") > 0;
  if (!vm.count("path") || (!extract && !vm.count("db"))) {
    std::cerr << "pressa-index: " << (vm.count("path") ? "--db DIR is required" : "no PATH given")
              << "\n\n" << kUsage << visible;
    return kExitUsage;
  }
  if (vm["batch"].as<int>() < 1) {
    std::cerr << "pressa-index: --batch must be at least 1\n";
    return kExitUsage;
  }

  pressa::IndexOptions options;
  options.paths = vm["path"].as<std::vector<std::string>>();
  if (vm.count("aliases")) options.alias_file = vm["aliases"].as<std::string>();
  options.batch_size = vm["batch"].as<int>();
  options.warnings = vm.count("quiet") ? nullptr : &std::cerr;
  options.progress = (!extract && isatty(STDERR_FILENO)) ? &std::cerr : nullptr;

  pressa::IndexSummary summary;
  pressa::Status status;
  if (extract) {
    status = pressa::ForEachArticle(
        options.paths, options.alias_file, options.warnings, nullptr, &summary,
        [](const pressa::Article& article) {
          std::cout << pressa::ExtractionJsonLine(article) << '\n';
          return pressa::Status::OK();
        });
  } else {
    options.db = vm["db"].as<std::string>();
    status = pressa::RunIndex(options, &summary);
  }
  if (!status.ok()) {
    std::cerr << "pressa-index: " << status.ToString() << "\n";
    return status.IsLocked() ? kExitLocked : kExitFailure;
  }
  (extract ? std::cerr : std::cout) << "pressa-index: " << pressa::SummaryLine(summary) << "\n";
  return summary.skipped > 0 ? kExitSkipped : kExitOk;
}

}  // namespace

int main(int argc, char** argv) try {
  return Run(argc, argv);
} catch (const std::exception& e) {
  std::cerr << "pressa-index: internal error: " << e.what() << "\n";
  return kExitFailure;
} catch (...) {
  std::cerr << "pressa-index: internal error\n";
  return kExitFailure;
}

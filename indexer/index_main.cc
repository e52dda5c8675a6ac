// pressa-index: the command-line front end of the indexer.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

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
    "Incremental by default: only new, changed and vanished inputs cost work.\n\n"
    "Exit codes: 0 ok, 1 usage, 2 failure (the last committed index stays intact),\n"
    "3 index locked by another writer, 4 finished with skipped inputs.\n";

// Writes the report atomically (temp file + rename), so monitoring never
// reads half of one.
void WriteReport(const std::string& path, const std::string& json) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << json << "\n";
    if (!out) {
      std::cerr << "pressa-index: cannot write report " << path << "\n";
      return;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::cerr << "pressa-index: cannot write report " << path << "\n";
  }
}

int Run(int argc, char** argv) {
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "show this help")
      ("db", po::value<std::string>(), "index directory (created if missing)")
      ("extract", "write one JSON line per article (date and entities) instead of indexing")
      ("aliases", po::value<std::string>(), "entity alias file (default: the built-in list)")
      ("rebuild", "build a complete new index beside the live one, then swap it in")
      ("compact", "compact the live index afterwards (a new generation, swapped in)")
      ("no-delete", "keep documents whose input file or JSON line is gone")
      ("positions", "also store Xapian positional postings, for an index that remote searchers "
                    "read through xapian-tcpsrv (bigger and slower to build; later runs keep it)")
      ("positions-like", po::value<std::string>()->value_name("INDEX"),
       "give Xapian positions to the words the index INDEX gives them, instead of choosing "
       "from this index's own articles: shards built alike answer phrases over a stub as fast "
       "as one index (later runs keep it; an index with another choice is rebuilt)")
      ("memory", po::value<int>()->default_value(pressa::kDefaultMemoryMb),
       "memory budget in MB: flushes and queues are sized to keep the peak within it")
      ("batch", po::value<int>()->default_value(0),
       ("at most this many documents per commit, or per shard flush in a fresh build "
        "(0: " + std::to_string(pressa::kCommitBatch) + " per commit, " +
        std::to_string(pressa::kShardFlushBatch) + " per shard flush)").c_str())
      ("threads", po::value<int>()->default_value(0),
       "shard builders for a fresh build or --rebuild, document builders beside "
       "the writer for an incremental run (0: one per core; 1: no threads)")
      ("report", po::value<std::string>(), "write a JSON report of the run to FILE")
      ("quiet,q", "no warnings on stderr, only the summary line");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::vector<std::string>>(), "input paths")
      ("test-abort-after", po::value<long>()->default_value(0),
       "tests only: _exit(137) after N documents, simulating a crash");
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
  if (vm["batch"].as<int>() < 0) {
    std::cerr << "pressa-index: --batch must not be negative (0: the defaults)\n";
    return kExitUsage;
  }
  if (vm["memory"].as<int>() < pressa::kMinMemoryMb) {
    std::cerr << "pressa-index: --memory must be at least " << pressa::kMinMemoryMb << " (MB)\n";
    return kExitUsage;
  }
  if (vm["threads"].as<int>() < 0 || vm["threads"].as<int>() > 64) {
    std::cerr << "pressa-index: --threads must be between 0 and 64\n";
    return kExitUsage;
  }
  if (vm.count("positions") && vm.count("positions-like")) {
    std::cerr << "pressa-index: --positions gives every word Xapian positions; "
                 "--positions-like does not apply\n";
    return kExitUsage;
  }
  if (vm.count("positions-like") && vm["positions-like"].as<std::string>().empty()) {
    std::cerr << "pressa-index: --positions-like needs an index\n";
    return kExitUsage;
  }
  if (vm.count("rebuild") && vm.count("no-delete")) {
    std::cerr << "pressa-index: --rebuild replaces the whole index; --no-delete does not apply\n";
    return kExitUsage;
  }

  pressa::IndexOptions options;
  options.paths = vm["path"].as<std::vector<std::string>>();
  if (vm.count("aliases")) options.alias_file = vm["aliases"].as<std::string>();
  options.batch_size = vm["batch"].as<int>();
  options.memory_mb = vm["memory"].as<int>();
  options.threads = vm["threads"].as<int>();
  options.rebuild = vm.count("rebuild") > 0;
  options.compact = vm.count("compact") > 0;
  options.no_delete = vm.count("no-delete") > 0;
  options.xapian_positions = vm.count("positions") > 0;
  if (vm.count("positions-like")) options.positions_like = vm["positions-like"].as<std::string>();
  options.test_abort_after_docs = vm["test-abort-after"].as<long>();
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
    // A file-size limit (ulimit -f) then fails a write with EFBIG, reported
    // like a full disk, instead of killing the process mid-commit.
    signal(SIGXFSZ, SIG_IGN);
    status = pressa::RunIndex(options, &summary);
    if (vm.count("report")) {
      WriteReport(vm["report"].as<std::string>(), pressa::SummaryJson(summary, status));
    }
  }
  if (!status.ok()) {
    std::cerr << "pressa-index: " << status.ToString() << "\n";
    return status.IsLocked() ? kExitLocked : kExitFailure;
  }
  (extract ? std::cerr : std::cout) << "pressa-index: " << pressa::SummaryLine(summary) << "\n";
  // An unreadable PATH (a missing mount) counts as skipped input.
  return summary.skipped > 0 || !summary.complete ? kExitSkipped : kExitOk;
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

// An incremental run's document builders: entity extraction and document
// building in worker threads, the documents handed back in input order to the
// one thread that writes the index.
#ifndef PRESSA_INDEXER_BUILD_PIPELINE_H_
#define PRESSA_INDEXER_BUILD_PIPELINE_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/article.h"
#include "core/positions.h"
#include "core/status.h"

namespace pressa {

class DocumentMaker;

// An article after extraction, and its document, stamped.
struct BuiltDocument {
  Article article;
  Xapian::Document doc;
  // The display names Build gave the document's facets, in its order, for
  // the writer's name table (DocumentBuilder::set_name_log).
  std::vector<std::pair<uint64_t, std::string>> names;
  Status status;  // not OK if building failed
};

class BuildPipeline {
 public:
  struct Options {
    int workers = 2;
    std::string alias_file;     // for each worker's EntityExtractor
    unsigned text_dict = 0;     // DocumentBuilder::set_text_dictionary
    std::shared_ptr<const positions::NativeTerms> native;  // set_native_terms
    long max_bytes = 64l << 20;  // article text in flight (an empty pipeline takes any one)
  };
  // Writes one built document into the index, in input order; its error stops
  // the pipeline and is returned by Submit or Drain.
  using Writer = std::function<Status(BuiltDocument* built)>;

  // Creates each worker's analyzer and extractor (their errors come back
  // here) and starts the workers.
  static Result<std::unique_ptr<BuildPipeline>> Start(const Options& options);
  BuildPipeline(const BuildPipeline&) = delete;
  BuildPipeline& operator=(const BuildPipeline&) = delete;
  // Stops the workers; documents not yet written are dropped.
  ~BuildPipeline();

  // Queues `article` (moved from), then writes with `write` every document
  // built so far whose turn has come; blocks, writing, while the articles in
  // flight exceed the options' bytes.
  Status Submit(Article* article, uint64_t content_hash, const Writer& write);
  // Writes every document still in flight, in order.
  Status Drain(const Writer& write);

 private:
  struct Slot {
    bool done = false;
    BuiltDocument built;
    uint64_t hash = 0;
    long bytes = 0;
  };

  BuildPipeline(const Options& options, std::vector<std::unique_ptr<DocumentMaker>> workers);
  void Run(DocumentMaker* worker);
  // Writes the finished documents at the head; with `wait`, first waits for
  // the head to finish (there must be one).
  Status WriteReady(bool wait, const Writer& write);

  const Options options_;
  std::vector<std::unique_ptr<DocumentMaker>> workers_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_, finished_;
  // Every article in flight, in input order: slots_[i] is number first_ + i.
  std::deque<Slot> slots_;
  uint64_t first_ = 0;
  uint64_t next_job_ = 0;  // the first number no worker has taken
  long bytes_ = 0;
  bool stopping_ = false;
};

}  // namespace pressa

#endif  // PRESSA_INDEXER_BUILD_PIPELINE_H_

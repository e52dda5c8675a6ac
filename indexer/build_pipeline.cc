// BuildPipeline: workers build, the calling thread writes in input order.
#include "indexer/build_pipeline.h"

#include <algorithm>
#include <exception>

#include "core/xapian_status.h"
#include "indexer/document_builder.h"

namespace pressa {
namespace {

// Articles in flight per worker, besides the memory plan's bytes: enough that
// every worker has articles queued while the writer commits a batch.
constexpr size_t kInFlightPerWorker = 64;

}  // namespace

Result<std::unique_ptr<BuildPipeline>> BuildPipeline::Start(const Options& options) {
  std::vector<std::unique_ptr<DocumentMaker>> workers;
  for (int i = 0; i < std::max(options.workers, 1); ++i) {
    auto maker = DocumentMaker::Create(options.alias_file);
    if (!maker.ok()) return maker.status();
    (*maker)->builder().set_text_dictionary(options.text_dict);
    (*maker)->builder().set_native_terms(options.native);
    workers.push_back(std::move(*maker));
  }
  return std::unique_ptr<BuildPipeline>(new BuildPipeline(options, std::move(workers)));
}

BuildPipeline::BuildPipeline(const Options& options,
                             std::vector<std::unique_ptr<DocumentMaker>> workers)
    : options_(options), workers_(std::move(workers)) {
  for (auto& worker : workers_) {
    threads_.emplace_back([this, w = worker.get()] { Run(w); });
  }
}

BuildPipeline::~BuildPipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void BuildPipeline::Run(DocumentMaker* worker) {
  for (;;) {
    uint64_t number;
    Article article;
    uint64_t hash;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_.wait(lock, [&] { return stopping_ || next_job_ < first_ + slots_.size(); });
      if (stopping_) return;
      number = next_job_++;
      Slot& slot = slots_[number - first_];
      article = std::move(slot.built.article);
      hash = slot.hash;
    }
    BuiltDocument built;
    try {
      worker->builder().set_name_log(&built.names);
      built.doc = worker->Make(&article, hash);
    } catch (const Xapian::Error& e) {
      built.status = StatusFromXapian(e, "cannot build the document of '" + article.id + "'");
    } catch (const std::exception& e) {
      built.status =
          Status::Internal("cannot build the document of '" + article.id + "': " + e.what());
    }
    worker->builder().set_name_log(nullptr);
    built.article = std::move(article);
    {
      std::lock_guard<std::mutex> lock(mu_);
      // The slot is still there: only finished slots leave the head.
      Slot& slot = slots_[number - first_];
      slot.built = std::move(built);
      slot.done = true;
    }
    finished_.notify_all();
  }
}

Status BuildPipeline::Submit(Article* article, uint64_t content_hash, const Writer& write) {
  const long bytes = static_cast<long>(article->text.size() + article->title.size());
  {
    std::lock_guard<std::mutex> lock(mu_);
    Slot& slot = slots_.emplace_back();
    slot.built.article = std::move(*article);
    slot.hash = content_hash;
    slot.bytes = bytes;
    bytes_ += bytes;
  }
  work_.notify_one();
  Status s = WriteReady(false, write);
  while (s.ok()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (bytes_ <= options_.max_bytes && slots_.size() <= kInFlightPerWorker * workers_.size()) {
        break;
      }
    }
    s = WriteReady(true, write);
  }
  return s;
}

Status BuildPipeline::Drain(const Writer& write) {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (slots_.empty()) return Status::OK();
    }
    Status s = WriteReady(true, write);
    if (!s.ok()) return s;
  }
}

Status BuildPipeline::WriteReady(bool wait, const Writer& write) {
  for (bool first = true;; first = false) {
    Slot slot;
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (wait && first) finished_.wait(lock, [&] { return slots_.front().done; });
      if (slots_.empty() || !slots_.front().done) return Status::OK();
      slot = std::move(slots_.front());
      slots_.pop_front();
      ++first_;
      bytes_ -= slot.bytes;
    }
    if (!slot.built.status.ok()) return slot.built.status;
    Status s = write(&slot.built);
    if (!s.ok()) return s;
  }
}

}  // namespace pressa

// A fresh build's worker (ShardBuilder): a bounded queue of articles in, a
// glass shard out, written in parts; and the gate through which the reader
// hands the workers the index's text dictionary.
#ifndef PRESSA_INDEXER_SHARD_BUILDER_H_
#define PRESSA_INDEXER_SHARD_BUILDER_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "core/positions.h"
#include "core/status.h"
#include "indexer/indexer.h"
#include "indexer/reader.h"

namespace pressa {

// An article on its way to a worker, with the hash of its content (the stamp).
struct ShardJob {
  Article article;
  uint64_t hash = 0;
};

// The index's text dictionary (core/text_dict.h), trained by the reading
// thread on the first articles while the workers already extract their
// entities, and its terms with Xapian positions (core/positions.h): stored
// documents wait for them, extraction need not.
class TextDictGate {
 public:
  using Native = std::shared_ptr<const positions::NativeTerms>;
  void Publish(unsigned id, Native native) {
    std::lock_guard<std::mutex> lock(mu_);
    id_ = id;
    native_ = std::move(native);
    ready_ = true;
    ready_cv_.notify_all();
  }
  // The reader has handed its sample to training: Publish will follow.
  void MarkTraining() { training_ = true; }
  bool training() const { return training_; }
  // False while there is no dictionary yet.
  bool Ready(unsigned* id, Native* native) {
    std::lock_guard<std::mutex> lock(mu_);
    if (ready_) *id = id_, *native = native_;
    return ready_;
  }
  unsigned Wait(Native* native) {
    std::unique_lock<std::mutex> lock(mu_);
    ready_cv_.wait(lock, [&] { return ready_; });
    *native = native_;
    return id_;
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_cv_;
  bool ready_ = false;
  std::atomic<bool> training_{false};
  unsigned id_ = 0;
  Native native_;
};

// One worker: a bounded queue in, a glass shard out.
class ShardBuilder {
 public:
  // `max_reopened`: earlier parts kept open at once for repeated ids.
  ShardBuilder(std::string path, const IndexOptions& options, const MemoryPlan& plan,
               size_t max_reopened, TextDictGate* text_dict, std::atomic<long>* written)
      : path_(std::move(path)),
        options_(options),
        plan_(plan),
        max_reopened_(max_reopened),
        text_dict_(text_dict),
        written_(written) {}

  void Start() { thread_ = std::thread([this] { status_ = Run(); Fail(); }); }

  // Blocks while the queue is full (by count or by the memory plan's
  // bytes; an empty queue takes any one job), and once blocked until the
  // worker has drained half of it. False once the worker has stopped.
  bool Push(std::unique_ptr<ShardJob> job);

  // Closes the queue and waits for the shard to be committed.
  Status Finish();

  // The parts of the shard, in the order written (after Finish).
  const std::vector<std::string>& parts() const { return parts_; }

 private:
  // The queue's bytes (the memory plan) bound it, and this count: deep
  // enough that while one worker commits a batch (a second on a busy
  // machine), the reader keeps feeding the other instead of waiting on the
  // full queue of the first; with 64 jobs the other worker ran dry.
  static constexpr size_t kQueueLimit = 4096;

  static long JobBytes(const ShardJob& job) {
    return static_cast<long>(job.article.text.size() + job.article.title.size());
  }

  void Fail() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    not_full_.notify_all();
  }

  // The low-water mark of a full queue. The reader, once blocked, resumes
  // only below it and refills the queues in a burst. Woken at every job a
  // worker took, it ran a little on that worker's core each time (a context
  // switch, and caches refilled): that worker fell behind while the other
  // ran dry on the reader blocked in front of it.
  bool HalfEmpty() const {
    return queue_.size() <= kQueueLimit / 2 && queued_bytes_ <= plan_.queue_bytes / 2;
  }

  std::unique_ptr<ShardJob> Pop();
  // The worker's thread: extracts, builds and writes each job.
  Status Run();
  // Starts the next part of the shard (a scratch database).
  Xapian::WritableDatabase OpenPart();

  std::string path_;
  std::vector<std::string> parts_;
  const IndexOptions& options_;
  const MemoryPlan plan_;
  const size_t max_reopened_;
  TextDictGate* text_dict_;
  std::atomic<long>* written_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::unique_ptr<ShardJob>> queue_;
  long queued_bytes_ = 0;
  bool closed_ = false;
  bool stopped_ = false;
  bool reader_waiting_ = false;  // in Push, until the queue is half empty
  Status status_;
};

}  // namespace pressa

#endif  // PRESSA_INDEXER_SHARD_BUILDER_H_

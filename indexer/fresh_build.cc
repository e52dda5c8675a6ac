// BuildFresh: parse in the calling thread, build shards in workers, compact.
#include "indexer/fresh_build.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/facet_ids.h"
#include "core/hash.h"
#include "core/positions.h"
#include "core/schema.h"
#include "core/text_dict.h"
#include "core/xapian_status.h"
#include "indexer/document_builder.h"
#include "indexer/entity_extractor.h"
#include "indexer/index_state.h"
#include "indexer/native_sample.h"
#include "stemmers/analyzer.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

// Text bytes one part of a worker's shard takes before the worker starts the
// next part. Xapian's cost per document grows with the tables it adds to
// (on the 10x corpus in one part per worker, 12.8x the CPU of 1x and 13x
// the bytes written); the parts are merged at the end as one shard was. The
// whole sample corpus (142 MB, two workers) stays one part per worker.
constexpr long kShardPartBytes = 96l << 20;

struct Job {
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
  ShardBuilder(std::string path, const IndexOptions& options, const MemoryPlan& plan,
               TextDictGate* text_dict, std::atomic<long>* written)
      : path_(std::move(path)),
        options_(options),
        plan_(plan),
        text_dict_(text_dict),
        written_(written) {}

  void Start() { thread_ = std::thread([this] { status_ = Run(); Fail(); }); }

  // Blocks while the queue is full (by count or by the memory plan's
  // bytes; an empty queue takes any one job), and once blocked until the
  // worker has drained half of it. False once the worker has stopped.
  bool Push(std::unique_ptr<Job> job) {
    const long bytes = JobBytes(*job);
    std::unique_lock<std::mutex> lock(mu_);
    auto fits = [&] {
      return queue_.size() < kQueueLimit && queued_bytes_ + bytes <= plan_.queue_bytes;
    };
    while (!stopped_ && !queue_.empty() && !fits()) {
      reader_waiting_ = true;
      not_full_.wait(lock, [&] { return stopped_ || queue_.empty() || (fits() && HalfEmpty()); });
      reader_waiting_ = false;
    }
    if (stopped_) return false;
    queued_bytes_ += bytes;
    queue_.push_back(std::move(job));
    not_empty_.notify_one();
    return true;
  }

  // Closes the queue and waits for the shard to be committed.
  Status Finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
      not_empty_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    return status_;
  }

  // The parts of the shard, in the order written (after Finish).
  const std::vector<std::string>& parts() const { return parts_; }

 private:
  // The queue's bytes (the memory plan) bound it, and this count: deep
  // enough that while one worker commits a batch (a second on a busy
  // machine), the reader keeps feeding the other instead of waiting on the
  // full queue of the first; with 64 jobs the other worker ran dry.
  static constexpr size_t kQueueLimit = 4096;

  static long JobBytes(const Job& job) {
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

  std::unique_ptr<Job> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (queue_.empty()) return nullptr;
    std::unique_ptr<Job> job = std::move(queue_.front());
    queue_.pop_front();
    queued_bytes_ -= JobBytes(*job);
    if (reader_waiting_ && (queue_.empty() || HalfEmpty())) not_full_.notify_one();
    return job;
  }

  Status Run() {
    auto analyzer = Analyzer::Create();
    if (!analyzer.ok()) return analyzer.status();
    ExtractorOptions extractor_options;
    extractor_options.alias_file = options_.alias_file;
    auto extractor = EntityExtractor::Create(extractor_options);
    if (!extractor.ok()) return extractor.status();
    DocumentBuilder builder(analyzer->get());
    try {
      const long part_limit =
          options_.shard_part_bytes > 0 ? options_.shard_part_bytes : kShardPartBytes;
      Xapian::WritableDatabase db = OpenPart();
      long in_batch = 0, batch_bytes = 0, part_bytes = 0;
      // The part each id went to: a repeated id replaces its first copy
      // there. Earlier parts a repeat went back to stay open until the end.
      std::unordered_map<std::string, uint32_t> part_of;
      std::map<uint32_t, Xapian::WritableDatabase> reopened;
      auto write = [&](const Job& job) {
        Xapian::Document doc = builder.Build(job.article);
        StampDocument(job.article, job.hash, &doc);
        const uint32_t current = static_cast<uint32_t>(parts_.size() - 1);
        auto [it, first] = part_of.emplace(job.article.id, current);
        // add_document is cheaper than a lookup by unique term; only a
        // repeated id (routed to this same worker) needs the replacement.
        if (first) {
          db.add_document(doc);
        } else {
          Xapian::WritableDatabase* target = &db;
          if (it->second != current) {
            auto open = reopened.find(it->second);
            if (open == reopened.end()) {
              open = reopened.emplace(it->second, Xapian::WritableDatabase(
                                                      parts_[it->second], Xapian::DB_OPEN |
                                                                              Xapian::DB_NO_SYNC))
                         .first;
            }
            target = &open->second;
          }
          // The copy it replaces stops counting for its names, as in an
          // incremental run (IndexWriter::Put).
          std::string id_term = schema::IdTerm(job.article.id);
          Xapian::PostingIterator old = target->postlist_begin(id_term);
          if (old != target->postlist_end(id_term)) {
            ForgetStoredNames(target->get_document(*old).get_data(), builder.names());
          }
          target->replace_document(id_term, doc);
        }
        long n = ++*written_;
        if (options_.test_abort_after_docs > 0 && n >= options_.test_abort_after_docs) {
          std::_Exit(137);
        }
        batch_bytes += JobBytes(job);
        part_bytes += JobBytes(job);
        if (++in_batch >= options_.batch_size || batch_bytes >= plan_.flush_bytes ||
            part_bytes >= part_limit) {
          in_batch = 0;
          batch_bytes = 0;
          db.commit();
        }
        if (part_bytes >= part_limit) {
          // Xapian's cost per document grows with the size of the tables it
          // adds to; the merge is linear. Bounded parts keep a fresh build
          // linear in the corpus (see kShardPartBytes).
          db.close();
          db = OpenPart();
          part_bytes = 0;
        }
      };
      // Extracted jobs waiting for the text dictionary, in input order (at
      // most the training sample).
      std::vector<std::unique_ptr<Job>> waiting;
      unsigned text_dict = 0;
      TextDictGate::Native native;
      bool have_dict = false;
      auto write_waiting = [&] {
        builder.set_text_dictionary(text_dict);
        builder.set_native_terms(native);
        for (const auto& job : waiting) write(*job);
        waiting.clear();
      };
      long waiting_bytes = 0;
      while (std::unique_ptr<Job> job = Pop()) {
        (*extractor)->Extract(&job->article);
        if (!have_dict && (have_dict = text_dict_->Ready(&text_dict, &native))) write_waiting();
        if (!have_dict) {
          // Until the reader has its sample, every job is held (at most the
          // sample). Then the dictionary trains beside the reader, and held
          // jobs are bounded like the queue (the flush buffers are still
          // empty) before the worker waits for it.
          waiting_bytes += JobBytes(*job);
          waiting.push_back(std::move(job));
          if (waiting_bytes >= plan_.queue_bytes && text_dict_->training()) {
            text_dict = text_dict_->Wait(&native);
            have_dict = true;
            write_waiting();
          }
          continue;
        }
        write(*job);
      }
      if (!have_dict) {
        text_dict = text_dict_->Wait(&native);
        write_waiting();
      }
      builder.names()->Flush(&db);  // the name table, once: a scratch shard
      db.commit();
      db.close();
      for (auto& [part, earlier] : reopened) {
        earlier.commit();
        earlier.close();
      }
      return Status::OK();
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "cannot write shard " + path_);
    }
  }

  // A scratch part: no fsync (a crash loses only the scratch directory,
  // never the live index). Not DB_DANGEROUS: it measured no faster here,
  // and a write error (disk full) then surfaces as "cancel() not supported"
  // instead of the real cause.
  Xapian::WritableDatabase OpenPart() {
    parts_.push_back(path_ + "-" + std::to_string(parts_.size()));
    return Xapian::WritableDatabase(parts_.back(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                       Xapian::DB_BACKEND_GLASS |
                                                       Xapian::DB_NO_SYNC);
  }

  std::string path_;
  std::vector<std::string> parts_;
  const IndexOptions& options_;
  const MemoryPlan plan_;
  TextDictGate* text_dict_;
  std::atomic<long>* written_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::unique_ptr<Job>> queue_;
  long queued_bytes_ = 0;
  bool closed_ = false;
  bool stopped_ = false;
  bool reader_waiting_ = false;  // in Push, until the queue is half empty
  Status status_;
};

int ThreadCount(const IndexOptions& options) {
  if (options.threads > 0) return options.threads;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : static_cast<int>(std::min(n, 8u));
}

}  // namespace

void StampDocument(const Article& article, uint64_t content_hash, Xapian::Document* doc) {
  doc->add_value(schema::kSlotStamp, StampValue(article.origin_path, content_hash));
  doc->add_boolean_term(schema::kPrefixFile + Hex64(Fnv1a64(article.origin_path)));
}

Status BuildFresh(const FreshBuildInputs& in, const IndexOptions& options,
                  RunReporter* reporter, IndexSummary* summary) {
  std::atomic<long> written{0};
  const int n = ThreadCount(options);
  const MemoryPlan plan = PlanMemory(options.memory_mb, n);
  TextDictGate text_dict_gate;
  std::vector<std::unique_ptr<ShardBuilder>> shards;
  for (int i = 0; i < n; ++i) {
    shards.push_back(std::make_unique<ShardBuilder>(
        (fs::path(in.scratch_dir) / ("shard-" + std::to_string(i))).string(), options, plan,
        &text_dict_gate, &written));
    shards.back()->Start();
  }
  std::vector<FileState> states;
  states.reserve(in.files.size());
  bool worker_stopped = false;
  auto dispatch = [&](std::unique_ptr<Job> job) -> Status {
    size_t shard = Fnv1a64(job->article.id) % shards.size();
    if (!shards[shard]->Push(std::move(job))) {
      worker_stopped = true;
      return Status::Internal("a shard builder stopped");
    }
    return Status::OK();
  };
  // The index's text dictionary is trained on its first articles (up to
  // textdict::kMaxSampleBytes of text); the workers keep them until then.
  std::vector<std::string> samples;
  size_t sample_bytes = 0;
  bool trained = false;
  std::string dict_bytes;
  // The terms with Xapian positions, chosen from a sample of every input file
  // while the first articles are read (native_sample.h).
  TextDictGate::Native native;
  std::future<Result<positions::NativeTerms>> native_choice;
  if (!options.xapian_positions) {
    native_choice = std::async(std::launch::async, [&in] { return ChooseNativeTerms(in.files); });
  }
  // Training runs beside the reader (in the reader it stopped the input for
  // 0.4 s on the shared corpus, and the workers ran dry); it always
  // publishes, so no worker waits for nothing. Joined before the merge reads
  // its result.
  std::future<void> training;
  auto train = [&] {
    trained = true;
    text_dict_gate.MarkTraining();
    training = std::async(std::launch::async, [&, sample = std::move(samples)] {
      dict_bytes = textdict::Train(sample);
      unsigned id = dict_bytes.empty() ? 0 : textdict::Register(dict_bytes);
      if (id == 0) dict_bytes.clear();
      // --positions, or no sample (the analyzer failed to start): every term
      // keeps Xapian positions, a bigger index with the same answers.
      positions::NativeTerms chosen = positions::NativeTerms::All();
      if (native_choice.valid()) {
        Result<positions::NativeTerms> sampled = native_choice.get();
        if (sampled.ok()) chosen = std::move(*sampled);
      }
      native = std::make_shared<positions::NativeTerms>(std::move(chosen));
      text_dict_gate.Publish(id, native);
    });
    samples = std::vector<std::string>();
  };
  ArticleSink route = [&](Article* article, uint64_t hash) -> Status {
    auto job = std::make_unique<Job>();
    job->article = std::move(*article);
    job->hash = hash;
    ++summary->added;
    ++summary->indexed;
    if (trained) return dispatch(std::move(job));
    sample_bytes += job->article.title.size() + job->article.text.size();
    samples.push_back(job->article.title + "\n" + job->article.text);
    Status s = dispatch(std::move(job));
    if (sample_bytes >= textdict::kMaxSampleBytes) train();
    return s;
  };
  Status feed;
  for (const InputFile& file : in.files) {
    ++summary->files;
    reporter->Tick();
    FileScan scan;
    feed = ScanFile(file, nullptr, reporter, summary, route, &scan);
    if (!feed.ok()) break;
    if (scan.outcome != FileScan::Outcome::kUnreadable) states.push_back(std::move(scan.state));
  }
  if (!trained) train();
  training.wait();
  Status first_error;
  for (auto& shard : shards) {
    Status s = shard->Finish();
    if (!s.ok() && first_error.ok()) first_error = s;
  }
  if (!first_error.ok()) return first_error;
  if (!feed.ok() && !worker_stopped) return feed;

  auto merge_start = std::chrono::steady_clock::now();
  try {
    std::string meta_path = (fs::path(in.scratch_dir) / "meta").string();
    {
      Xapian::WritableDatabase meta(meta_path, Xapian::DB_CREATE_OR_OVERWRITE |
                                                   Xapian::DB_BACKEND_GLASS |
                                                   Xapian::DB_NO_SYNC);
      for (const FileState& state : states) {
        meta.set_metadata(FileStateKey(state.path), EncodeFileState(state));
      }
      meta.set_metadata(schema::kMetaAliases, in.aliases);
      meta.set_metadata(schema::kMetaSchema, std::to_string(schema::kSchemaVersion));
      meta.set_metadata(kMetaStateConfig, in.config_stamp);
      if (!dict_bytes.empty()) meta.set_metadata(textdict::kMetaKey, dict_bytes);
      if (native != nullptr) meta.set_metadata(schema::kMetaNativePositions, native->Encode());
      meta.commit();
      meta.close();
    }
    Xapian::Database all;
    for (auto& shard : shards) {
      for (const std::string& part : shard->parts()) all.add_database(Xapian::Database(part));
    }
    all.add_database(Xapian::Database(meta_path));
    facet_ids::NameTableCompactor compactor;  // merges the shards' name tables
    all.compact(in.out_dir, Xapian::Compactor::FULL, 0, compactor);
    summary->documents = static_cast<long>(Xapian::Database(in.out_dir).get_doccount());
    summary->merge_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_start).count();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot merge the new index");
  }
  return Status::OK();
}

}  // namespace pressa

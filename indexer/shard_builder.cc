// ShardBuilder: one worker of a fresh build (shard_builder.h).
#include "indexer/shard_builder.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include "core/schema.h"
#include "core/xapian_status.h"
#include "indexer/document_builder.h"
#include "indexer/entity_extractor.h"
#include "indexer/fresh_build.h"

namespace pressa {
namespace {

// Text bytes one part of a worker's shard takes before the worker starts the
// next part. Xapian's cost per document grows with the tables it adds to
// (on the 10x corpus in one part per worker, 12.8x the CPU of 1x and 13x
// the bytes written); the parts are merged at the end as one shard was. The
// whole sample corpus (142 MB, two workers) stays one part per worker.
constexpr long kShardPartBytes = 96l << 20;

}  // namespace

bool ShardBuilder::Push(std::unique_ptr<ShardJob> job) {
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

Status ShardBuilder::Finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
  return status_;
}

std::unique_ptr<ShardJob> ShardBuilder::Pop() {
  std::unique_lock<std::mutex> lock(mu_);
  not_empty_.wait(lock, [&] { return closed_ || !queue_.empty(); });
  if (queue_.empty()) return nullptr;
  std::unique_ptr<ShardJob> job = std::move(queue_.front());
  queue_.pop_front();
  queued_bytes_ -= JobBytes(*job);
  if (reader_waiting_ && (queue_.empty() || HalfEmpty())) not_full_.notify_one();
  return job;
}

Status ShardBuilder::Run() {
  auto maker = DocumentMaker::Create(options_.alias_file);
  if (!maker.ok()) return maker.status();
  DocumentBuilder& builder = (*maker)->builder();
  try {
    const long part_limit =
        options_.shard_part_bytes > 0 ? options_.shard_part_bytes : kShardPartBytes;
    Xapian::WritableDatabase db = OpenPart();
    long in_batch = 0, batch_bytes = 0, part_bytes = 0;
    // The part each id went to: a repeated id replaces its first copy
    // there. Earlier parts a repeat went back to stay open, at most
    // max_reopened_ (the least recently used is closed), and commit with
    // the current part.
    std::unordered_map<std::string, uint32_t> part_of;
    struct Reopened {
      Xapian::WritableDatabase db;
      uint64_t last_use = 0;
      bool dirty = false;
    };
    std::map<uint32_t, Reopened> reopened;
    uint64_t uses = 0;
    auto write = [&](const ShardJob& job) {
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
            if (reopened.size() >= max_reopened_) {
              auto oldest = std::min_element(reopened.begin(), reopened.end(),
                                             [](const auto& a, const auto& b) {
                                               return a.second.last_use < b.second.last_use;
                                             });
              oldest->second.db.commit();
              oldest->second.db.close();
              reopened.erase(oldest);
            }
            open = reopened
                       .emplace(it->second,
                                Reopened{Xapian::WritableDatabase(
                                    parts_[it->second], Xapian::DB_OPEN | Xapian::DB_NO_SYNC)})
                       .first;
          }
          open->second.last_use = ++uses;
          open->second.dirty = true;
          target = &open->second.db;
        }
        // The copy it replaces stops counting for its names, as in an
        // incremental run (IndexWriter::Put).
        std::string id_term = schema::IdTerm(job.article.id);
        Xapian::PostingIterator old = target->postlist_begin(id_term);
        if (old != target->postlist_end(id_term)) {
          ForgetDocumentNames(*target, *old, builder.names());
        }
        target->replace_document(id_term, doc);
      }
      long n = ++*written_;
      if (options_.test_abort_after_docs > 0 && n >= options_.test_abort_after_docs) {
        std::_Exit(137);
      }
      batch_bytes += JobBytes(job);
      part_bytes += JobBytes(job);
      if (++in_batch >= ShardFlushBatch(options_) || batch_bytes >= plan_.flush_bytes ||
          part_bytes >= part_limit) {
        in_batch = 0;
        batch_bytes = 0;
        db.commit();
        // Replacements in earlier parts are flushed with the batch too, so
        // their buffers stay within the memory plan.
        for (auto& [part, earlier] : reopened) {
          if (earlier.dirty) earlier.db.commit();
          earlier.dirty = false;
        }
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
    std::vector<std::unique_ptr<ShardJob>> waiting;
    unsigned text_dict = 0;
    TextDictGate::Native native;
    bool have_dict = false;
    auto write_waiting = [&] {
      builder.set_text_dictionary(text_dict);
      builder.set_native_terms(native);
      for (const auto& job : waiting) write(*job);
      waiting.clear();
    };
    auto wait_for_dict = [&] {
      text_dict = text_dict_->Wait(&native);
      have_dict = true;
      write_waiting();
    };
    long waiting_bytes = 0;
    while (std::unique_ptr<ShardJob> job = Pop()) {
      (*maker)->extractor().Extract(&job->article);
      if (!have_dict && (have_dict = text_dict_->Ready(&text_dict, &native))) write_waiting();
      if (!have_dict) {
        // Until the reader has its sample, every job is held (at most the
        // sample). Then the dictionary trains beside the reader, and held
        // jobs are bounded like the queue (the flush buffers are still
        // empty) before the worker waits for it.
        waiting_bytes += JobBytes(*job);
        waiting.push_back(std::move(job));
        if (waiting_bytes >= plan_.queue_bytes && text_dict_->training()) wait_for_dict();
        continue;
      }
      write(*job);
    }
    if (!have_dict) wait_for_dict();
    builder.names()->Flush(&db);  // the name table, once: a scratch shard
    db.commit();
    db.close();
    for (auto& [part, earlier] : reopened) {
      earlier.db.commit();
      earlier.db.close();
    }
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot write shard " + path_);
  }
}

// A scratch part: no fsync (a crash loses only the scratch directory, never
// the live index). Not DB_DANGEROUS: it measured no faster here, and a write
// error (disk full) then surfaces as "cancel() not supported" instead of the
// real cause.
Xapian::WritableDatabase ShardBuilder::OpenPart() {
  parts_.push_back(path_ + "-" + std::to_string(parts_.size()));
  return Xapian::WritableDatabase(parts_.back(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                     Xapian::DB_BACKEND_GLASS |
                                                     Xapian::DB_NO_SYNC);
}

}  // namespace pressa

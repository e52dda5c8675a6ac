// BuildFresh: parse in the calling thread, build shards in workers, compact.
#include "indexer/fresh_build.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <limits>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

#include "core/facet_ids.h"
#include "core/hash.h"
#include "core/positions.h"
#include "core/schema.h"
#include "core/text_dict.h"
#include "core/xapian_status.h"
#include "indexer/index_state.h"
#include "indexer/native_sample.h"
#include "indexer/shard_builder.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

// Open files left for Xapian's tables under the soft limit on descriptors
// (the usual 1,024 in cron and services), after 64 for everything else.
size_t SpareDescriptors() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
    return std::numeric_limits<size_t>::max();
  }
  return limit.rlim_cur > 64 ? static_cast<size_t>(limit.rlim_cur - 64) : 0;
}

// A glass database holds up to six tables and a lock open; eight is safe.
constexpr size_t kDescriptorsPerDatabase = 8;

// Xapian's compaction holds every table of every input open for the whole
// merge: one merge of a few hundred parts (about 20 GB of text at the
// default part size) ran out of descriptors at the very end of the build. A
// merge takes at most this many inputs, fewer under a low limit.
constexpr size_t kMergeFanIn = 64;

size_t MergeFanIn(const IndexOptions& options) {
  if (options.merge_fan_in > 0) return static_cast<size_t>(options.merge_fan_in);
  return std::clamp<size_t>(SpareDescriptors() / kDescriptorsPerDatabase, 2, kMergeFanIn);
}

// Earlier parts a worker keeps open for repeated ids (shard_builder.h): each
// holds descriptors and buffered changes, so an input that repeats ids from
// hundreds of parts ran out of descriptors too. The workers share half the
// spare descriptors; their current parts and the reader use the rest.
constexpr size_t kMaxReopenedParts = 16;

size_t MaxReopenedParts(int workers) {
  return std::clamp<size_t>(SpareDescriptors() / kDescriptorsPerDatabase / (2 * workers), 1,
                            kMaxReopenedParts);
}

// Compacts `inputs`, in order, into `out_dir`. Beyond `fan_in` inputs, runs
// of them are first compacted into intermediate databases under `scratch`,
// level by level. Compaction gives each input's documents the ids after the
// previous input's, and merges the name tables by adding counts in input
// order, so the grouping changes neither ids nor counts: the index is that
// of a single merge.
void MergeInOrder(std::vector<std::string> inputs, size_t fan_in, const std::string& scratch,
                  const std::string& out_dir, RunReporter* reporter) {
  facet_ids::NameTableCompactor compactor;  // merges the shards' name tables
  const size_t parts = inputs.size();
  for (int level = 1; inputs.size() > fan_in; ++level) {
    std::vector<std::string> merged;
    for (size_t first = 0; first < inputs.size(); first += fan_in) {
      const size_t end = std::min(first + fan_in, inputs.size());
      if (end - first == 1) {
        merged.push_back(inputs[first]);
        continue;
      }
      reporter->Phase("merging " + std::to_string(parts) + " parts: pass " + std::to_string(level) +
                      ", group " + std::to_string(merged.size() + 1) + " of " +
                      std::to_string((inputs.size() + fan_in - 1) / fan_in));
      std::string dir = (fs::path(scratch) /
                         ("merge-" + std::to_string(level) + "-" + std::to_string(merged.size())))
                            .string();
      {
        Xapian::Database group;
        for (size_t i = first; i < end; ++i) group.add_database(Xapian::Database(inputs[i]));
        group.compact(dir, Xapian::Compactor::FULL, 0, compactor);
      }
      // Merged inputs give their disk space back now, not at the end (the
      // caller removes the scratch directory whatever happens here).
      std::error_code ignored;
      for (size_t i = first; i < end; ++i) fs::remove_all(inputs[i], ignored);
      merged.push_back(std::move(dir));
    }
    inputs = std::move(merged);
  }
  reporter->Phase("merging " + std::to_string(parts) + " parts into the new index");
  Xapian::Database all;
  for (const std::string& input : inputs) all.add_database(Xapian::Database(input));
  all.compact(out_dir, Xapian::Compactor::FULL, 0, compactor);
}

}  // namespace

int WorkerThreads(const IndexOptions& options) {
  if (options.threads > 0) return options.threads;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 2 : static_cast<int>(std::min(n, 8u));
}

void StampDocument(const Article& article, uint64_t content_hash, Xapian::Document* doc) {
  doc->add_value(schema::kSlotStamp, StampValue(article.origin_path, content_hash));
  doc->add_boolean_term(schema::kPrefixFile + Hex64(Fnv1a64(article.origin_path)));
}

Status BuildFresh(const FreshBuildInputs& in, const IndexOptions& options,
                  RunReporter* reporter, IndexSummary* summary) {
  std::atomic<long> written{0};
  const int n = WorkerThreads(options);
  const MemoryPlan plan = PlanMemory(options.memory_mb, n);
  const size_t max_reopened = MaxReopenedParts(n);
  TextDictGate text_dict_gate;
  std::vector<std::unique_ptr<ShardBuilder>> shards;
  for (int i = 0; i < n; ++i) {
    shards.push_back(std::make_unique<ShardBuilder>(
        (fs::path(in.scratch_dir) / ("shard-" + std::to_string(i))).string(), options, plan,
        max_reopened, &text_dict_gate, &written));
    shards.back()->Start();
  }
  std::vector<FileState> states;
  states.reserve(in.files.size());
  bool worker_stopped = false;
  auto dispatch = [&](std::unique_ptr<ShardJob> job) -> Status {
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
  const bool fixed_native = !options.xapian_positions && !options.fixed_native_terms.empty();
  if (!options.xapian_positions && !fixed_native) {
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
      if (fixed_native) {
        chosen = positions::NativeTerms::Decode(options.fixed_native_terms);
      } else if (native_choice.valid()) {
        Result<positions::NativeTerms> sampled = native_choice.get();
        if (sampled.ok()) chosen = std::move(*sampled);
      }
      native = std::make_shared<positions::NativeTerms>(std::move(chosen));
      text_dict_gate.Publish(id, native);
    });
    samples = std::vector<std::string>();
  };
  ArticleSink route = [&](Article* article, uint64_t hash) -> Status {
    auto job = std::make_unique<ShardJob>();
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
      if (fixed_native) meta.set_metadata(schema::kMetaNativeShared, "1");
      meta.commit();
      meta.close();
    }
    std::vector<std::string> inputs;
    for (auto& shard : shards) {
      inputs.insert(inputs.end(), shard->parts().begin(), shard->parts().end());
    }
    inputs.push_back(meta_path);
    MergeInOrder(std::move(inputs), MergeFanIn(options), in.scratch_dir, in.out_dir, reporter);
    summary->documents = static_cast<long>(Xapian::Database(in.out_dir).get_doccount());
    summary->merge_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_start).count();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot merge the new index");
  }
  return Status::OK();
}

}  // namespace pressa

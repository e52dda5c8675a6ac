// The indexing run: lock, choose fresh or incremental, write, swap, compact.
#include "indexer/indexer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/facet_ids.h"
#include "core/hash.h"
#include "core/positions.h"
#include "core/schema.h"
#include "core/text_dict.h"
#include "core/xapian_status.h"
#include "indexer/build_pipeline.h"
#include "indexer/document_builder.h"
#include "indexer/entity_extractor.h"
#include "indexer/fresh_build.h"
#include "indexer/index_dir.h"
#include "indexer/index_state.h"
#include "indexer/index_writer.h"
#include "indexer/input_scan.h"
#include "indexer/reader.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Bump when a change to analysis or document building must invalidate the
// stored states (so the next run re-indexes everything in place).
constexpr int kIndexingVersion = 1;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The alias table's text to store in the index: the file given, or the built-in one.
Result<std::string> LoadAliases(const std::string& alias_file) {
  if (alias_file.empty()) return AliasTable::Default().Serialize();
  std::ifstream in(alias_file, std::ios::binary);
  if (!in) return Status::IOError("cannot read alias file " + alias_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto table = AliasTable::Parse(text);
  if (!table.ok()) return Status::InvalidArgument(alias_file + ": " + table.status().message());
  return table->Serialize();
}

std::string ConfigStamp(const std::string& aliases) {
  std::string all = std::to_string(schema::kSchemaVersion) + "/" +
                    std::to_string(kIndexingVersion) + "/" + aliases;
  return Hex64(ContentHash64(all));
}

// True if `path` was listed from `root` (the root itself or below it).
bool IsUnder(const std::string& path, std::string root) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                          (path[root.size()] == '/' || root == "/"));
}

bool UnderAny(const std::string& path, const std::vector<std::string>& roots) {
  for (const std::string& root : roots) {
    if (IsUnder(path, root)) return true;
  }
  return false;
}

// What a run needs to know of the live index, read with one open.
struct LiveIndex {
  long documents = -1;  // -1: unreadable
  int schema = 0;       // the schema version it was written with; 0: unknown
  std::string native;   // kMetaNativePositions ("*": --positions)
  bool shared = false;  // kMetaNativeShared: the list came from --positions-like
};

LiveIndex ReadLive(const std::string& path) {
  LiveIndex live;
  try {
    Xapian::Database db(path);
    live.documents = static_cast<long>(db.get_doccount());
    std::string v = db.get_metadata(schema::kMetaSchema);
    if (!v.empty() && v.size() <= 6 && v.find_first_not_of("0123456789") == std::string::npos) {
      live.schema = std::stoi(v);
    }
    live.native = db.get_metadata(schema::kMetaNativePositions);
    live.shared = db.get_metadata(schema::kMetaNativeShared) == "1";
  } catch (const Xapian::Error&) {
  }
  return live;
}

// The terms with Xapian positions of the index at `path` (--positions-like),
// encoded; "*" for all terms.
Result<std::string> NativeTermsOf(const std::string& path) {
  try {
    Xapian::Database db(path);
    if (db.get_doccount() == 0) {
      return Status::InvalidArgument("--positions-like " + path +
                                     ": that index has no articles, so no words to share");
    }
    // Decode and encode again: an index from before the choice has no list,
    // which reads as all terms ("*").
    return positions::NativeTerms::Decode(db.get_metadata(schema::kMetaNativePositions)).Encode();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "--positions-like: cannot open " + path);
  }
}

// Updates the live database in place, one input file at a time: its new
// articles, its deletions and its state go into the same commit batch, so
// any commit (and so any crash) leaves documents and state consistent.
class IncrementalRun {
 public:
  IncrementalRun(const IndexOptions& options, RunReporter* reporter, IndexSummary* summary)
      : options_(options), reporter_(reporter), summary_(summary) {}

  // `files` become the run's own: a file may take the name of an earlier
  // state (MatchEarlierNames).
  Status Run(const std::string& live, std::vector<InputFile> files, const std::string& aliases,
             const std::string& config) {
    auto writer = IndexWriter::Open(live);
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    Status s = writer_->SetMetadata(schema::kMetaAliases, aliases);
    if (!s.ok()) return s;
    // --positions-like named an index with the same choice as this one's:
    // nothing to rebuild, and a later rebuild keeps it.
    if (!options_.fixed_native_terms.empty()) {
      s = writer_->SetMetadata(schema::kMetaNativeShared, "1");
      if (!s.ok()) return s;
    }
    IncrementalState state(&writer_->db(), config);
    state.set_before_delete([this](Xapian::docid did) { writer_->ForgetNamesOf(did); });
    state_ = &state;

    std::vector<Unlisted> unlisted;
    s = LoadUnlisted(files, &unlisted);
    if (!s.ok()) return s;
    MatchEarlierNames(&files, &unlisted);
    for (const InputFile& file : files) {
      ++summary_->files;
      reporter_->Tick();
      s = UpdateFile(file);
      if (!s.ok()) return s;
    }
    s = RetireDuplicates();
    if (!s.ok()) return s;
    s = DeleteVanished(unlisted);
    if (!s.ok()) return s;
    s = state.SaveConfig();
    if (!s.ok()) return s;
    s = writer_->Commit();
    if (!s.ok()) return s;
    try {
      summary_->documents = static_cast<long>(writer_->db().get_doccount());
    } catch (const Xapian::Error&) {
    }
    return Status::OK();
  }

 private:
  Status UpdateFile(const InputFile& file) {
    Result<FileState> old = state_->Load(file.key_path());
    if (!old.ok() && !old.status().IsNotFound() &&
        old.status().code() != Status::Code::kCorruption) {
      return old.status();
    }
    // Read in full: every article is indexed again under this name.
    const bool in_full = read_in_full_.count(file.path) > 0;
    FileScan scan;
    Status s = ScanFile(file, old.ok() && !in_full ? &*old : nullptr, reporter_, summary_,
                        [this](Article* a, uint64_t h) { return Write(a, h); }, &scan);
    // Its documents are in before its deletions and its state.
    if (s.ok()) s = Drain();
    if (!s.ok()) return s;
    switch (scan.outcome) {
      case FileScan::Outcome::kUnchanged:
        // A state from before canonical paths learns its file's, so that
        // a later run may name the file otherwise.
        if (!scan.state.canonical.empty()) return Status::OK();
        scan.state.canonical = CanonicalPath(file.path);
        return scan.state.canonical.empty() ? Status::OK() : state_->Save(scan.state);
      case FileScan::Outcome::kUnreadable:
        return Status::OK();
      case FileScan::Outcome::kTouched:
        return state_->Save(scan.state);
      case FileScan::Outcome::kRead:
        break;
    }
    if (in_full || (!old.ok() && !state_->trusted())) {
      // Read without the state, which still says which ids the file used to yield.
      Result<FileState> any = state_->LoadAny(file.key_path());
      if (any.ok()) {
        std::unordered_set<std::string> kept;
        for (const auto& e : scan.state.entries) kept.insert(e.id);
        for (const auto& e : any->entries) {
          if (kept.insert(e.id).second) scan.removed_ids.push_back(e.id);
        }
      }
    }
    for (const std::string& id : scan.removed_ids) {
      bool deleted = false;
      s = state_->DeleteIfOwned(id, file.key_path(), &deleted);
      if (!s.ok()) return s;
      if (deleted) {
        ++summary_->deleted;
        s = Count();
        if (!s.ok()) return s;
      }
    }
    return state_->Save(scan.state);
  }

  // A stored state of a file this run does not list under its name.
  struct Unlisted {
    std::string key;
    FileState state;
    bool claimed = false;  // the earlier name of a listed file (MatchEarlierNames)
  };

  // Reads the states of files not listed under their name once, for
  // MatchEarlierNames and DeleteVanished; stored_ gets the keys of the
  // listed files' own states.
  Status LoadUnlisted(const std::vector<InputFile>& files, std::vector<Unlisted>* unlisted) {
    auto keys = state_->AllKeys();
    if (!keys.ok()) return keys.status();
    std::unordered_set<std::string> listed;
    for (const InputFile& file : files) listed.insert(FileStateKey(file.path));
    for (std::string& key : *keys) {
      if (listed.count(key) > 0) {
        stored_.insert(std::move(key));
        continue;
      }
      Result<FileState> state = state_->LoadKey(key);
      if (state.ok()) unlisted->push_back({std::move(key), std::move(*state)});
    }
    return Status::OK();
  }

  // The state is keyed by each file's path as first listed. A listed file
  // may have a state under another name too, from a run that spelled its
  // path otherwise (absolute against relative, "x/../src", a symlink) or
  // listed a hard link to it: an unlisted state whose recorded canonical
  // path names the same file (device and inode) now. A file with
  // no state of its own and one such state takes that name, so what is
  // unchanged is not indexed again and its documents keep their owner. A
  // file with its own state and such states too (left by versions that keyed
  // by the spelling alone, which indexed the file again under each name) is
  // read in full, so that its documents become its own name's, and the
  // other states are retired after the files (RetireDuplicates).
  void MatchEarlierNames(std::vector<InputFile>* files, std::vector<Unlisted>* unlisted) {
    std::map<std::pair<uint64_t, uint64_t>, std::vector<Unlisted*>> earlier;  // by identity
    for (Unlisted& before : *unlisted) {
      std::string canonical = RecordedCanonical(before.state);
      InputFile now;  // what that path names now; gone, or no inode number: no match
      if (canonical.empty() || !StatInput(canonical, &now) || now.ino == 0) continue;
      earlier[{now.dev, now.ino}].push_back(&before);
    }
    if (earlier.empty()) return;
    long declined = 0;
    std::string first, first_before;
    for (InputFile& file : *files) {
      auto it = earlier.find({file.dev, file.ino});
      if (it == earlier.end()) continue;
      const bool known = stored_.count(FileStateKey(file.path)) > 0;
      std::vector<Unlisted*> names;
      for (Unlisted* other : it->second) {
        const FileState& before = other->state;
        // A relative name from a state of format 1 was resolved against this
        // run's directory, perhaps not the one it was listed from: only a
        // file unchanged since is surely the one that state describes.
        if (before.canonical.empty() && !fs::path(before.path).is_absolute() &&
            (before.size != file.size || before.mtime_ns != file.mtime_ns)) {
          if (!known && declined++ == 0) first = file.path, first_before = before.path;
          continue;
        }
        names.push_back(other);
      }
      if (names.empty()) continue;
      for (Unlisted* other : names) other->claimed = true;
      if (!known && names.size() == 1) {
        file.known_as = names[0]->state.path;
      } else {
        read_in_full_.insert(file.path);
        for (Unlisted* other : names) duplicates_.push_back(std::move(other->state));
      }
      earlier.erase(it);  // each state names one file
    }
    if (declined == 0) return;
    reporter_->Warn(first, 0,
                    "perhaps indexed before as " + first_before + "; " + std::to_string(declined) +
                        " changed file(s) named otherwise than in earlier runs have their "
                        "articles indexed again: give the paths as those runs did");
  }

  // The other names of files read in full (MatchEarlierNames): the
  // documents they still own are ones the file no longer yields. Held back
  // as other deletions are (the file is then read in full again next time).
  Status RetireDuplicates() {
    for (const FileState& other : duplicates_) {
      if (options_.no_delete || !summary_->complete) {
        summary_->deletions_held = true;
        continue;
      }
      Status s = DeleteOwned(other);
      if (s.ok()) s = state_->Remove(other.path);
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

  // Deletes the documents of `state`'s entries that its file still owns.
  Status DeleteOwned(const FileState& state) {
    for (const FileState::Entry& e : state.entries) {
      bool deleted = false;
      Status s = state_->DeleteIfOwned(e.id, state.path, &deleted);
      if (!s.ok()) return s;
      if (deleted) {
        ++summary_->deleted;
        s = Count();
        if (!s.ok()) return s;
      }
    }
    return Status::OK();
  }

  // Where the file a state describes is: the canonical path the state
  // recorded, or that of its name if absolute (a relative name of a format-1
  // state is resolved against this run's directory); "" if unknown.
  static std::string RecordedCanonical(const FileState& state) {
    if (!state.canonical.empty()) return state.canonical;
    return CanonicalPath(state.path);
  }

  // True if the file a state describes is under one of the PATHs given: by
  // its name, or by its recorded or absolute canonical path.
  bool UnderPaths(const FileState& state) {
    if (UnderAny(state.path, options_.paths)) return true;
    if (state.canonical.empty() && !fs::path(state.path).is_absolute()) return false;
    if (canonical_roots_.empty()) {
      for (const std::string& root : options_.paths) {
        std::string canonical = CanonicalPath(root);
        if (!canonical.empty()) canonical_roots_.push_back(std::move(canonical));
      }
    }
    return UnderAny(RecordedCanonical(state), canonical_roots_);
  }

  // Files with a stored state that were not listed this time, under one of
  // the PATHs given: their documents go, unless the run was incomplete.
  Status DeleteVanished(const std::vector<Unlisted>& unlisted) {
    for (const Unlisted& gone : unlisted) {
      if (gone.claimed || !UnderPaths(gone.state)) continue;
      if (options_.no_delete || !summary_->complete) {
        summary_->deletions_held = true;
        continue;
      }
      Status s = DeleteOwned(gone.state);
      if (s.ok()) s = state_->RemoveKey(gone.key);
      if (!s.ok()) return s;
    }
    return Status::OK();
  }

  Status Write(Article* article, uint64_t hash) {
    if (!builders_started_) {
      Status s = StartBuilders();
      if (!s.ok()) return s;
    }
    if (pipeline_ != nullptr) return pipeline_->Submit(article, hash, put_);
    return Put(*article, maker_->Make(article, hash));
  }

  // Created on first need: a run with nothing new does not pay for them.
  // With more than one thread, workers extract entities and build documents
  // beside this thread, which reads and writes: on long articles building
  // is most of the work (one worker beside the writer gained nothing).
  Status StartBuilders() {
    unsigned text_dict = 0;
    std::shared_ptr<const positions::NativeTerms> native;
    try {
      // New documents use the dictionary of the index's first build, so an
      // index has one dictionary for its whole life (a rebuild trains anew).
      text_dict = textdict::RegisterFrom(writer_->db());
      // Likewise the terms with Xapian positions.
      native = std::make_shared<positions::NativeTerms>(
          options_.xapian_positions
              ? positions::NativeTerms::All()
              : positions::NativeTerms::Decode(
                    writer_->db().get_metadata(schema::kMetaNativePositions)));
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "cannot read the text dictionary");
    }
    const int workers = WorkerThreads(options_);
    if (workers > 1) {
      BuildPipeline::Options pipeline_options;
      pipeline_options.workers = workers;
      pipeline_options.alias_file = options_.alias_file;
      pipeline_options.text_dict = text_dict;
      pipeline_options.native = native;
      // The queue's share of the budget once each worker's analyzer and
      // extractor are counted; the writer's flushes keep theirs.
      pipeline_options.max_bytes = PlanMemory(options_.memory_mb, 1 + workers).queue_bytes;
      auto pipeline = BuildPipeline::Start(pipeline_options);
      if (!pipeline.ok()) return pipeline.status();
      pipeline_ = std::move(*pipeline);
      writer_->SetNameTable(&names_);
      put_ = [this](BuiltDocument* built) {
        for (const auto& [id, name] : built->names) names_.Add(id, name);
        return Put(built->article, built->doc);
      };
      builders_started_ = true;
      return Status::OK();
    }
    auto maker = DocumentMaker::Create(options_.alias_file);
    if (!maker.ok()) return maker.status();
    maker_ = std::move(*maker);
    writer_->SetNameTable(maker_->builder().names());
    maker_->builder().set_text_dictionary(text_dict);
    maker_->builder().set_native_terms(std::move(native));
    builders_started_ = true;
    return Status::OK();
  }

  // The documents built, in input order.
  Status Drain() { return pipeline_ == nullptr ? Status::OK() : pipeline_->Drain(put_); }

  Status Put(const Article& article, const Xapian::Document& doc) {
    bool existed = false;
    Status s = writer_->Put(schema::IdTerm(article.id), doc, &existed);
    if (!s.ok()) return s;
    ++(existed ? summary_->updated : summary_->added);
    ++summary_->indexed;
    if (options_.test_abort_after_docs > 0 && summary_->indexed >= options_.test_abort_after_docs) {
      std::_Exit(137);
    }
    return Count(article.text.size() + article.title.size());
  }

  // Commits every batch_size changes, or sooner when the text buffered
  // reaches the memory budget's share: the most work a crash can lose.
  Status Count(size_t text_bytes = 0) {
    pending_bytes_ += static_cast<long>(text_bytes);
    if (++pending_ < CommitBatch(options_) &&
        pending_bytes_ < PlanMemory(options_.memory_mb, 1).flush_bytes) {
      return Status::OK();
    }
    pending_ = 0;
    pending_bytes_ = 0;
    return writer_->Commit();
  }

  const IndexOptions& options_;
  RunReporter* reporter_;
  IndexSummary* summary_;
  std::unique_ptr<IndexWriter> writer_;
  IncrementalState* state_ = nullptr;
  std::unique_ptr<DocumentMaker> maker_;  // without the pipeline
  bool builders_started_ = false;
  std::unique_ptr<BuildPipeline> pipeline_;
  std::vector<std::string> canonical_roots_;  // of options_.paths, on first need
  std::unordered_set<std::string> stored_;  // keys of the listed files' own states
  std::unordered_set<std::string> read_in_full_;  // paths of files with other names
  std::vector<FileState> duplicates_;             // their other names' states
  BuildPipeline::Writer put_;
  facet_ids::NameTableWriter names_;  // the pipeline's documents' names
  long pending_ = 0;
  long pending_bytes_ = 0;
};

// An empty generation, published at once, so that DIR opens (and answers
// with no results) while the first build runs or if it is killed.
Status PublishEmpty(IndexDir* dir) {
  std::string gen, scratch;
  Status s = dir->NextGeneration(&gen, &scratch);
  if (!s.ok()) return s;
  std::error_code ec;
  fs::remove_all(scratch, ec);
  auto writer = IndexWriter::Open(gen);
  if (!writer.ok()) return writer.status();
  s = (*writer)->Commit();
  if (!s.ok()) return s;
  writer->reset();
  return dir->Publish(gen);
}

Status BuildAndSwap(IndexDir* dir, const std::vector<InputFile>& files,
                    const IndexOptions& options, const std::string& aliases,
                    const std::string& config, RunReporter* reporter, IndexSummary* summary) {
  FreshBuildInputs in;
  in.files = files;
  in.aliases = aliases;
  in.config_stamp = config;
  Status s = dir->NextGeneration(&in.out_dir, &in.scratch_dir);
  if (!s.ok()) return s;
  s = BuildFresh(in, options, reporter, summary);
  std::error_code ec;
  fs::remove_all(in.scratch_dir, ec);
  if (s.ok() && !summary->complete && options.rebuild) {
    s = Status::IOError("part of the input could not be read; the new index would lack it, "
                        "so the live index is kept");
  }
  if (!s.ok()) {
    fs::remove_all(in.out_dir, ec);
    return s;
  }
  return dir->Publish(in.out_dir);
}

Status CompactLive(IndexDir* dir, IndexSummary* summary) {
  std::string live = dir->LivePath();
  if (live.empty()) return Status::OK();
  std::string gen, scratch;
  Status s = dir->NextGeneration(&gen, &scratch);
  if (!s.ok()) return s;
  std::error_code ec;
  fs::remove_all(scratch, ec);
  try {
    Xapian::Database(live).compact(gen, Xapian::Compactor::FULL);
  } catch (const Xapian::Error& e) {
    fs::remove_all(gen, ec);
    return StatusFromXapian(e, "cannot compact the index");
  }
  s = dir->Publish(gen);
  if (s.ok()) summary->compacted = true;
  return s;
}

}  // namespace

MemoryPlan PlanMemory(int memory_mb, int writers) {
  if (memory_mb <= 0) memory_mb = kDefaultMemoryMb;
  if (writers < 1) writers = 1;
  // Measured on the reference corpus: a flush batch costs about 7 bytes of
  // resident memory per byte of article text (Xapian's posting, position
  // and termlist buffers); the fixed part (code, ICU data, gazetteers, one
  // analyzer and extractor per writer) is about 100 MB + 20 MB per writer.
  constexpr long kBytesPerTextByte = 8;
  long mb = std::max<long>(memory_mb, kMinMemoryMb) - 100 - 20L * writers;
  long per_writer = std::max<long>(mb, 32) * (1L << 20) / writers;
  MemoryPlan plan;
  // Three quarters to the flush buffers, a quarter to the queues (held as
  // Articles, about 2 bytes per text byte with their copies).
  plan.flush_bytes = std::max<long>(per_writer * 3 / 4 / kBytesPerTextByte, 1L << 20);
  plan.queue_bytes = std::max<long>(per_writer / 4 / 2, 1L << 20);
  return plan;
}

Status ForEachArticle(const std::vector<std::string>& paths, const std::string& alias_file,
                      std::ostream* warnings, std::ostream* progress, IndexSummary* summary,
                      const std::function<Status(const Article&)>& sink) {
  auto start = Clock::now();
  ExtractorOptions extractor_options;
  extractor_options.alias_file = alias_file;
  auto extractor = EntityExtractor::Create(extractor_options);
  if (!extractor.ok()) return extractor.status();

  std::vector<std::string> list_warnings;
  std::vector<InputFile> files = ListInputs(paths, &list_warnings, &summary->complete);
  RunReporter reporter(warnings, progress, summary, static_cast<long>(files.size()));
  for (const std::string& w : list_warnings) reporter.Warn("pressa-index", 0, w);
  for (const InputFile& file : files) {
    ++summary->files;
    reporter.Tick();
    FileScan scan;
    Status s = ScanFile(file, nullptr, &reporter, summary,
                        [&](Article* article, uint64_t) -> Status {
                          (*extractor)->Extract(article);
                          Status r = sink(*article);
                          if (r.ok()) ++summary->indexed;
                          return r;
                        },
                        &scan);
    if (!s.ok()) return s;
  }
  reporter.Tick(true);
  reporter.ClearProgress();
  summary->seconds = SecondsSince(start);
  return Status::OK();
}

Status RunIndex(const IndexOptions& options, IndexSummary* summary) {
  auto start = Clock::now();
  auto dir = IndexDir::Lock(options.db);
  if (!dir.ok()) return dir.status();
  // Leftovers of a killed rebuild, and generations an earlier swap retired.
  (*dir)->RemoveStale(nullptr);
  auto aliases = LoadAliases(options.alias_file);
  if (!aliases.ok()) return aliases.status();
  const std::string config = ConfigStamp(*aliases);

  std::vector<std::string> list_warnings;
  std::vector<InputFile> files = ListInputs(options.paths, &list_warnings, &summary->complete);
  RunReporter reporter(options.warnings, options.progress, summary,
                       static_cast<long>(files.size()));
  for (const std::string& w : list_warnings) reporter.Warn("pressa-index", 0, w);

  Status status;
  std::string live = (*dir)->LivePath();
  if (live.empty()) {
    status = PublishEmpty(dir->get());
    if (!status.ok()) return status;
    live = (*dir)->LivePath();
  }
  // An index in an older format (schema::kSchemaVersion) is rebuilt as by
  // --rebuild; one in a newer format is left alone.
  const LiveIndex state = ReadLive(live);
  const int schema_version = state.schema;
  const bool has_documents = state.documents > 0;
  if (schema_version > schema::kSchemaVersion) {
    return Status::Corruption(live + " was written by a newer Pressa (schema " +
                              std::to_string(schema_version) + ")");
  }
  bool upgrade = schema_version < schema::kSchemaVersion && has_documents;
  if (upgrade && !options.rebuild) {
    reporter.Warn(options.db, 0,
                  "the index is in an older format (schema " + std::to_string(schema_version) +
                      "); rebuilding it in schema " + std::to_string(schema::kSchemaVersion) +
                      " as --rebuild does");
  }
  // Xapian positions, once asked for, stay; adding them to the documents
  // already indexed takes a rebuild.
  // A choice of terms with Xapian positions taken from another index
  // (--positions-like) stays too, through rebuilds; taking another one
  // rebuilds the index.
  IndexOptions run_options = options;
  const bool had_positions = state.native == "*";
  std::string shared;  // the encoded choice this run keeps or takes; "": its own
  if (!options.positions_like.empty()) {
    Result<std::string> like = NativeTermsOf(options.positions_like);
    if (!like.ok()) return like.status();
    shared = *like;
  } else if (state.shared && !options.xapian_positions) {
    shared = state.native;
  }
  const bool all_positions = options.xapian_positions || shared == "*";
  run_options.xapian_positions = all_positions || (had_positions && shared.empty());
  run_options.fixed_native_terms = all_positions ? "" : shared;
  bool add_positions = all_positions && !had_positions && has_documents;
  bool take_shared = !run_options.fixed_native_terms.empty() && has_documents &&
                     state.native != shared;
  if (add_positions && !options.rebuild && !upgrade) {
    reporter.Warn(options.db, 0, "--positions: rebuilding the index with Xapian positions");
  }
  if (take_shared && !options.rebuild && !upgrade) {
    reporter.Warn(options.db, 0,
                  "--positions-like: rebuilding the index to give Xapian positions to the "
                  "words " + options.positions_like + " gives them");
  }
  if (options.rebuild || upgrade || add_positions || take_shared || !has_documents) {
    bool rebuild = options.rebuild || upgrade || add_positions || take_shared;
    summary->mode = rebuild ? "rebuild" : "fresh";
    IndexOptions build_options = run_options;
    build_options.rebuild = rebuild;
    status = BuildAndSwap(dir->get(), files, build_options, *aliases, config, &reporter,
                          summary);
  } else {
    summary->mode = "incremental";
    IncrementalRun run(run_options, &reporter, summary);
    status = run.Run(live, std::move(files), *aliases, config);
  }
  reporter.Tick(true);
  reporter.ClearProgress();
  if (status.ok() && options.compact) status = CompactLive(dir->get(), summary);
  summary->live = (*dir)->LivePath();
  summary->seconds = SecondsSince(start);
  return status;
}

std::string SummaryLine(const IndexSummary& s) {
  char buf[400];
  std::snprintf(buf, sizeof buf,
                "indexed %ld, skipped %ld, warnings %ld; added %ld, updated %ld, deleted %ld, "
                "unchanged %ld%s; %ld files (%ld read), %.1f MB in %.1f s (%.0f docs/s)%s",
                s.indexed, s.skipped, s.warnings, s.added, s.updated, s.deleted, s.unchanged,
                s.deletions_held ? " (deletions held back)" : "", s.files, s.files_read,
                s.bytes / 1e6, s.seconds, s.seconds > 0 ? s.indexed / s.seconds : 0.0,
                s.compacted ? "; compacted" : "");
  return buf;
}

std::string SummaryJson(const IndexSummary& s, const Status& status) {
  nlohmann::json j = {
      {"status", status.ok() ? "ok" : status.IsLocked() ? "locked" : "failed"},
      {"error", status.ok() ? nlohmann::json(nullptr) : nlohmann::json(status.ToString())},
      {"mode", s.mode},           {"files", s.files},         {"files_read", s.files_read},
      {"indexed", s.indexed},     {"added", s.added},         {"updated", s.updated},
      {"deleted", s.deleted},     {"unchanged", s.unchanged}, {"skipped", s.skipped},
      {"warnings", s.warnings},   {"bytes", s.bytes},         {"documents", s.documents},
      {"seconds", s.seconds},     {"merge_seconds", s.merge_seconds},
      {"complete", s.complete},
      {"deletions_held", s.deletions_held},                   {"compacted", s.compacted},
      {"live", s.live}};
  return j.dump();
}

}  // namespace pressa

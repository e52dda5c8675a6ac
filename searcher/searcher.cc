// Searcher: opening the index and following its updates, request
// validation, stored documents (the query itself: searcher_query.cc).
#include "searcher/searcher.h"

#include <sys/stat.h>

#include <utility>

#include <xapian.h>

#include "core/positions.h"
#include "core/schema.h"
#include "core/split.h"
#include "core/text_dict.h"
#include "core/utf8.h"
#include "core/xapian_status.h"
#include "searcher/alias_lines.h"
#include "searcher/facets.h"
#include "searcher/positional.h"
#include "searcher/searcher_impl.h"
#include "searcher/shards.h"
#include "searcher/ranking.h"
#include "searcher/spelling.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {
namespace {

constexpr int kMaxOffset = 100000;

// Xapian keeps the two newest revisions readable: a writer that commits
// twice while a search reads (a nightly run commits every --batch articles)
// discards the one it read. Opening or searching then starts again on the
// newest revision, this many times after the first.
constexpr int kRetriesWhenModified = 4;

Status Validate(const SearchRequest& r) {
  if (!utf8::IsValid(r.query)) return Status::InvalidArgument("the query is not valid UTF-8");
  if (r.limit < 1 || r.limit > kMaxLimit) {
    return Status::InvalidArgument("limit must be between 1 and " + std::to_string(kMaxLimit));
  }
  if (r.offset < 0 || r.offset > kMaxOffset) {
    return Status::InvalidArgument("offset must be between 0 and " + std::to_string(kMaxOffset));
  }
  for (const std::string* d : {&r.from, &r.to}) {
    if (!d->empty() && schema::DateToSlot(*d).empty()) {
      return Status::InvalidArgument("'" + *d + "' is not a date of the form YYYY-MM-DD");
    }
  }
  if (!r.from.empty() && !r.to.empty() && r.from > r.to) {
    return Status::InvalidArgument("the date range ends (" + r.to + ") before it starts (" +
                                   r.from + ")");
  }
  for (const auto* list : {&r.orgs, &r.persons, &r.places, &r.sources}) {
    for (const std::string& v : *list) {
      if (!utf8::IsValid(v) || v.size() > kMaxQueryBytes) {
        return Status::InvalidArgument("a filter value is not valid UTF-8 or is too long");
      }
    }
  }
  return Status::OK();
}

}  // namespace

// Identity of DIR/XAPIANDB (inode and mtime; rename(2) makes a new inode);
// empty when `path` is not a directory with a stub (a plain glass index).
static std::string StubId(const std::string& path) {
  struct stat st;
  if (::stat((path + "/XAPIANDB").c_str(), &st) != 0) return "";
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

static bool IsGenerationDir(const std::string& path) { return !StubId(path).empty(); }

void Searcher::Impl::LoadTextDictionaries() {
  dictionaries_loaded = true;
  for (std::string& bytes : facet_cache->ShardMetadata(db, textdict::kMetaKey)) {
    if (!bytes.empty()) textdict::Register(std::move(bytes));
  }
}

Result<schema::StoredDoc> Searcher::Impl::Decode(const Xapian::Document& doc) {
  std::string data = schema::StoredDocBytes(doc);
  if (!textdict::Known(schema::StoredDocDictionary(data))) LoadTextDictionaries();
  return schema::DecodeStoredDoc(data);
}

void Searcher::Impl::IndexChanged() {
  facet_cache->IndexChanged();
  native_lists.reset();  // Natives() reads the new lists
  aliases_stale = true;  // RefreshAliases() at the next search
}

void Searcher::Impl::RefreshAliases() {
  if (!aliases_stale) return;
  std::string text = db.get_metadata(schema::kMetaAliases);  // may throw: Search retries
  aliases_stale = false;
  if (text == alias_text) return;
  alias_text = std::move(text);
  aliases.reset();
  alias_status = Status::OK();
  expander.reset();
  query_expander.reset();
  alias_queries = 0;
}

const AliasTable& Searcher::Impl::Aliases() {
  if (aliases == nullptr) {
    aliases = std::make_unique<AliasTable>();
    if (!alias_text.empty()) {
      auto table = AliasTable::Parse(alias_text);
      if (table.ok()) {
        *aliases = std::move(*table);
      } else {
        alias_status = Status::Corruption(path + ": " + table.status().message());
      }
    }
  }
  return *aliases;
}

const AliasExpander& Searcher::Impl::Expander(const std::vector<QueryItem>& items) {
  if (expander != nullptr) return *expander;
  const std::string lines = AliasLinesForQuery(alias_text, items);
  if (lines.empty()) {
    // No name can match: the table-less expander expands the same way.
    if (plain_expander == nullptr) {
      plain_expander = std::make_unique<AliasExpander>();
      plain_expander->Build(AliasTable(), analyzer.get());
    }
    return *plain_expander;
  }
  if (++alias_queries == 1) {
    auto table = AliasTable::Parse(lines);
    if (table.ok()) {
      query_expander = std::make_unique<AliasExpander>();
      query_expander->Build(*table, analyzer.get());
      return *query_expander;
    }
  }
  query_expander.reset();
  {
    expander = std::make_unique<AliasExpander>();
    expander->Build(Aliases(), analyzer.get());
  }
  return *expander;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& db_path) {
  auto impl = std::make_unique<Impl>();
  impl->path = db_path;
  const ShardKinds kinds = KindsOfShards(db_path);
  impl->remote_shards = kinds.remote;
  impl->local_and_remote = kinds.local && kinds.remote;
  impl->facet_cache = std::make_unique<FacetCache>(db_path);
  // A writer may commit (DatabaseModifiedError) or swap generations and
  // retire the one the stub named (DatabaseOpeningError) while we open.
  for (int attempt = 0;; ++attempt) try {
    impl->db = Xapian::Database(db_path);
    std::string version = impl->db.get_metadata(schema::kMetaSchema);
    if (version.empty() && impl->db.get_doccount() > 0) {
      return Status::Corruption(db_path + " is not a Pressa index");
    }
    // A damaged stamp is refused like a newer one, never thrown out of stoi.
    bool numeric =
        version.size() <= 6 && version.find_first_not_of("0123456789") == std::string::npos;
    if (!version.empty() && (!numeric || std::stoi(version) > schema::kSchemaVersion)) {
      return Status::Corruption(db_path + " was written by a newer Pressa (schema " + version +
                                ")");
    }
    // Facets read slots an older index lacks: refuse rather than count wrong.
    if (!version.empty() && std::stoi(version) < schema::kSchemaVersion &&
        impl->db.get_doccount() > 0) {
      return Status::Corruption(db_path + " is in an older Pressa format (schema " + version +
                                "); rebuild it with pressa-index --rebuild");
    }
    impl->alias_text = impl->db.get_metadata(schema::kMetaAliases);
    // Through a remote shard, phrases are Xapian's own operators: every shard
    // needs Xapian positions for every word, or rare words' phrases would
    // silently match nothing there.
    if (impl->remote_shards) {
      for (const std::string& v :
           impl->facet_cache->ShardMetadata(impl->db, schema::kMetaNativePositions)) {
        if (!positions::NativeTerms::Decode(v).all()) {
          return Status::InvalidArgument(
              db_path + " lists a remote shard, so every shard must be built with "
                        "pressa-index --positions (one is not)");
        }
      }
    }
    break;
  } catch (const Xapian::DatabaseModifiedError& e) {
    if (attempt >= kRetriesWhenModified) {
      return StatusFromXapian(e, "cannot open index " + db_path);
    }
  } catch (const Xapian::DatabaseOpeningError& e) {
    if (attempt >= 1 || !IsGenerationDir(db_path)) {
      return StatusFromXapian(e, "cannot open index " + db_path);
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot open index " + db_path);
  }
  impl->stub_id = StubId(db_path);
  auto analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  impl->analyzer = std::move(*analyzer);
  impl->speller = std::make_unique<Speller>(&impl->db, impl->analyzer.get());
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

bool Searcher::Impl::FollowIndex() {
  // pressa-index --rebuild/--compact swap in a new generation by replacing
  // DIR/XAPIANDB (see indexer/index_dir.h): one stat.
  std::string live = StubId(path);
  if (live != stub_id) {
    db = Xapian::Database(path);
    stub_id = live;
  } else {
    // A nightly run commits in place: one small read of the version file.
    try {
      if (!db.reopen()) return false;
    } catch (const Xapian::Error&) {
      // The generation was retired under us: open the live one by path.
      db = Xapian::Database(path);
      stub_id = StubId(path);
    }
  }
  IndexChanged();
  return true;
}

bool Searcher::Refresh() {
  impl_->view_checked = true;
  try {
    return impl_->FollowIndex();
  } catch (const Xapian::Error&) {
    return false;  // keep the view we have; the search reports a failure, the next one retries
  }
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  Status valid = Validate(request);
  if (!valid.ok()) return valid;
  // A long-lived searcher (the server, an embedding program) answers from the
  // newest revision, not from the one it opened. A searcher just opened
  // (every CGI request) or just Refresh()ed only checks for a swapped
  // generation (one stat), not for a new revision (a read).
  if (!impl_->view_checked || StubId(impl_->path) != impl_->stub_id) Refresh();
  impl_->view_checked = false;
  for (int attempt = 0;; ++attempt) {
    try {
      // Fresh for each attempt.
      PositionalScope positions(impl_->Layout(), [this] { return impl_->Natives(); });
      return impl_->Run(request);
    } catch (const Xapian::DatabaseModifiedError& e) {
      // A writer committed under us: reopen at the newest revision and retry.
      if (attempt >= kRetriesWhenModified) {
        return StatusFromXapian(e, "index changed during the search");
      }
      try {
        impl_->FollowIndex();
      } catch (const Xapian::Error& e2) {
        return StatusFromXapian(e2, "cannot reopen index " + impl_->path);
      }
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "search failed");
    }
  }
}

std::shared_ptr<const NativeLists> Searcher::Impl::Natives() {
  if (native_lists_stub != stub_id || native_lists == nullptr) {
    native_lists_stub = stub_id;
    native_lists = nullptr;
    auto lists = std::make_shared<NativeLists>();
    if (db.size() == 1) {
      lists->all = std::make_shared<positions::NativeTerms>(
          positions::NativeTerms::Decode(db.get_metadata(schema::kMetaNativePositions)));
    } else if (!remote_shards) {
      // Merged local shards: each one's list, and the terms in every one.
      std::vector<std::string> values =
          facet_cache->ShardMetadata(db, schema::kMetaNativePositions);
      std::vector<std::string> uuids = SplitAt(db.get_uuid(), ':');
      if (values.size() == db.size() && uuids.size() == db.size()) {
        std::vector<positions::NativeTerms> each;
        for (size_t i = 0; i < values.size(); ++i) {
          each.push_back(positions::NativeTerms::Decode(values[i]));
          lists->by_shard[uuids[i]] = std::make_shared<positions::NativeTerms>(each.back());
        }
        lists->all = std::make_shared<positions::NativeTerms>(positions::NativeTerms::Common(each));
      }
    }
    native_lists = std::move(lists);
  }
  return native_lists;
}

long Searcher::DocCount() const {
  try {
    return static_cast<long>(impl_->db.get_doccount());
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace pressa

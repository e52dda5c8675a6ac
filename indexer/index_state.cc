// FileState encoding and the metadata-backed incremental state.
#include "indexer/index_state.h"

#include <filesystem>
#include <system_error>

#include "core/hash.h"
#include "core/schema.h"
#include "core/xapian_status.h"

namespace pressa {
namespace {

constexpr char kFormatVersion1 = '\x01';
constexpr char kFormatVersion = '\x02';  // format 1 and `canonical` after the entries

void PutU64(uint64_t v, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutString(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

// Reads from a shrinking view; every getter fails on truncated input.
class Cursor {
 public:
  explicit Cursor(std::string_view data) : rest_(data) {}
  bool U64(uint64_t* v) {
    if (rest_.size() < 8) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) *v = (*v << 8) | static_cast<unsigned char>(rest_[i]);
    rest_.remove_prefix(8);
    return true;
  }
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64 && !rest_.empty(); shift += 7) {
      unsigned char c = static_cast<unsigned char>(rest_[0]);
      rest_.remove_prefix(1);
      *v |= static_cast<uint64_t>(c & 0x7F) << shift;
      if ((c & 0x80) == 0) return true;
    }
    return false;
  }
  bool String(std::string* s) {
    uint64_t n;
    if (!Varint(&n) || n > rest_.size()) return false;
    s->assign(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return true;
  }
  bool Byte(char* c) {
    if (rest_.empty()) return false;
    *c = rest_[0];
    rest_.remove_prefix(1);
    return true;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

}  // namespace

std::string EncodeFileState(const FileState& state) {
  std::string out;
  out.reserve(64 + state.path.size() + state.entries.size() * 32);
  out.push_back(kFormatVersion);
  PutString(state.path, &out);
  PutU64(state.size, &out);
  PutU64(static_cast<uint64_t>(state.mtime_ns), &out);
  PutU64(state.content_hash, &out);
  PutVarint(state.entries.size(), &out);
  for (const FileState::Entry& e : state.entries) {
    PutU64(e.hash, &out);
    PutString(e.id, &out);
  }
  PutString(state.canonical, &out);
  return out;
}

Result<FileState> DecodeFileState(std::string_view data) {
  Cursor in(data);
  FileState state;
  char version;
  uint64_t mtime, count;
  if (!in.Byte(&version) || (version != kFormatVersion && version != kFormatVersion1) ||
      !in.String(&state.path) ||
      !in.U64(&state.size) || !in.U64(&mtime) || !in.U64(&state.content_hash) ||
      !in.Varint(&count) || count > data.size()) {
    return Status::Corruption("malformed file state");
  }
  state.mtime_ns = static_cast<int64_t>(mtime);
  state.entries.resize(count);
  for (FileState::Entry& e : state.entries) {
    if (!in.U64(&e.hash) || !in.String(&e.id)) return Status::Corruption("malformed file state");
  }
  if (version == kFormatVersion && !in.String(&state.canonical)) {
    return Status::Corruption("malformed file state");
  }
  if (!in.done()) return Status::Corruption("malformed file state");
  return state;
}

std::string CanonicalPath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return "";
  std::filesystem::path canonical = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? "" : canonical.string();
}

std::string FileStateKey(std::string_view path) {
  return kFileStatePrefix + Hex64(Fnv1a64(path));
}

std::string StampValue(std::string_view origin_path, uint64_t content_hash) {
  std::string out;
  PutU64(Fnv1a64(origin_path), &out);
  PutU64(content_hash, &out);
  return out;
}

uint64_t StampFileHash(std::string_view stamp) {
  Cursor in(stamp);
  uint64_t v = 0;
  return stamp.size() == 16 && in.U64(&v) ? v : 0;
}

IncrementalState::IncrementalState(Xapian::WritableDatabase* db, std::string config_stamp)
    : db_(db), config_stamp_(std::move(config_stamp)) {
  try {
    trusted_ = db_->get_metadata(kMetaStateConfig) == config_stamp_;
  } catch (const Xapian::Error&) {
    trusted_ = false;  // Load() will report the real error
  }
}

Result<FileState> IncrementalState::LoadKey(const std::string& key) const {
  try {
    std::string data = db_->get_metadata(key);
    if (data.empty()) return Status::NotFound("no state");
    return DecodeFileState(data);
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot read the incremental state");
  }
}

Result<FileState> IncrementalState::LoadAny(const std::string& path) const {
  Result<FileState> state = LoadKey(FileStateKey(path));
  // A hash collision between two paths reads as "no state": the file is re-read.
  if (state.ok() && state->path != path) return Status::NotFound("no state");
  return state;
}

Result<FileState> IncrementalState::Load(const std::string& path) const {
  if (!trusted_) return Status::NotFound("state not trusted");
  return LoadAny(path);
}

Status IncrementalState::Save(const FileState& state) {
  try {
    db_->set_metadata(FileStateKey(state.path), EncodeFileState(state));
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot write the incremental state");
  }
}

Status IncrementalState::Remove(const std::string& path) { return RemoveKey(FileStateKey(path)); }

Status IncrementalState::RemoveKey(const std::string& key) {
  try {
    db_->set_metadata(key, "");
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot write the incremental state");
  }
}

Status IncrementalState::SaveConfig() {
  try {
    if (trusted_) return Status::OK();
    db_->set_metadata(kMetaStateConfig, config_stamp_);
    trusted_ = true;
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot write the incremental state");
  }
}

Result<std::vector<std::string>> IncrementalState::AllKeys() const {
  try {
    std::vector<std::string> keys;
    for (auto it = db_->metadata_keys_begin(kFileStatePrefix);
         it != db_->metadata_keys_end(kFileStatePrefix); ++it) {
      keys.push_back(*it);
    }
    return keys;
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot list the incremental state");
  }
}

Status IncrementalState::DeleteIfOwned(const std::string& id, const std::string& origin_path,
                                       bool* deleted) {
  *deleted = false;
  try {
    std::string term = schema::IdTerm(id);
    Xapian::PostingIterator it = db_->postlist_begin(term);
    if (it == db_->postlist_end(term)) return Status::OK();
    Xapian::docid did = *it;
    uint64_t owner = StampFileHash(db_->get_document(did).get_value(schema::kSlotStamp));
    // A document without a stamp predates incremental state: the state that
    // lists it is the only claim on it.
    if (owner != 0 && owner != Fnv1a64(origin_path)) return Status::OK();
    if (before_delete_) before_delete_(did);
    db_->delete_document(did);
    *deleted = true;
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot delete document " + id);
  }
}

}  // namespace pressa

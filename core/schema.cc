// Encodings of the index schema.
#include "core/schema.h"

#include <xapian.h>
#include <zstd.h>

#include <cstdint>
#include <cstdio>
#include <memory>

#include "core/text_dict_internal.h"
#include "core/varint.h"

namespace pressa::schema {
namespace {

// 64-bit FNV-1a: stable across platforms and versions, enough for ids.
uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}


void PutString(std::string* out, std::string_view s) {
  varint::Put(out, s.size());
  out->append(s);
}

bool GetString(std::string_view* in, std::string* s) {
  uint64_t n;
  if (!varint::Get(in, &n) || n > in->size()) return false;
  s->assign(in->substr(0, n));
  in->remove_prefix(n);
  return true;
}

// Stored document data starts with this tag so that foreign data is detected.
constexpr char kDocTag = 'P';
// Version 1: the fields and every entity mention (name, surface form,
// offsets), uncompressed (Xapian deflates it). Version 3: the fields and the
// distinct entity names, as one zstd frame, made with the index's own
// dictionary (core/text_dict.h) when it has one: about a fifth smaller than
// Xapian's zlib and a third of its CPU. (Version 2 used a dictionary compiled
// into the binary; no released index holds it.)
constexpr char kDocVersion1 = 1;
constexpr char kDocVersion3 = 3;

struct ZstdFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// The contexts hold per-call state, so each thread has its own.
ZSTD_CCtx* ThreadCCtx() {
  thread_local std::unique_ptr<ZSTD_CCtx, ZstdFree> ctx(ZSTD_createCCtx());
  return ctx.get();
}

ZSTD_DCtx* ThreadDCtx() {
  thread_local std::unique_ptr<ZSTD_DCtx, ZstdFree> ctx(ZSTD_createDCtx());
  return ctx.get();
}

// Version 2 documents larger than this are refused as corrupt, so a forged
// frame header cannot make the reader allocate without bound.
constexpr unsigned long long kMaxStoredBytes = 256ull << 20;

}  // namespace

std::string IdTerm(std::string_view id) {
  std::string term = std::string(kPrefixId) + std::string(id);
  if (term.size() <= kMaxTermBytes) return term;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(Fnv1a(id)));
  // Keep a readable head so that hashed ids still sort near their neighbours.
  std::string head(id.substr(0, 64));
  return std::string(kPrefixId) + "#" + hex + head;
}

std::string DateToSlot(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return "";
  std::string slot;
  slot.append(date.substr(0, 4)).append(date.substr(5, 2)).append(date.substr(8, 2));
  if (!IsDigits(slot)) return "";
  int year = std::stoi(slot.substr(0, 4));
  int month = std::stoi(slot.substr(4, 2));
  int day = std::stoi(slot.substr(6, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return "";
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days ? slot : "";
}

std::string SlotToDate(std::string_view slot) {
  if (slot.size() != 8 || !IsDigits(slot)) return "";
  std::string date;
  date.append(slot.substr(0, 4)).append("-").append(slot.substr(4, 2)).append("-").append(
      slot.substr(6, 2));
  return date;
}

std::vector<std::string> DateTerms(std::string_view date) {
  std::string slot = DateToSlot(date);
  if (slot.empty()) return {};
  return {kPrefixYear + slot.substr(0, 4), kPrefixMonth + slot.substr(0, 6),
          kPrefixDay + slot};
}

std::string EncodeList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out.append(item);
    out.push_back('\0');
  }
  return out;
}

std::vector<std::string> DecodeList(std::string_view encoded) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find('\0', start);
    if (end == std::string_view::npos) end = encoded.size();
    items.emplace_back(encoded.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

namespace {

// The fields, then the distinct entity names per kind: all that search
// results show. Mentions (surface forms, offsets) were a sixth of the stored
// bytes and read by nobody. `v1` writes each name as a version-1 mention
// with no surface form or offsets.
void AppendBody(const StoredDoc& doc, bool v1, std::string* out) {
  for (const std::string* field : {&doc.id, &doc.title, &doc.text, &doc.date,
                                   &doc.date_source, &doc.source, &doc.url}) {
    PutString(out, *field);
  }
  std::vector<const Entity*> distinct;
  for (const Entity& e : doc.entities) {
    bool seen = false;
    for (const Entity* d : distinct) seen = seen || (d->type == e.type && d->name == e.name);
    if (!seen) distinct.push_back(&e);
  }
  varint::Put(out, distinct.size());
  for (const Entity* e : distinct) {
    varint::Put(out, static_cast<uint64_t>(e->type));
    PutString(out, e->name);
    if (v1) {
      PutString(out, "");
      varint::Put(out, 0);
      varint::Put(out, 0);
    }
  }
}

}  // namespace

std::string EncodeStoredDoc(const StoredDoc& doc, unsigned text_dict) {
  std::string body;
  body.reserve(64 + doc.id.size() + doc.title.size() + doc.text.size() + doc.url.size());
  AppendBody(doc, false, &body);
  std::string out;
  out.resize(2 + ZSTD_compressBound(body.size()));
  out[0] = kDocTag;
  out[1] = kDocVersion3;
  const textdict::Digested* found = text_dict == 0 ? nullptr : textdict::Find(text_dict);
  const ZSTD_CDict* cdict = found == nullptr ? nullptr : found->CDict();
  size_t packed =
      cdict != nullptr
          ? ZSTD_compress_usingCDict(ThreadCCtx(), out.data() + 2, out.size() - 2, body.data(),
                                     body.size(), cdict)
          : ZSTD_compressCCtx(ThreadCCtx(), out.data() + 2, out.size() - 2, body.data(),
                              body.size(), textdict::kLevel);
  if (ZSTD_isError(packed)) {
    // Not expected with a bound-sized buffer; stay readable if it happens.
    out.resize(2);
    out[1] = kDocVersion1;
    AppendBody(doc, true, &out);
    return out;
  }
  out.resize(2 + packed);
  return out;
}

namespace {

Status DecodeFields(std::string_view* data, StoredDoc* doc) {
  for (std::string* field : {&doc->id, &doc->title, &doc->text, &doc->date, &doc->date_source,
                             &doc->source, &doc->url}) {
    if (!GetString(data, field)) return Status::Corruption("truncated document data");
  }
  return Status::OK();
}

}  // namespace

std::string StoredDocBytes(const Xapian::Document& doc) {
  std::string bytes = doc.get_value(kSlotStoredDoc);
  return bytes.empty() ? doc.get_data() : bytes;
}

Result<StoredDoc> DecodeStoredDoc(std::string_view data) {
  if (data.size() < 2 || data[0] != kDocTag ||
      (data[1] != kDocVersion1 && data[1] != kDocVersion3)) {
    return Status::Corruption("document data is not in Pressa's format");
  }
  const bool v3 = data[1] == kDocVersion3;
  data.remove_prefix(2);
  std::string body;
  if (v3) {
    unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > kMaxStoredBytes) {
      return Status::Corruption("document data is not a readable zstd frame");
    }
    const unsigned dict_id = ZSTD_getDictID_fromFrame(data.data(), data.size());
    const textdict::Digested* dict = dict_id == 0 ? nullptr : textdict::Find(dict_id);
    if (dict_id != 0 && dict == nullptr) {
      return Status::Corruption("document data needs text dictionary " + std::to_string(dict_id) +
                                ", which the index does not hold");
    }
    // The frame, without the zero tail that followed it in document data
    // up to schema 5 (Xapian's zlib then always won by a few bytes, and
    // compaction copied the data as it was).
    size_t frame = ZSTD_findFrameCompressedSize(data.data(), data.size());
    if (ZSTD_isError(frame)) return Status::Corruption("truncated document data");
    body.resize(static_cast<size_t>(size));
    size_t got = dict != nullptr ? ZSTD_decompress_usingDDict(ThreadDCtx(), body.data(),
                                                              body.size(), data.data(), frame,
                                                              dict->ddict)
                                 : ZSTD_decompressDCtx(ThreadDCtx(), body.data(), body.size(),
                                                       data.data(), frame);
    if (ZSTD_isError(got) || got != body.size()) {
      return Status::Corruption("truncated document data");
    }
    data = body;
  }
  StoredDoc doc;
  Status s = DecodeFields(&data, &doc);
  if (!s.ok()) return s;
  uint64_t n;
  if (!varint::Get(&data, &n)) return Status::Corruption("truncated entity list");
  if (n > data.size()) return Status::Corruption("truncated entity list");
  for (uint64_t i = 0; i < n; ++i) {
    Entity e;
    uint64_t type, start = 0, end = 0;
    if (!varint::Get(&data, &type) || type > 2 || !GetString(&data, &e.name)) {
      return Status::Corruption("truncated entity");
    }
    if (!v3 && (!GetString(&data, &e.text) || !varint::Get(&data, &start) ||
                !varint::Get(&data, &end))) {
      return Status::Corruption("truncated entity");
    }
    e.type = static_cast<Entity::Type>(type);
    e.start = static_cast<int>(start);
    e.end = static_cast<int>(end);
    doc.entities.push_back(std::move(e));
  }
  return doc;
}

unsigned StoredDocDictionary(std::string_view data) {
  if (data.size() < 3 || data[0] != kDocTag || data[1] != kDocVersion3) return 0;
  data.remove_prefix(2);
  return ZSTD_getDictID_fromFrame(data.data(), data.size());
}

}  // namespace pressa::schema

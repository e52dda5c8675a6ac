// Encodings of the index schema.
#include "core/schema.h"

#include <cstdint>
#include <cstdio>

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

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    unsigned char c = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) return true;
  }
  return false;
}

void PutString(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}

bool GetString(std::string_view* in, std::string* s) {
  uint64_t n;
  if (!GetVarint(in, &n) || n > in->size()) return false;
  s->assign(in->substr(0, n));
  in->remove_prefix(n);
  return true;
}

// Stored document data starts with this tag so that foreign data is detected.
constexpr char kDocTag = 'P';
constexpr char kDocVersion = 1;

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

std::string EncodeStoredDoc(const StoredDoc& doc) {
  std::string out;
  out.push_back(kDocTag);
  out.push_back(kDocVersion);
  for (const std::string* field : {&doc.id, &doc.title, &doc.text, &doc.date,
                                   &doc.date_source, &doc.source, &doc.url}) {
    PutString(&out, *field);
  }
  PutVarint(&out, doc.entities.size());
  for (const Entity& e : doc.entities) {
    PutVarint(&out, static_cast<uint64_t>(e.type));
    PutString(&out, e.name);
    PutString(&out, e.text);
    PutVarint(&out, static_cast<uint64_t>(e.start));
    PutVarint(&out, static_cast<uint64_t>(e.end));
  }
  return out;
}

Result<StoredDoc> DecodeStoredDoc(std::string_view data) {
  if (data.size() < 2 || data[0] != kDocTag || data[1] != kDocVersion) {
    return Status::Corruption("document data is not in Pressa's format");
  }
  data.remove_prefix(2);
  StoredDoc doc;
  for (std::string* field : {&doc.id, &doc.title, &doc.text, &doc.date, &doc.date_source,
                             &doc.source, &doc.url}) {
    if (!GetString(&data, field)) return Status::Corruption("truncated document data");
  }
  uint64_t n;
  if (!GetVarint(&data, &n)) return Status::Corruption("truncated entity list");
  for (uint64_t i = 0; i < n; ++i) {
    Entity e;
    uint64_t type, start, end;
    if (!GetVarint(&data, &type) || type > 2 || !GetString(&data, &e.name) ||
        !GetString(&data, &e.text) || !GetVarint(&data, &start) || !GetVarint(&data, &end)) {
      return Status::Corruption("truncated entity");
    }
    e.type = static_cast<Entity::Type>(type);
    e.start = static_cast<int>(start);
    e.end = static_cast<int>(end);
    doc.entities.push_back(std::move(e));
  }
  return doc;
}

}  // namespace pressa::schema

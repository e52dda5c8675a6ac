// FacetSpy: counts values per slot; results serialise for remote shards.
#include "searcher/facets.h"

#include <algorithm>
#include <cstdint>

#include "core/schema.h"

namespace pressa {

FacetSpy::FacetSpy()
    : slots_{{"org", schema::kSlotOrgs, true},
             {"person", schema::kSlotPersons, true},
             {"place", schema::kSlotPlaces, true},
             {"source", schema::kSlotSource, false},
             {"year", schema::kSlotYear, false}},
      counts_(slots_.size()) {}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  for (size_t i = 0; i < slots_.size(); ++i) {
    std::string value = doc.get_value(slots_[i].slot);
    if (value.empty()) continue;
    if (!slots_[i].list) {
      ++counts_[i][value];
      continue;
    }
    for (std::string& item : schema::DecodeList(value)) ++counts_[i][std::move(item)];
  }
}

namespace {

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(const std::string& s, size_t* pos, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && *pos < s.size(); shift += 7) {
    unsigned char c = static_cast<unsigned char>(s[(*pos)++]);
    *v |= static_cast<uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) return true;
  }
  return false;
}

}  // namespace

// Per slot: number of values, then (length, value, count) for each.
std::string FacetSpy::serialise_results() const {
  std::string out;
  for (const auto& counts : counts_) {
    PutVarint(&out, counts.size());
    for (const auto& [value, count] : counts) {
      PutVarint(&out, value.size());
      out += value;
      PutVarint(&out, static_cast<uint64_t>(count));
    }
  }
  return out;
}

void FacetSpy::merge_results(const std::string& s) {
  size_t pos = 0;
  for (auto& counts : counts_) {
    uint64_t n;
    if (!GetVarint(s, &pos, &n)) return;
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t len, count;
      if (!GetVarint(s, &pos, &len) || len > s.size() - pos) return;
      std::string value = s.substr(pos, len);
      pos += len;
      if (!GetVarint(s, &pos, &count)) return;
      counts[value] += static_cast<long>(count);
    }
  }
}

std::map<std::string, std::vector<FacetValue>> FacetSpy::Top(int limit) const {
  std::map<std::string, std::vector<FacetValue>> top;
  for (size_t i = 0; i < slots_.size(); ++i) {
    std::vector<FacetValue> values;
    values.reserve(counts_[i].size());
    for (const auto& [value, count] : counts_[i]) values.push_back({value, count});
    size_t n = std::min<size_t>(values.size(), static_cast<size_t>(std::max(limit, 0)));
    std::partial_sort(values.begin(), values.begin() + n, values.end(),
                      [](const FacetValue& a, const FacetValue& b) {
                        return a.count != b.count ? a.count > b.count : a.value < b.value;
                      });
    values.resize(n);
    top[slots_[i].facet] = std::move(values);
  }
  return top;
}

}  // namespace pressa

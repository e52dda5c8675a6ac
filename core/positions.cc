// Encoding of a document's word positions (see positions.h).
#include "core/positions.h"

#include <algorithm>
#include <unordered_map>

#include "core/hash.h"
#include "core/varint.h"

namespace pressa::positions {
namespace {

void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint32_t LoadU32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint32_t>(b[0]) | static_cast<uint32_t>(b[1]) << 8 |
         static_cast<uint32_t>(b[2]) << 16 | static_cast<uint32_t>(b[3]) << 24;
}

}  // namespace

NativeTerms NativeTerms::All() { return NativeTerms(); }

NativeTerms NativeTerms::Choose(const std::vector<std::vector<std::string>>& sample_terms) {
  std::unordered_map<std::string, size_t> df;
  for (const auto& doc : sample_terms) {
    for (const std::string& term : doc) ++df[term];
  }
  // At least two articles: in a tiny sample every term would count as frequent.
  size_t min_df =
      std::max<size_t>(2, static_cast<size_t>(kNativeShare * sample_terms.size() + 0.5));
  NativeTerms out;
  out.all_ = false;
  std::vector<std::string> terms;
  for (const auto& [term, count] : df) {
    if (count >= min_df) terms.push_back(term);
  }
  out.SetTerms(std::move(terms));
  return out;
}

NativeTerms NativeTerms::Decode(std::string_view value) {
  NativeTerms out;
  if (value.empty() || value == "*") return out;
  out.all_ = false;
  std::vector<std::string> terms;
  size_t at = 0;
  while (at < value.size()) {
    size_t end = value.find('\0', at);
    if (end == std::string_view::npos) end = value.size();
    if (end > at) terms.emplace_back(value.substr(at, end - at));
    at = end + 1;
  }
  out.SetTerms(std::move(terms));
  return out;
}

NativeTerms NativeTerms::Common(const std::vector<NativeTerms>& each) {
  NativeTerms out;
  for (const NativeTerms& terms : each) {
    if (terms.all_) continue;
    if (out.all_) {
      out = terms;
      continue;
    }
    std::vector<std::string> kept;
    out.terms_.ForEach([&](const std::string& term) {
      if (terms.Contains(term)) kept.push_back(term);
    });
    out.SetTerms(std::move(kept));
  }
  return out;
}

void NativeTerms::SetTerms(std::vector<std::string> terms) {
  // Sorted for Encode (the set keeps insertion order); a hand-made value
  // might repeat a term, which the set keeps once.
  std::sort(terms.begin(), terms.end());
  terms_ = FlatStringSet();
  for (const std::string& term : terms) terms_.insert(term);
}

bool NativeTerms::Contains(std::string_view term) const {
  return all_ || terms_.Contains(term);
}

bool NativeTerms::Contains(std::string_view term, uint64_t content_hash) const {
  return all_ || terms_.Contains(term, content_hash);
}

std::string NativeTerms::Encode() const {
  if (all_) return "*";
  std::string out;
  terms_.ForEach([&out](const std::string& term) {  // sorted by SetTerms
    out += term;
    out.push_back('\0');
  });
  // An empty list still means "none": one separator keeps it from reading as All().
  return out.empty() ? std::string(1, '\0') : out;
}

uint32_t TermHash(std::string_view term) { return TermHashOf(ContentHash64(term)); }

void Encoder::Clear() { items_.clear(); }

void Encoder::Add(unsigned position, std::string_view term) {
  items_.emplace_back(position, TermHash(term));
}

std::string Encoder::Encode() {
  std::string out;
  if (items_.empty()) return out;
  // By term, then position: each run is one term's position list.
  std::sort(items_.begin(), items_.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first < b.first;
  });
  std::string hashes, lengths, lists;
  size_t distinct = 0;
  for (size_t i = 0; i < items_.size();) {
    uint32_t hash = items_[i].second;
    size_t before = lists.size();
    unsigned previous = 0;
    bool first = true;
    for (; i < items_.size() && items_[i].second == hash; ++i) {
      unsigned pos = items_[i].first;
      if (!first && pos == previous) continue;  // a term twice at one position
      varint::Put(&lists, first ? pos : pos - previous);
      previous = pos;
      first = false;
    }
    PutU32(&hashes, hash);
    varint::Put(&lengths, lists.size() - before);
    ++distinct;
  }
  varint::Put(&out, distinct);
  out += hashes;
  varint::Put(&out, lengths.size());
  out += lengths;
  out += lists;
  return out;
}

bool View::Parse(std::string_view value) {
  hashes_ = nullptr;
  size_ = 0;
  lengths_ = {};
  lists_ = nullptr;
  lists_size_ = 0;
  if (value.empty()) return true;
  uint64_t n = 0, lengths = 0;
  if (!varint::Get(&value, &n) || n > value.size() / 4) return false;
  hashes_ = value.data();
  size_ = static_cast<size_t>(n);
  value.remove_prefix(size_ * 4);
  if (!varint::Get(&value, &lengths) || lengths > value.size()) return false;
  lengths_ = value.substr(0, lengths);
  lists_ = value.data() + lengths;
  lists_size_ = value.size() - lengths;
  return true;
}

bool View::Find(uint32_t hash, std::vector<unsigned>* out) const {
  // Binary search of the sorted hashes.
  size_t lo = 0, hi = size_;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (LoadU32(hashes_ + 4 * mid) < hash) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == size_ || LoadU32(hashes_ + 4 * lo) != hash) return false;
  // The list's offset: the lengths of the lists before it.
  std::string_view lengths = lengths_;
  uint64_t offset = 0, length = 0;
  for (size_t k = 0; k <= lo; ++k) {
    offset += length;
    if (!varint::Get(&lengths, &length)) return false;
  }
  if (offset + length > lists_size_) return false;
  std::string_view list(lists_ + offset, length);
  uint64_t pos = 0, gap = 0;
  for (bool first = true; !list.empty(); first = false) {
    if (!varint::Get(&list, &gap)) return false;
    pos = first ? gap : pos + gap;
    out->push_back(static_cast<unsigned>(pos));
  }
  return true;
}

}  // namespace pressa::positions

// Entity ids, their slot encoding and the name table.
#include "core/facet_ids.h"

#include <algorithm>

#include "core/hash.h"
#include "core/varint.h"

namespace pressa::facet_ids {
namespace {


void AddVariant(Variants* variants, std::string_view name, long count) {
  for (auto& [n, c] : *variants) {
    if (n == name) {
      c += count;
      return;
    }
  }
  variants->emplace_back(std::string(name), count);
}

}  // namespace

uint64_t EntityId(int kind, std::string_view key) {
  std::string s(1, static_cast<char>('0' + kind));
  s.append(key);
  return ContentHash64(s) >> 16;  // the top 48 bits
}

std::string EncodeIds(const std::vector<uint64_t> (&ids)[kKinds]) {
  std::string out;
  size_t last = kKinds;  // trailing empty kinds are left out
  while (last > 0 && ids[last - 1].empty()) --last;
  for (size_t kind = 0; kind < last; ++kind) {
    varint::Put(&out, ids[kind].size());
    for (uint64_t id : ids[kind]) {
      for (int shift = 40; shift >= 0; shift -= 8) out.push_back(static_cast<char>(id >> shift));
    }
  }
  return out;
}

std::string NameKey(uint64_t id) {
  return kMetaNamePrefix + Hex64(id).substr(16 - 2 * kIdBytes);
}

std::string EncodeVariants(const Variants& variants) {
  std::string out;
  for (const auto& [name, count] : variants) {
    varint::Put(&out, static_cast<uint64_t>(std::max(count, 0L)));
    varint::Put(&out, name.size());
    out.append(name);
  }
  return out;
}

Variants DecodeVariants(std::string_view value) {
  Variants variants;
  while (!value.empty()) {
    uint64_t count, size;
    if (!varint::Get(&value, &count) || !varint::Get(&value, &size) || size > value.size()) break;
    AddVariant(&variants, value.substr(0, size), static_cast<long>(count));
    value.remove_prefix(size);
  }
  return variants;
}

std::string MergeVariants(std::string_view a, std::string_view b) {
  Variants merged = DecodeVariants(a);
  for (const auto& [name, count] : DecodeVariants(b)) AddVariant(&merged, name, count);
  return EncodeVariants(merged);
}

std::string BestVariant(std::string_view value) {
  Variants variants = DecodeVariants(value);
  const std::pair<std::string, long>* best = nullptr;
  for (const auto& v : variants) {
    if (best == nullptr || v.second > best->second ||
        (v.second == best->second && v.first < best->first)) {
      best = &v;
    }
  }
  return best == nullptr ? std::string() : best->first;
}

void NameTableWriter::Add(uint64_t id, const std::string& name) {
  AddVariant(&pending_[id], name, 1);
}

void NameTableWriter::Remove(uint64_t id, const std::string& name) {
  AddVariant(&pending_[id], name, -1);
}

void NameTableWriter::Flush(Xapian::WritableDatabase* db) {
  // In key order: each lookup and insert lands next to the last one in the
  // B-tree (in hash order, a fresh build's shard re-read blocks for each).
  std::vector<std::pair<std::string, const Variants*>> sorted;
  sorted.reserve(pending_.size());
  for (const auto& [id, variants] : pending_) sorted.emplace_back(NameKey(id), &variants);
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [key, pending_variants] : sorted) {
    const Variants& variants = *pending_variants;
    std::string old = db->get_metadata(key);
    bool removes = false;
    for (const auto& v : variants) removes = removes || v.second < 0;
    if (old.empty() && !removes) {
      db->set_metadata(key, EncodeVariants(variants));
      continue;
    }
    // Counts may go down (articles replaced or deleted): a variant no
    // document writes any more is dropped, and an entry left with none is
    // deleted (Xapian deletes a metadata key set to the empty string).
    Variants merged = DecodeVariants(old);
    for (const auto& [name, count] : variants) AddVariant(&merged, name, count);
    merged.erase(std::remove_if(merged.begin(), merged.end(),
                                [](const std::pair<std::string, long>& v) { return v.second <= 0; }),
                 merged.end());
    db->set_metadata(key, EncodeVariants(merged));
  }
  pending_.clear();
}

std::string NameTableCompactor::resolve_duplicate_metadata(const std::string& key,
                                                           size_t num_tags,
                                                           const std::string tags[]) {
  // Xapian 1.4's glass compaction passes the B-tree key: "\0\xc0" + the user's key.
  std::string_view user_key = key;
  if (user_key.size() >= 2 && user_key[0] == '\0' && user_key[1] == '\xc0') {
    user_key.remove_prefix(2);
  }
  if (user_key.compare(0, std::char_traits<char>::length(kMetaNamePrefix), kMetaNamePrefix) !=
      0) {
    return tags[0];  // Xapian's default: the first database's value
  }
  std::string merged = tags[0];
  for (size_t i = 1; i < num_tags; ++i) merged = MergeVariants(merged, tags[i]);
  return merged;
}

}  // namespace pressa::facet_ids

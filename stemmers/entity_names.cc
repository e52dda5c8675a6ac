// EntityKey, EntityTerm and the alias table: the one normalization of entity
// names that the indexer writes and the searcher reads.
#include "stemmers/entity_names.h"

#include <cstdint>
#include <mutex>

#include "core/schema.h"
#include "stemmers/entity_text.h"

namespace pressa {

namespace embedded {
// Generated at build time from corpus/aliases.tsv (stemmers/entity_embed.cmake).
extern const char kAliasesTsv[];
}  // namespace embedded

namespace {

using entity_text::DecodeUtf8;

// Cuts a UTF-8 string to at most `max` bytes without splitting a character.
void TruncateUtf8(std::string* s, size_t max) {
  if (s->size() <= max) return;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>((*s)[cut]) & 0xC0) == 0x80) --cut;
  s->resize(cut);
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

const char* TypePrefix(Entity::Type type) {
  switch (type) {
    case Entity::Type::kOrg: return schema::kPrefixOrg;
    case Entity::Type::kPerson: return schema::kPrefixPerson;
    case Entity::Type::kPlace: return schema::kPrefixPlace;
  }
  return schema::kPrefixOrg;
}

char TypeLetter(Entity::Type type) {
  switch (type) {
    case Entity::Type::kOrg: return 'o';
    case Entity::Type::kPerson: return 'p';
    case Entity::Type::kPlace: return 'l';
  }
  return 'o';
}

bool ParseType(std::string_view s, Entity::Type* type) {
  if (s == "org") *type = Entity::Type::kOrg;
  else if (s == "person") *type = Entity::Type::kPerson;
  else if (s == "place") *type = Entity::Type::kPlace;
  else return false;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string ComputeEntityKey(std::string_view name) {
  const std::string folded = entity_text::FoldName(name);
  std::string key;
  std::string word;
  bool has_letter = false;
  auto flush = [&]() {
    if (word.empty()) return;
    if (!key.empty()) key.push_back(' ');
    if (has_letter) {
      // Snowball reads a final -сь as a reflexive verb ending (беларусь ->
      // белар, but беларуси -> беларус): drop the soft sign first.
      if (word.size() > 4 && word.compare(word.size() - 2, 2, "ь") == 0) word.resize(word.size() - 2);
      key += entity_text::StemWord(word);
    } else {
      key += word;
    }
    word.clear();
    has_letter = false;
  };
  for (size_t i = 0; i < folded.size();) {
    const size_t start = i;
    const char32_t c = DecodeUtf8(folded, &i);
    const bool letter = entity_text::IsLetter(c);
    if (letter || entity_text::IsDigit(c)) {
      word.append(folded, start, i - start);
      has_letter |= letter;
    } else {
      flush();
    }
  }
  flush();
  // Room for the longest prefix.
  TruncateUtf8(&key, schema::kMaxTermBytes - 2);
  return key;
}

// The last keys computed in this thread, direct-mapped by a hash of the
// name: the indexer asks for the same names over and over (Россия, Москва:
// each mention's name, text and surname, then the facet id), and a hit
// spares FoldName and a Snowball run per word. It grows as the analyzer's
// stem cache does, so a one-search process faults in little of it.
class KeyCache {
 public:
  const std::string& Get(std::string_view name) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char b : name) h = (h ^ b) * 16777619u;
    if (slots_.empty()) slots_.resize(kFirstSlots);
    if (Slot& hit = slots_[h & (slots_.size() - 1)]; hit.name == name) return hit.key;
    if (++misses_ > 4 * slots_.size() && slots_.size() < kMaxSlots) {
      misses_ = 0;
      std::vector<Slot>(slots_.size() * 4).swap(slots_);
    }
    Slot& slot = slots_[h & (slots_.size() - 1)];
    slot.name.assign(name);
    slot.key = ComputeEntityKey(name);
    return slot.key;
  }

 private:
  static constexpr size_t kFirstSlots = 1 << 8;  // powers of two
  static constexpr size_t kMaxSlots = 1 << 14;   // ~1 MB
  struct Slot {
    std::string name, key;
  };
  std::vector<Slot> slots_;
  size_t misses_ = 0;
};

}  // namespace

std::string EntityKey(std::string_view name) {
  thread_local KeyCache cache;
  return cache.Get(name);
}

std::string EntityTerm(Entity::Type type, std::string_view key) {
  std::string term = TypePrefix(type);
  term.append(key);
  TruncateUtf8(&term, schema::kMaxTermBytes);
  return term;
}

std::vector<std::string> EntityIndexTerms(const Entity& entity) {
  std::vector<std::string> terms;
  auto add = [&](std::string_view name) {
    std::string key = EntityKey(name);
    if (key.empty()) return;
    std::string term = EntityTerm(entity.type, key);
    for (const std::string& t : terms) {
      if (t == term) return;
    }
    terms.push_back(std::move(term));
  };
  add(entity.name);
  add(entity.text);
  if (entity.type == Entity::Type::kPerson) {
    // The surname is the last word of the display name "Имя Фамилия".
    size_t space = entity.name.rfind(' ');
    if (space != std::string::npos) add(std::string_view(entity.name).substr(space + 1));
  }
  return terms;
}

Result<AliasTable> AliasTable::Parse(std::string_view tsv_text) {
  AliasTable table;
  size_t line_no = 0;
  while (!tsv_text.empty()) {
    size_t nl = tsv_text.find('\n');
    std::string_view line = tsv_text.substr(0, nl);
    tsv_text.remove_prefix(nl == std::string_view::npos ? tsv_text.size() : nl + 1);
    ++line_no;
    if (Trim(line).empty() || Trim(line).front() == '#') continue;
    std::vector<std::string_view> fields;
    while (true) {
      size_t tab = line.find('\t');
      std::string_view f = Trim(line.substr(0, tab));
      if (!f.empty()) fields.push_back(f);
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    Group group;
    if (fields.empty() || !ParseType(fields[0], &group.type)) {
      return Status::InvalidArgument("alias table line " + std::to_string(line_no) +
                                     ": type must be org, person or place");
    }
    if (fields.size() < 2) {
      return Status::InvalidArgument("alias table line " + std::to_string(line_no) +
                                     ": no canonical name");
    }
    const int index = static_cast<int>(table.groups_.size());
    for (size_t k = 1; k < fields.size(); ++k) {
      group.names.emplace_back(fields[k]);
      std::string key = EntityKey(fields[k]);
      if (key.empty()) continue;
      bool seen = false;
      for (const std::string& existing : group.keys) seen |= existing == key;
      if (seen) continue;
      group.keys.push_back(key);
      // The first group that claims a key keeps it.
      table.by_key_.emplace(std::string(1, TypeLetter(group.type)) + key, index);
    }
    table.groups_.push_back(std::move(group));
  }
  return table;
}

const AliasTable& AliasTable::Default() {
  static const AliasTable* table = [] {
    Result<AliasTable> parsed = Parse(embedded::kAliasesTsv);
    // The embedded file is checked by the tests; an error leaves an empty table.
    return new AliasTable(parsed.ok() ? std::move(parsed).value() : AliasTable());
  }();
  return *table;
}

int AliasTable::Find(Entity::Type type, const std::string& key) const {
  auto it = by_key_.find(std::string(1, TypeLetter(type)) + key);
  return it == by_key_.end() ? -1 : it->second;
}

std::string AliasTable::Canonical(Entity::Type type, std::string_view name) const {
  int g = Find(type, EntityKey(name));
  return g < 0 ? std::string(name) : groups_[g].names.front();
}

std::vector<std::string> AliasTable::EquivalentKeys(Entity::Type type,
                                                    std::string_view name) const {
  std::vector<std::string> keys;
  std::string key = EntityKey(name);
  if (key.empty()) return keys;
  keys.push_back(key);
  int g = Find(type, key);
  if (g < 0) return keys;
  for (const std::string& k : groups_[g].keys) {
    if (k != key) keys.push_back(k);
  }
  return keys;
}

std::string AliasTable::Serialize() const {
  std::string out;
  for (const Group& group : groups_) {
    out += EntityTypeName(group.type);
    for (const std::string& name : group.names) {
      out.push_back('\t');
      out += name;
    }
    out.push_back('\n');
  }
  return out;
}

std::vector<std::pair<Entity::Type, std::string>> AliasTable::Names() const {
  std::vector<std::pair<Entity::Type, std::string>> names;
  for (const Group& group : groups_) {
    for (const std::string& name : group.names) names.emplace_back(group.type, name);
  }
  return names;
}

}  // namespace pressa

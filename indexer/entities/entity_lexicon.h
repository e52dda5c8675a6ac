// Word lists and gazetteers for entity extraction, built once from data
// compiled into the binary and shared read-only by every extractor.
#ifndef PRESSA_INDEXER_ENTITIES_ENTITY_LEXICON_H_
#define PRESSA_INDEXER_ENTITIES_ENTITY_LEXICON_H_

#include <bitset>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/article.h"
#include "indexer/entities/entity_morph.h"

namespace pressa::entities {

struct HeadNoun {
  std::string nominative;  // lower case
  Gender gender = Gender::kMasc;
  bool strong = false;  // an organization even in lower case before a named complement
  bool place = false;   // a region head: область, край, район
};

struct FirstName {
  std::string nominative;
  Gender gender = Gender::kMasc;
  bool ambiguous = false;  // also a common word (Вера, Роман): needs a surname
};

struct GazetteerEntry {
  Entity::Type type = Entity::Type::kPlace;
  std::string display;
  int words = 1;
};

// The bit of a word in the (length, last byte) bitmaps below.
inline size_t WordHint(const std::string& word) {
  const size_t last = word.empty() ? 0 : static_cast<unsigned char>(word.back()) & 63;
  return (word.size() & 63) * 64 + last;
}

// A set of words behind a bitmap of (length, last byte) pairs: the finders
// ask about most words of a text, and most are rejected without hashing.
class WordSet {
 public:
  void insert(std::string word) {
    hint_.set(WordHint(word));
    words_.insert(std::move(word));
  }
  size_t count(const std::string& word) const {
    return hint_.test(WordHint(word)) ? words_.count(word) : 0;
  }

 private:
  std::unordered_set<std::string> words_;
  std::bitset<4096> hint_;
};

// A map from words behind the same kind of bitmap.
template <typename V>
class WordMap {
 public:
  using const_iterator = typename std::unordered_map<std::string, V>::const_iterator;
  V& operator[](const std::string& word) {
    hint_.set(WordHint(word));
    return map_[word];
  }
  // Adds `value` unless `word` is there already.
  void emplace(const std::string& word, V value) {
    hint_.set(WordHint(word));
    map_.emplace(word, std::move(value));
  }
  const_iterator find(const std::string& word) const {
    return hint_.test(WordHint(word)) ? map_.find(word) : map_.end();
  }
  const_iterator end() const { return map_.end(); }
  size_t count(const std::string& word) const { return find(word) != end() ? 1 : 0; }

 private:
  std::unordered_map<std::string, V> map_;
  std::bitset<4096> hint_;
};

struct Lexicon {
  // Any case form (lower case) of an organization or region head noun.
  WordMap<HeadNoun> heads;
  // Any case form (lower case) of a first name; several readings possible.
  WordMap<std::vector<FirstName>> first_names;
  // Place and organization names by EntityKey; the first word's key lists
  // the lengths (in words) of the names that start with it.
  std::unordered_map<std::string, GazetteerEntry> names;
  std::unordered_map<std::string, std::vector<int>> name_lengths;
  // Single-word name forms seen in training data (lower case) -> entry.
  std::unordered_map<std::string, GazetteerEntry> forms;
  // Surnames seen in training data (lower case, as written).
  WordSet known_surnames;
  WordSet known_surname_keys;  // their EntityKeys
  WordSet legal_forms;       // ООО, АО ... (as written)
  WordSet person_titles;     // stems: губернатор, министр
  WordSet speech_verbs;      // lower forms: заявил, подчеркнул
  WordSet stop_acronyms;     // lower: вввп, сми, ндс
  WordSet quote_org_words;   // stems: компания, завод, газета
  WordSet not_names;         // lower: capitalised non-names

  // Built on first use from the embedded data (thread-safe).
  static const Lexicon& Get();

  // The head noun of a lower-case word form, or nullptr. A bitmap of
  // (length, first letter) pairs, and the map's own of (length, last byte),
  // answer most words without hashing.
  const HeadNoun* Head(const std::string& lower) const {
    if (lower.size() < 2 || !head_hint.test(HintOf(lower))) return nullptr;
    auto it = heads.find(lower);
    return it == heads.end() ? nullptr : &it->second;
  }
  static size_t HintOf(const std::string& lower) {
    return (lower.size() & 63) * 64 + (static_cast<unsigned char>(lower[1]) & 63);
  }
  std::bitset<4096> head_hint;
};

}  // namespace pressa::entities

#endif  // PRESSA_INDEXER_ENTITIES_ENTITY_LEXICON_H_

// Word lists and gazetteers for entity extraction, built once from data
// compiled into the binary and shared read-only by every extractor.
#ifndef PRESSA_INDEXER_ENTITIES_ENTITY_LEXICON_H_
#define PRESSA_INDEXER_ENTITIES_ENTITY_LEXICON_H_

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/flat_string_map.h"
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
inline size_t WordHint(std::string_view word) {
  const size_t last = word.empty() ? 0 : static_cast<unsigned char>(word.back()) & 63;
  return (word.size() & 63) * 64 + last;
}

// A set of words behind a bitmap of (length, last byte) pairs: the finders
// ask about most words of a text, and most are rejected without hashing.
class WordSet {
 public:
  void insert(std::string_view word) {
    hint_.set(WordHint(word));
    words_.insert(word);
  }
  size_t count(const std::string& word) const {
    return hint_.test(WordHint(word)) && words_.Contains(word) ? 1 : 0;
  }

 private:
  FlatStringSet words_;
  std::bitset<4096> hint_;
};

// A map from words behind the same kind of bitmap.
template <typename V>
class WordMap {
 public:
  V& operator[](const std::string& word) {
    hint_.set(WordHint(word));
    return map_[word];
  }
  // Adds `value` unless `word` is there already.
  void emplace(const std::string& word, V value) {
    hint_.set(WordHint(word));
    map_.emplace(word, std::move(value));
  }
  // The value of `word`, nullptr if absent.
  const V* Find(const std::string& word) const {
    return hint_.test(WordHint(word)) ? map_.Find(word) : nullptr;
  }
  size_t count(const std::string& word) const { return Find(word) != nullptr ? 1 : 0; }

 private:
  FlatStringMap<V> map_;
  std::bitset<4096> hint_;
};

struct Lexicon {
  // Any case form (lower case) of an organization or region head noun.
  WordMap<HeadNoun> heads;
  // Any case form (lower case) of a first name; several readings possible.
  WordMap<std::vector<FirstName>> first_names;
  // Place and organization names by EntityKey.
  FlatStringMap<GazetteerEntry> names;
  // Single-word name forms seen in training data (lower case) -> entry.
  FlatStringMap<GazetteerEntry> forms;
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
    return heads.Find(lower);
  }
  static size_t HintOf(const std::string& lower) {
    return (lower.size() & 63) * 64 + (static_cast<unsigned char>(lower[1]) & 63);
  }
  std::bitset<4096> head_hint;
};

}  // namespace pressa::entities

#endif  // PRESSA_INDEXER_ENTITIES_ENTITY_LEXICON_H_

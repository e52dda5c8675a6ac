// The extraction rules: from tokens to entity mentions with normal forms.
#ifndef PRESSA_INDEXER_ENTITIES_ENTITY_RULES_H_
#define PRESSA_INDEXER_ENTITIES_ENTITY_RULES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/article.h"
#include "indexer/entities/entity_lexicon.h"
#include "indexer/entities/entity_tokens.h"
#include "stemmers/entity_names.h"

namespace pressa::entities {

// Per-extractor state: the lexicon, the alias table and reusable buffers.
class RuleExtractor {
 public:
  explicit RuleExtractor(const AliasTable* aliases);

  // Finds the mentions in text (offsets in code points), sorted by start.
  void Run(std::string_view text, std::vector<Entity>* out);

 private:
  struct Cand {
    int b = 0, e = 0;  // token range [b, e)
    Entity::Type type = Entity::Type::kOrg;
    std::string name;
    int prio = 0;
    bool nested_ok = false;  // may sit inside a longer accepted mention
    bool acronym = false;    // a bare acronym (takes an in-text definition)
    std::string surname_key;  // persons: key of the surname token
    bool full_person = false; // persons: has a first name
    // persons: what the name's case rests on, weakest first: the surname's
    // ending; the first name's case beside it (NominativeSurname's
    // by_agreement); a first name written in the nominative, and so the
    // name as written (WrittenNominative in entity_finders.cc). An article's
    // other mentions of the person take the best-founded name.
    enum class NameBasis : uint8_t { kEnding, kAgreement, kWritten };
    NameBasis name_basis = NameBasis::kEnding;
  };

  // EntityKey of token i, cached in the token and across articles.
  const std::string& Key(int i);
  // AliasTable::Canonical, cached across articles.
  const std::string& Canonical(Entity::Type type, const std::string& name);
  // Inline: the finders ask these millions of times per corpus.
  bool IsWord(int i) const {
    return i >= 0 && i < static_cast<int>(toks_.size()) && toks_[i].kind == Tok::Kind::kWord;
  }
  bool IsCapWord(int i) const { return IsWord(i) && toks_[i].cap; }
  bool IsPunct(int i, char32_t c) const {
    return i >= 0 && i < static_cast<int>(toks_.size()) && toks_[i].kind == Tok::Kind::kPunct &&
           toks_[i].punct == c;
  }
  std::string Surface(int b, int e) const;
  // Longest gazetteer match starting at i: sets *end and returns the entry.
  const GazetteerEntry* MatchName(int i, int* end) {
    // Inline: asked for every word, and only capitalised words can match.
    if (!IsWord(i) || !(toks_[i].cap || toks_[i].allcaps)) return nullptr;
    return MatchNameMemo(i, end);
  }
  const GazetteerEntry* MatchNameMemo(int i, int* end);
  const GazetteerEntry* MatchNameUncached(int i, int* end);
  // A region phrase (Смоленской области, Республики Беларусь) at i.
  // Inline: asked for every word, and both forms start with a capitalised one.
  bool MatchRegion(int i, int* end, std::string* name) {
    return IsCapWord(i) && MatchCapRegion(i, end, name);
  }
  bool MatchCapRegion(int i, int* end, std::string* name);
  // A place or named group usable as an organization's complement.
  int MatchNamedGroup(int i);
  // Adds c extended to `end` under `name`, as a named-group organization.
  void AddNamedGroupExtension(const Cand& c, int end, std::string name);
  bool IsGenitiveLike(int i) const;

  void FindQuoted();
  void FindPersons();
  void FindPlacesAndOrgs();
  // Organizations named by a head noun at i (Министерство финансов) or after
  // capitalised adjectives from i. Inline: asked for every word, and only a
  // capitalised word or a lower-case head noun can start one.
  void FindHeadOrgs(int i) {
    if (IsWord(i) && (toks_[i].cap || lex_.Head(toks_[i].lower))) FindHeadOrgsAt(i);
  }
  void FindHeadOrgsAt(int i);
  void Resolve(std::vector<Entity>* out);

  const Lexicon& lex_;
  const AliasTable* aliases_;
  FlatStringMap<GazetteerEntry> alias_names_;  // by EntityKey
  FlatStringMap<GazetteerEntry> single_forms_;  // lower form -> entry
  WordSet first_words_;  // first key word of every name
  WordSet prefixes_;     // proper multi-word key prefixes
  std::string_view text_;
  std::vector<Tok> toks_;
  std::vector<Cand> cands_;
  std::vector<int> order_;  // Resolve: cands_ indices by rank
  std::vector<int> top_, nested_;  // Resolve: accepted cands_ indices
  std::vector<int> owner_;         // Resolve: per token, index in top_ or -1
  std::vector<char> nested_taken_;  // Resolve: per token, inside a nested mention
  struct SortKey {
    int start, end, index;  // a mention's span and its index in the output
  };
  std::vector<SortKey> sort_keys_;  // Resolve: the output's order
  std::vector<Entity> sorted_;      // Resolve: the output, reordered
  // By Entity::Type: name -> canonical.
  std::unordered_map<std::string, std::string> canonical_cache_[3];
  std::vector<int> memo_end_;  // MatchName per token: -1 unknown, 0 none, else end
  std::vector<const GazetteerEntry*> memo_entry_;
  std::unordered_map<std::string, std::string> abbreviations_;  // lower acronym -> name
};

}  // namespace pressa::entities

#endif  // PRESSA_INDEXER_ENTITIES_ENTITY_RULES_H_

// Entity name normalization shared by the indexer (facet terms) and the
// searcher (--org/--person/--place values): one function on both sides.
#ifndef PRESSA_STEMMERS_ENTITY_NAMES_H_
#define PRESSA_STEMMERS_ENTITY_NAMES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/article.h"
#include "core/status.h"

namespace pressa {

// The key of an entity name: case-folded, ё→е, Latin look-alikes inside
// Cyrillic words folded, punctuation and quotes dropped, every word reduced to
// its Russian Snowball stem, words joined by one space. So "Центра поддержки
// экспорта" and "центр поддержки экспорта" share one key, and so do
// "Анохина", "Анохину" and "Анохин". Truncated so that a term stays within
// schema::kMaxTermBytes. Thread-safe.
std::string EntityKey(std::string_view name);

// The boolean filter term of an entity key for a type (schema prefixes
// kPrefixOrg/kPrefixPerson/kPrefixPlace + key).
std::string EntityTerm(Entity::Type type, std::string_view key);

// Every filter term the index holds for one extracted mention: the keys of
// its normal form and its surface form, and for a person also the key of the
// surname alone (so that `--person анохин` finds "Василий Анохин").
// Distinct, each within schema::kMaxTermBytes.
std::vector<std::string> EntityIndexTerms(const Entity& entity);

// Well-known equivalent names (РЭЦ = Российский экспортный центр, Белоруссия =
// Беларусь), one group per line of a TSV text:
//   type <TAB> canonical name <TAB> alias <TAB> alias ...
// type is org, person or place; lines starting with # and blank lines are
// ignored. The indexer stores Serialize() in the index so the searcher resolves
// names with exactly the table the index was built with. Immutable after
// Parse; safe to share between threads.
class AliasTable {
 public:
  AliasTable() = default;

  // Fails with InvalidArgument naming the line if a type is unknown or a
  // line has no canonical name.
  static Result<AliasTable> Parse(std::string_view tsv_text);

  // The table compiled into the binary from corpus/aliases.tsv; parsed on
  // first use (thread-safe), a fraction of a millisecond.
  static const AliasTable& Default();

  // The display name of the group holding `name` (any inflected form of the
  // canonical name or of an alias), or `name` itself when no group holds it.
  std::string Canonical(Entity::Type type, std::string_view name) const;

  // EntityKey of `name` first, then the keys of its group's canonical name and
  // every alias; just the key of `name` when no group holds it.
  std::vector<std::string> EquivalentKeys(Entity::Type type, std::string_view name) const;

  // The table as TSV text that Parse() reads back to an equal table.
  std::string Serialize() const;

  // Every (type, name) the table holds, canonical names and aliases: the
  // extractor adds them to its gazetteer.
  std::vector<std::pair<Entity::Type, std::string>> Names() const;

  size_t size() const { return groups_.size(); }

 private:
  struct Group {
    Entity::Type type = Entity::Type::kOrg;
    std::vector<std::string> names;  // canonical first
    std::vector<std::string> keys;   // EntityKey of each name, distinct
  };
  // Index into groups_ of the group of (type, key), or -1.
  int Find(Entity::Type type, const std::string& key) const;

  std::vector<Group> groups_;
  std::unordered_map<std::string, int> by_key_;  // type letter + key -> group
};

}  // namespace pressa

#endif  // PRESSA_STEMMERS_ENTITY_NAMES_H_

// Alias expansion over query items, and the strict/relaxed ranking queries.
#include "searcher/ranking.h"

#include <map>

#include "core/schema.h"

namespace pressa {
namespace {

// Acronym terms carry a prefix; compare names by the bare text.
std::string Bare(const std::string& term) {
  const std::string prefix = schema::kPrefixAcronym;
  return term.compare(0, prefix.size(), prefix) == 0 ? term.substr(prefix.size()) : term;
}

std::string Join(const std::vector<std::string>& terms, size_t from, size_t to) {
  std::string key;
  for (size_t i = from; i < to; ++i) {
    if (!key.empty()) key += ' ';
    key += Bare(terms[i]);
  }
  return key;
}

// The first UTF-8 character of a term.
std::string FirstChar(const std::string& s) {
  if (s.empty()) return s;
  unsigned char c = static_cast<unsigned char>(s[0]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  return s.substr(0, len);
}

Xapian::Query NameQuery(const std::vector<std::string>& terms) {
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  // Stopwords inside a name ("промышленности и торговли") are not indexed.
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size() + 2));
}

bool IsPlainWord(const QueryItem& item) { return !item.phrase && item.terms.size() == 1; }

}  // namespace

void AliasExpander::Build(const AliasTable& table, Analyzer* analyzer) {
  std::map<std::string, int> group_of;
  std::vector<Token> tokens;
  for (const auto& [type, name] : table.Names()) {
    std::string group_key = std::to_string(static_cast<int>(type)) + table.Canonical(type, name);
    auto [it, inserted] = group_of.emplace(group_key, static_cast<int>(groups_.size()));
    if (inserted) groups_.emplace_back();
    Name n;
    n.group = it->second;
    tokens.clear();
    analyzer->Analyze(name, &tokens);
    for (const Token& t : tokens) {
      if (t.kind != Token::Kind::kCompound && !t.term.empty()) n.terms.push_back(t.term);
    }
    if (n.terms.empty()) continue;
    by_key_[Join(n.terms, 0, n.terms.size())].push_back(static_cast<int>(names_.size()));
    groups_[n.group].push_back(static_cast<int>(names_.size()));
    names_.push_back(std::move(n));
  }
}

std::vector<QueryItem> AliasExpander::Expand(const std::vector<QueryItem>& items,
                                             const Xapian::Database& db) const {
  constexpr size_t kMaxSpan = 6;
  std::vector<QueryItem> out;
  size_t i = 0;
  while (i < items.size()) {
    std::vector<Xapian::Query> alternatives;
    size_t span = 0;
    for (size_t len = std::min(kMaxSpan, items.size() - i); len >= 1 && span == 0; --len) {
      std::vector<std::string> terms;
      bool plain = true;
      for (size_t k = i; k < i + len; ++k) {
        plain = plain && !items[k].phrase && !items[k].terms.empty();
        terms.insert(terms.end(), items[k].terms.begin(), items[k].terms.end());
      }
      if (!plain) continue;
      auto hit = by_key_.find(Join(terms, 0, terms.size()));
      if (hit != by_key_.end()) {
        for (int name : hit->second) {
          for (int other : groups_[names_[name].group]) {
            if (Join(names_[other].terms, 0, names_[other].terms.size()) != hit->first) {
              alternatives.push_back(NameQuery(names_[other].terms));
            }
          }
        }
        span = len;
      } else if (len >= 3 && len <= 5 && terms.size() == len) {
        // Three to five words whose initials spell an abbreviation the index holds.
        std::string initials = schema::kPrefixAcronym;
        for (const std::string& t : terms) initials += FirstChar(Bare(t));
        try {
          if (db.get_termfreq(initials) >= 2) {
            alternatives.emplace_back(initials);
            span = len;
          }
        } catch (const Xapian::Error&) {
        }
      }
    }
    if (span == 0) {
      out.push_back(items[i++]);
      continue;
    }
    std::vector<Xapian::Query> whole;
    for (size_t k = i; k < i + span; ++k) whole.push_back(items[k].query);
    alternatives.insert(alternatives.begin(),
                        whole.size() == 1 ? whole[0]
                                          : Xapian::Query(Xapian::Query::OP_AND, whole.begin(),
                                                          whole.end()));
    QueryItem merged;
    merged.query = Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    out.push_back(std::move(merged));
    i += span;
  }
  return out;
}

RankingQueries BuildRanking(const std::vector<QueryItem>& items, const RankingOptions& options) {
  RankingQueries r;
  std::vector<Xapian::Query> parts;
  for (const QueryItem& item : items) parts.push_back(item.query);
  if (parts.empty()) return r;
  if (parts.size() == 1) {
    r.strict = r.relaxed = parts[0];
    return r;
  }
  r.strict = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  std::vector<Xapian::Query> boosts;
  if (options.and_boost > 0) {
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, r.strict, options.and_boost);
  }
  if (options.near_boost > 0) {
    for (size_t i = 0; i + 1 < items.size(); ++i) {
      if (!IsPlainWord(items[i]) || !IsPlainWord(items[i + 1])) continue;
      Xapian::Query pair[] = {items[i].query, items[i + 1].query};
      boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                          Xapian::Query(Xapian::Query::OP_NEAR, pair, pair + 2,
                                        options.near_window),
                          options.near_boost);
    }
  }
  Xapian::Query any(Xapian::Query::OP_OR, parts.begin(), parts.end());
  if (!boosts.empty()) r.boosts = Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
  r.relaxed = boosts.empty()
                  ? any
                  : Xapian::Query(Xapian::Query::OP_AND_MAYBE, any,
                                  Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
  return r;
}

}  // namespace pressa

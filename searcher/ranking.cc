// Alias expansion over query items, and the strict/relaxed ranking queries.
#include "searcher/ranking.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "core/schema.h"
#include "core/split.h"
#include "core/text_dict.h"
#include "searcher/match_set.h"
#include "searcher/positional.h"

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
  std::vector<Xapian::Query> parts(terms.begin(), terms.end());
  return PositionalQuery(Xapian::Query::OP_PHRASE, parts, static_cast<unsigned>(terms.size() + 2));
}

// An alternative name with fewer words than the query's span weighs as much
// as the words it stands for (up to three times a single term).
Xapian::Query Weighted(const Xapian::Query& q, size_t span_terms, size_t name_terms) {
  double factor = std::min(3.0, static_cast<double>(span_terms) / std::max<size_t>(1, name_terms));
  return factor > 1.0 ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor) : q;
}

bool TermExists(const Xapian::Database& db, const std::string& term) {
  try {
    return db.term_exists(term);
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // a writer committed: Searcher::Search reopens and runs the search again
  } catch (const Xapian::Error&) {
    return false;
  }
}

// Whether the query word `term` stands for the abbreviation articles write in
// capitals (`цпэ` for ЦПЭ): they do so at least as often as they write the
// word itself. Not "идеи", whose stem "ид" 1,284 articles of the corpus hold
// against 2 that write ИД, nor "мира" (5,053 against 4 for МИР).
bool MeansAcronym(const Xapian::Database& db, const std::string& term) {
  const std::string acronym = schema::kPrefixAcronym + Bare(term);
  if (acronym == term) return TermExists(db, term);  // typed in capitals
  try {
    const Xapian::doccount written = db.get_termfreq(acronym);
    return written > 0 && written >= db.get_termfreq(term);
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;
  } catch (const Xapian::Error&) {
    return false;
  }
}

bool CoOccur(const Xapian::Query& phrase, const std::string& term, const Xapian::Database& db) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, phrase, Xapian::Query(term)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

bool IsPlainWord(const QueryItem& item) { return !item.phrase && item.terms.size() == 1; }

// `base` with each boost's weight added where the boost matches: one
// AND_MAYBE per boost. Xapian 1.4 weighs AND_MAYBE(base, OR of boosts) wrong
// when a boost is a NEAR: an article can get the weight of a NEAR it does
// not satisfy, depending on how many results were asked for ("смоленский
// цпэ второе место рейтинг": 186 of its 8,023 articles over the whole
// corpus, and one ranked third instead of tenth on a page of 20).
Xapian::Query WithBoosts(Xapian::Query base, const std::vector<Xapian::Query>& boosts) {
  for (const Xapian::Query& boost : boosts) {
    base = Xapian::Query(Xapian::Query::OP_AND_MAYBE, base, boost);
  }
  return base;
}

}  // namespace

void AliasExpander::Build(const AliasTable& table, Analyzer* analyzer) {
  analyzer_ = analyzer;
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

std::vector<std::string> AliasExpander::DefinedNames(const std::string& acronym,
                                                    const Xapian::Database& db) const {
  constexpr int kDocsToRead = 30;
  std::map<std::string, int> votes;
  try {
    // Articles the extractor linked to the abbreviation, and articles that
    // write it: their organizations' names.
    std::set<Xapian::docid> docs;
    for (const std::string& term : {EntityTerm(Entity::Type::kOrg, EntityKey(acronym)),
                                    schema::kPrefixAcronym + acronym}) {
      int read = 0;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && read < kDocsToRead;
           ++it, ++read) {
        docs.insert(*it);
      }
    }
    for (Xapian::docid id : docs) {
      Xapian::Document doc = db.get_document(id);
      std::string data = schema::StoredDocBytes(doc);
      if (!textdict::Known(schema::StoredDocDictionary(data))) textdict::RegisterFrom(db);
      auto stored = schema::DecodeStoredDoc(data);
      if (!stored.ok()) continue;
      std::set<std::string> orgs;  // the document's distinct organizations
      for (const Entity& e : stored->entities) {
        if (e.type == Entity::Type::kOrg) orgs.insert(e.name);
      }
      for (const std::string& name : orgs) {
        // The name's first words whose initials spell the abbreviation.
        std::vector<Token> tokens;
        analyzer_->Analyze(name, &tokens);
        std::string initials, words;
        std::vector<std::string> terms;
        for (const Token& t : tokens) {
          if (t.kind == Token::Kind::kCompound || t.term.empty()) continue;
          if (initials.size() >= acronym.size()) break;
          initials += FirstChar(t.norm);
          terms.push_back(t.term);
        }
        if (terms.size() >= 2 && initials == acronym) votes[Join(terms, 0, terms.size())] += 1;
      }
    }
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // a writer committed: Searcher::Search reopens and runs the search again
  } catch (const Xapian::Error&) {
    return {};
  }
  std::vector<std::string> out;
  for (const auto& [name, count] : votes) out.push_back(name);
  return out;
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
        // A name in two groups (or spelt twice) brings the same alternative
        // again: once is enough, and each phrase costs a check per match.
        std::set<std::string> seen = {hit->first};
        for (int name : hit->second) {
          for (int other : groups_[names_[name].group]) {
            if (seen.insert(Join(names_[other].terms, 0, names_[other].terms.size())).second) {
              alternatives.push_back(Weighted(NameQuery(names_[other].terms), terms.size(),
                                              names_[other].terms.size()));
            }
          }
        }
        span = len;
      } else if (len == 1 && terms.size() == 1 && analyzer_ != nullptr &&
                 MeansAcronym(db, terms[0])) {
        // An abbreviation the alias table does not hold: the names articles
        // define for it.
        std::string bare = Bare(terms[0]);
        for (const std::string& name : DefinedNames(bare, db)) {
          alternatives.push_back(NameQuery(SplitAt(name, ' ')));
        }
        if (!alternatives.empty()) span = 1;
      } else if (len >= 3 && len <= 5 && terms.size() == len) {
        // Three to five words whose initials spell an abbreviation the index holds.
        std::string initials = schema::kPrefixAcronym;
        for (const std::string& t : terms) initials += FirstChar(Bare(t));
        try {
          // Only when some article writes the words and the abbreviation
          // together (as one that defines it does).
          if (db.get_termfreq(initials) >= 2 && CoOccur(NameQuery(terms), initials, db)) {
            alternatives.push_back(Weighted(Xapian::Query(initials), len, 1));
            span = len;
          }
        } catch (const Xapian::DatabaseModifiedError&) {
          throw;  // a writer committed: Searcher::Search reopens and runs the search again
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
    // OP_MAX: an article naming the thing both ways counts it once.
    merged.query = MaxQuery(alternatives);
    out.push_back(std::move(merged));
    i += span;
  }
  return out;
}

RankingQueries BuildRanking(const std::vector<QueryItem>& items, const RankingOptions& options,
                            const Xapian::Database& db) {
  RankingQueries r;
  std::vector<Xapian::Query> parts;
  for (const QueryItem& item : items) parts.push_back(item.query);
  if (parts.empty()) return r;
  if (parts.size() == 1) {
    r.strict = r.relaxed = r.strict_ranked = WholeMaxQuery(parts[0]);
    return r;
  }
  r.strict = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  r.relaxes = true;
  std::vector<Xapian::Query> boosts, near_boosts;
  if (options.and_boost > 0) {
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, r.strict, options.and_boost);
  }
  if (options.near_boost > 0) {
    for (size_t i = 0; i + 1 < items.size(); ++i) {
      if (!IsPlainWord(items[i]) || !IsPlainWord(items[i + 1])) continue;
      std::vector<Xapian::Query> pair = {items[i].query, items[i + 1].query};
      Xapian::Query near = ProximityBoostQuery(db, pair, options.near_window);
      if (near.empty()) continue;
      near_boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, near, options.near_boost);
    }
  }
  boosts.insert(boosts.end(), near_boosts.begin(), near_boosts.end());
  r.strict_ranked = options.and_boost > 0 ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, r.strict,
                                                          1.0 + options.and_boost)
                                          : r.strict;
  if (!near_boosts.empty()) {
    r.strict_parts = BoostedQuery{r.strict_ranked, near_boosts, 1.0 + 2.0 * options.near_boost};
  }
  r.strict_ranked = WithBoosts(r.strict_ranked, near_boosts);
  // A quoted phrase may be misremembered too: loosely, its words in any order.
  std::vector<Xapian::Query> loose;
  for (const QueryItem& item : items) {
    if (item.phrase && item.terms.size() > 1) {
      Xapian::Query words(Xapian::Query::OP_AND, item.terms.begin(), item.terms.end());
      loose.emplace_back(Xapian::Query::OP_OR, item.query, words);
    } else {
      loose.push_back(item.query);
    }
  }
  Xapian::Query any(Xapian::Query::OP_OR, loose.begin(), loose.end());
  r.relaxed = WithBoosts(any, boosts);
  if (!near_boosts.empty()) {
    boosts.resize(boosts.size() - near_boosts.size());
    r.relaxed_parts = BoostedQuery{WithBoosts(any, boosts), near_boosts,
                                   1.0 + 2.0 * options.near_boost};
  }
  return r;
}

namespace {

// Adds to each of `hits` (ascending by docid) the weight of each of `boosts`
// it matches, in their order: AND_MAYBE(the articles of `hits`, boost), so
// each is weighed as the whole query reaches it.
void AddBoosts(const Xapian::Database& db, const std::vector<Xapian::Query>& boosts,
               const Xapian::Weight& weight, std::vector<std::pair<Xapian::docid, double>>* hits) {
  if (boosts.empty()) return;
  std::vector<Xapian::docid> ids;
  ids.reserve(hits->size());
  for (const auto& hit : *hits) ids.push_back(hit.first);
  for (const Xapian::Query& boost : boosts) {
    DocidPostingSource looked_at(&ids, db);
    Xapian::Enquire second(db);
    second.set_query(
        Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(&looked_at), boost));
    second.set_weighting_scheme(weight);
    Xapian::MSet boosted = second.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
    for (Xapian::MSetIterator it = boosted.begin(); it != boosted.end(); ++it) {
      auto at = std::lower_bound(hits->begin(), hits->end(),
                                 std::make_pair(*it, -std::numeric_limits<double>::infinity()));
      at->second += it.get_weight();
    }
  }
}

}  // namespace

void RankInTwoSteps(const Xapian::Database& db, const BoostedQuery& q,
                    const Xapian::Weight& weight, Xapian::doccount fetch,
                    std::vector<std::pair<Xapian::docid, double>>* hits,
                    Xapian::doccount min_depth, FirstLook* look) {
  // Past the number of articles, every match is looked at.
  const Xapian::doccount all = db.get_doccount() + 1;
  for (Xapian::doccount depth = std::max<Xapian::doccount>(4 * fetch, min_depth);;
       depth = depth > all / 4 ? all : 4 * depth) {
    depth = std::min(depth, all);
    Xapian::Enquire first(db);
    first.set_query(q.unboosted);
    first.set_weighting_scheme(weight);
    Xapian::MSet best;
    if (look != nullptr) {
      if (look->prepare) look->prepare(&first);
      best = first.get_mset(0, depth, std::max(depth, look->check_at_least));
      look->mset = best;
      look = nullptr;  // deeper looks count nothing again
    } else {
      best = first.get_mset(0, depth);
    }
    hits->clear();
    for (Xapian::MSetIterator it = best.begin(); it != best.end(); ++it) {
      hits->emplace_back(*it, it.get_weight());
    }
    std::sort(hits->begin(), hits->end());  // by docid
    AddBoosts(db, q.boosts, weight, hits);
    std::sort(hits->begin(), hits->end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (hits->size() > fetch) hits->resize(fetch);
    if (best.size() < depth) return;  // it looked at every match
    double reachable = q.bound * best[depth - 1].get_weight();
    if (hits->size() == fetch && hits->back().second > reachable) return;
  }
}

void RankByDate(const Xapian::Database& db, const BoostedQuery& q, const Xapian::Weight& weight,
                const std::vector<Xapian::docid>& matches, const std::vector<uint32_t>& dates,
                Xapian::doccount fetch, std::vector<std::pair<Xapian::docid, double>>* hits) {
  hits->clear();
  if (fetch == 0 || matches.empty()) return;
  // The date of the last article the page can hold: every article of that
  // day competes for its places by weight.
  uint32_t oldest = 0;
  if (matches.size() > fetch) {
    std::vector<uint32_t> newest(dates);
    std::nth_element(newest.begin(), newest.begin() + (fetch - 1), newest.end(),
                     std::greater<uint32_t>());
    oldest = newest[fetch - 1];
  }
  std::vector<Xapian::docid> ids;  // ascending, as `matches`
  std::vector<uint32_t> id_dates;
  for (size_t i = 0; i < matches.size(); ++i) {
    if (dates[i] < oldest) continue;
    ids.push_back(matches[i]);
    id_dates.push_back(dates[i]);
  }
  DocidPostingSource candidates(&ids, db, DocidPostingSource::Order::kFollows);
  Xapian::Enquire first(db);
  first.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q.unboosted, Xapian::Query(&candidates)));
  first.set_weighting_scheme(weight);
  Xapian::MSet weighed = first.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
  for (Xapian::MSetIterator it = weighed.begin(); it != weighed.end(); ++it) {
    hits->emplace_back(*it, it.get_weight());
  }
  std::sort(hits->begin(), hits->end());  // by docid
  AddBoosts(db, q.boosts, weight, hits);
  struct Ranked {
    uint32_t date;
    double weight;
    Xapian::docid did;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(hits->size());
  for (const auto& [did, w] : *hits) {
    size_t at = static_cast<size_t>(std::lower_bound(ids.begin(), ids.end(), did) - ids.begin());
    ranked.push_back({at < ids.size() && ids[at] == did ? id_dates[at] : 0, w, did});
  }
  auto newer = [](const Ranked& a, const Ranked& b) {
    if (a.date != b.date) return a.date > b.date;
    return a.weight != b.weight ? a.weight > b.weight : a.did < b.did;
  };
  const size_t keep = std::min<size_t>(fetch, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + keep, ranked.end(), newer);
  hits->clear();
  for (size_t i = 0; i < keep; ++i) hits->emplace_back(ranked[i].did, ranked[i].weight);
}

}  // namespace pressa

// MatchingDocids: set operations over sorted posting lists.
#include "searcher/match_set.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/split.h"
#include "searcher/positional.h"

namespace pressa {
namespace {

using Docids = std::vector<Xapian::docid>;

// A document's positional test (reading and comparing its positions) costs
// about as much CPU as weighing this many matches in Xapian's matcher.
constexpr size_t kPositionalCost = 10;

// Whether every node of `q` is one MatchingDocids evaluates.
bool Supported(const Xapian::Query& q) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return true;
    case Xapian::Query::LEAF_POSTING_SOURCE:
      return IsMaxKeeper(q);  // matches nothing (EvalPlain's default)
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SCALE_WEIGHT:
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
        if (!Supported(q.get_subquery(i))) return false;
      }
      return q.get_num_subqueries() > 0;
    case Xapian::Query::OP_AND_MAYBE:
      // The right side only weighs: it may hold anything.
      return q.get_num_subqueries() > 0 && Supported(q.get_subquery(0));
    default:
      return false;
  }
}

// Whether each positional part of q has an OR (MAX, SYNONYM) around it
// whose other parts may rule out its candidates (`in_or`: q has one), and
// no value range must be read: else Evaluator gives up, after the work.
bool Promising(const Xapian::Query& q, bool in_or, bool resolvable) {
  if (Supported(q)) return true;
  const size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_SYNONYM:
      for (size_t i = 0; i < n; ++i) {
        if (!Promising(q.get_subquery(i), in_or || n > 1, resolvable)) return false;
      }
      return true;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      for (size_t i = 0; i < n; ++i) {
        if (!Promising(q.get_subquery(i), in_or, resolvable)) return false;
      }
      return true;
    case Xapian::Query::OP_AND_NOT:
      // Its right side is tested on what its left side matches, OR or not.
      for (size_t i = 0; i < n; ++i) {
        if (!Promising(q.get_subquery(i), i == 0 && in_or, resolvable)) return false;
      }
      return true;
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return Promising(q.get_subquery(0), in_or, resolvable);
    case Xapian::Query::OP_VALUE_RANGE:
    case Xapian::Query::OP_VALUE_GE:
    case Xapian::Query::OP_VALUE_LE:
      return resolvable;
    default:
      return in_or;
  }
}

// `expected`: how many there are (the term's frequency), to reserve room.
Docids PostingList(const Xapian::Database& db, const std::string& term, Xapian::doccount expected) {
  Docids out;
  out.reserve(expected);
  for (Xapian::PostingIterator it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    out.push_back(*it);
  }
  return out;
}

Docids Intersect(const Docids& a, const Docids& b) {
  Docids out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Docids Subtract(const Docids& a, const Docids& b) {
  Docids out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// The union of sorted lists, merged pairwise smallest first.
Docids Union(std::vector<Docids> lists) {
  if (lists.empty()) return {};
  auto larger = [](const Docids& a, const Docids& b) { return a.size() > b.size(); };
  while (lists.size() > 1) {
    std::sort(lists.begin(), lists.end(), larger);
    Docids a = std::move(lists.back());
    lists.pop_back();
    Docids b = std::move(lists.back());
    lists.pop_back();
    Docids merged;
    merged.reserve(a.size() + b.size());
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged));
    lists.push_back(std::move(merged));
  }
  return std::move(lists[0]);
}

// Evaluates queries whose positional parts (phrases, NEAR, posting sources)
// are tested by the matcher only on documents their context leaves open: in
// AND, those every plain sibling matches; in OR and MAX, those no sibling
// matched already. The matcher's own pass tests a part wherever its AND
// siblings match, whatever its OR siblings say: so this pays only when OR
// siblings rule out most of a part's candidates, and gives up (ok = false)
// otherwise, as for value ranges.
class Evaluator {
 public:
  Evaluator(const Xapian::Database& db, const PartResolver& resolve)
      : db_(db), resolve_(resolve) {}

  bool ok() const { return ok_; }

  // The matches of q among `within` (all documents when null); those in
  // `except` (when not null) may be left out: an OR that holds them already
  // asks.
  Docids Eval(const Xapian::Query& q, const Docids* within, const Docids* except = nullptr) {
    if (!ok_) return {};
    if (Supported(q)) return EvalPlain(q, within);
    const size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER: {
        std::vector<Xapian::Query> plain, other;
        for (size_t i = 0; i < n; ++i) {
          Xapian::Query sub = q.get_subquery(i);
          (Supported(sub) ? plain : other).push_back(sub);
        }
        Docids out;
        const Docids* scope = within;
        size_t open = 0;  // an upper bound of what the matcher would test, when known
        if (!plain.empty()) {
          out = except != nullptr && !other.empty()
                    ? AndExcept(plain, within, *except, &open)
                    : Eval(Xapian::Query(Xapian::Query::OP_AND, plain.begin(), plain.end()), within);
          scope = &out;
        }
        for (const Xapian::Query& sub : other) {
          if (scope != nullptr && scope->empty()) return {};
          Docids next = IsBranch(sub) ? Eval(sub, scope, except)
                                      : Positional(sub, scope, except, open);
          out = std::move(next);
          scope = &out;
        }
        return out;
      }
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_MAX:
      case Xapian::Query::OP_SYNONYM: {
        std::vector<Xapian::Query> plain, other;
        for (size_t i = 0; i < n; ++i) {
          Xapian::Query sub = q.get_subquery(i);
          (Supported(sub) ? plain : other).push_back(sub);
        }
        Docids matched;  // by the parts evaluated so far
        if (!plain.empty()) {
          matched = Eval(Xapian::Query(Xapian::Query::OP_OR, plain.begin(), plain.end()), within);
        }
        for (const Xapian::Query& sub : other) {
          // Only documents neither matched yet nor excluded can add to the union.
          Docids skip = except == nullptr ? matched : Union({matched, *except});
          matched = Union({std::move(matched), Eval(sub, within, &skip)});
        }
        return matched;
      }
      case Xapian::Query::OP_AND_NOT: {
        Docids left = Eval(q.get_subquery(0), within, except);
        for (size_t i = 1; i < n && !left.empty(); ++i) {
          left = Subtract(left, Eval(q.get_subquery(i), &left));
        }
        return left;
      }
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_SCALE_WEIGHT:
        return Eval(q.get_subquery(0), within, except);
      default:
        return Positional(q, within, except, 0);
    }
  }

 private:
  // Whether Eval splits q (else Positional takes it whole).
  static bool IsBranch(const Xapian::Query& q) {
    switch (q.get_type()) {
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER:
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_MAX:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_SCALE_WEIGHT:
        return true;
      default:
        return false;
    }
  }

  // The matches of the AND of plain `parts` among `within`, less `except`
  // as soon as the rarest part is read, so that the others are read only
  // where they can still matter (a phrase's words, once an OR sibling has
  // matched most documents holding its rarest word). *open: the rarest
  // part's matches before `except`, which bound the AND's.
  Docids AndExcept(std::vector<Xapian::Query> parts, const Docids* within, const Docids& except,
                   size_t* open) {
    std::vector<Xapian::doccount> freq;
    for (const Xapian::Query& p : parts) freq.push_back(Frequency(p));
    size_t rarest = static_cast<size_t>(std::min_element(freq.begin(), freq.end()) - freq.begin());
    Docids out = EvalPlain(parts[rarest], within);
    *open = out.size();
    out = Subtract(out, except);
    for (size_t i = 0; i < parts.size() && !out.empty(); ++i) {
      if (i != rarest) out = EvalPlain(parts[i], &out);
    }
    return out;
  }

  Xapian::doccount Frequency(const Xapian::Query& q) {
    return q.get_type() == Xapian::Query::LEAF_TERM ? TermFreq(*q.get_terms_begin())
                                                     : db_.get_doccount();
  }

 private:
  // A term's frequency, looked up once per evaluation: over a stub each
  // lookup reads every shard's B-tree (system calls that cost more than the
  // rest of a search on a VM), and a query asks for its terms several times.
  Xapian::doccount TermFreq(const std::string& term) {
    auto [it, inserted] = term_freqs_.try_emplace(term, 0);
    if (inserted) it->second = db_.get_termfreq(term);
    return it->second;
  }

  Docids Postings(const std::string& term) {
    return PostingList(db_, term, term.empty() ? db_.get_doccount() : TermFreq(term));
  }

  // The matches of a query MatchingDocids cannot split further, among
  // `within` less `except`, tested by the matcher.
  // `open`, when not 0: an upper bound of the documents the matcher would
  // test q on (before `except`), which `within` may no longer show.
  Docids Positional(const Xapian::Query& q, const Docids* within, const Docids* except,
                    size_t open) {
    Xapian::Query::op type = q.get_type();
    if (resolve_ && type != Xapian::Query::OP_PHRASE && type != Xapian::Query::OP_NEAR) {
      Docids all, out;
      if (within == nullptr) all = Postings(std::string());
      if (resolve_(q, within != nullptr ? *within : all, &out)) return out;
    }
    // A phrase or NEAR of plain terms can only match documents holding them all.
    Docids holders;
    bool have_holders = false;
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
      std::vector<Xapian::Query> terms;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
        Xapian::Query sub = q.get_subquery(i);
        if (sub.get_type() == Xapian::Query::LEAF_TERM) terms.push_back(sub);
      }
      if (!terms.empty() && except != nullptr) {
        holders = AndExcept(terms, within, *except, &open);
        have_holders = true;
      } else if (!terms.empty()) {
        holders = EvalPlain(Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()), within);
        have_holders = true;
      }
    }
    Docids candidates;
    if (have_holders) {
      candidates = std::move(holders);
    } else if (type == Xapian::Query::OP_VALUE_RANGE || type == Xapian::Query::OP_VALUE_GE ||
               type == Xapian::Query::OP_VALUE_LE) {
      // Read value by value, a range costs the matcher about as much as the
      // weighted pass it would save.
      ok_ = false;
      return {};
    } else if (within != nullptr) {
      candidates = *within;
    } else {
      candidates = Postings(std::string());
    }
    if (open == 0) open = candidates.size();
    if (except != nullptr) candidates = Subtract(candidates, *except);
    // Worth it only when the OR siblings rule out most of what the matcher
    // would test, and have matched many more documents than are left to
    // test (a positional test costs about as much as weighing ten matches):
    // the weighted pass can then stop early instead of weighing them all.
    if (candidates.size() * 2 > open ||
        candidates.size() * kPositionalCost > (except != nullptr ? except->size() : 0)) {
      ok_ = false;
      return {};
    }
    if (candidates.empty()) return {};
    DocidPostingSource source(&candidates, db_);
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(&source)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(candidates.size()));
    Docids out;
    out.reserve(mset.size());
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
    std::sort(out.begin(), out.end());
    return out;
  }

  // The postings of `term` among `within` (all when null): skipping to each
  // document of a short `within` rather than reading a long list whole.
  Docids TermWithin(const std::string& term, const Docids* within) {
    if (within == nullptr) return Postings(term);
    if (within->empty()) return {};
    if (within->size() * 16 > TermFreq(term)) return Intersect(Postings(term), *within);
    Docids out;
    Xapian::PostingIterator it = db_.postlist_begin(term);
    const Xapian::PostingIterator end = db_.postlist_end(term);
    for (Xapian::docid did : *within) {
      it.skip_to(did);
      if (it == end) break;
      if (*it == did) out.push_back(did);
    }
    return out;
  }

  // The matches of a query of only plain parts among `within` (all when null).
  Docids EvalPlain(const Xapian::Query& q, const Docids* within = nullptr) {
    const size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM:
        return TermWithin(*q.get_terms_begin(), within);
      case Xapian::Query::LEAF_MATCH_ALL:
        return within == nullptr ? Postings(std::string()) : *within;
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER: {
        // Rarest part first: the others are then read only where it matches.
        std::vector<std::pair<Xapian::doccount, Xapian::Query>> parts;
        for (size_t i = 0; i < n; ++i) {
          Xapian::Query sub = q.get_subquery(i);
          parts.emplace_back(Frequency(sub), sub);
        }
        std::stable_sort(parts.begin(), parts.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        Docids out = EvalPlain(parts[0].second, within);
        for (size_t i = 1; i < parts.size() && !out.empty(); ++i) {
          Docids next = EvalPlain(parts[i].second, &out);
          out = std::move(next);
        }
        return out;
      }
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_MAX:
      case Xapian::Query::OP_SYNONYM: {
        std::vector<Docids> lists;
        for (size_t i = 0; i < n; ++i) lists.push_back(EvalPlain(q.get_subquery(i), within));
        return Union(std::move(lists));
      }
      case Xapian::Query::OP_AND_NOT: {
        Docids out = EvalPlain(q.get_subquery(0), within);
        for (size_t i = 1; i < n && !out.empty(); ++i) {
          out = Subtract(out, EvalPlain(q.get_subquery(i), &out));
        }
        return out;
      }
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_SCALE_WEIGHT:
        return EvalPlain(q.get_subquery(0), within);
      default:  // LEAF_MATCH_NOTHING, MaxQuery's keeper
        return {};
    }
  }

  const Xapian::Database& db_;
  std::unordered_map<std::string, Xapian::doccount> term_freqs_;
  const PartResolver& resolve_;
  bool ok_ = true;
};

}  // namespace

namespace {

std::vector<std::string> ShardUuids(const Xapian::Database& db) {
  if (db.size() <= 1) return {};
  // A combined database's UUID is its shards', joined by ':' in order.
  return SplitAt(db.get_uuid(), ':');
}

}  // namespace

bool ShardsDistinct(const Xapian::Database& db) {
  std::vector<std::string> uuids = ShardUuids(db);
  if (uuids.empty()) return true;
  if (uuids.size() != db.size()) return false;
  std::sort(uuids.begin(), uuids.end());
  return uuids.front() != "" && std::adjacent_find(uuids.begin(), uuids.end()) == uuids.end();
}

DocidPostingSource::DocidPostingSource(const std::vector<Xapian::docid>* ids,
                                       const Xapian::Database& searched, Order order)
    : ids_(ids), shards_(ShardUuids(searched)), order_(order) {}

void DocidPostingSource::init(const Xapian::Database& db) {
  doccount_ = db.get_doccount();
  started_ = false;
  at_ = 0;
  active_ = ids_;
  if (shards_.empty()) return;
  auto found = std::find(shards_.begin(), shards_.end(), db.get_uuid());
  if (found == shards_.end()) {
    throw Xapian::InvalidOperationError("DocidPostingSource: a shard it was not made for");
  }
  const Xapian::docid n = static_cast<Xapian::docid>(shards_.size());
  const Xapian::docid k = static_cast<Xapian::docid>(found - shards_.begin());
  local_.clear();
  for (Xapian::docid did : *ids_) {
    if ((did - 1) % n == k) local_.push_back((did - 1) / n + 1);
  }
  active_ = &local_;
}

void DocidPostingSource::next(double) {
  if (started_) ++at_;
  started_ = true;
}

void DocidPostingSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  at_ = static_cast<size_t>(std::lower_bound(active_->begin() + at_, active_->end(), did) -
                            active_->begin());
}

bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query, Docids* docids,
                    const PartResolver& resolve) {
  if (!Promising(query, false, static_cast<bool>(resolve)) || !ShardsDistinct(db)) return false;
  Evaluator evaluator(db, resolve);
  *docids = evaluator.Eval(query, nullptr);
  return evaluator.ok();
}

}  // namespace pressa

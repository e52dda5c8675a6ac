// MatchingDocids: set operations over sorted posting lists.
#include "searcher/match_set.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

namespace pressa {
namespace {

using Docids = std::vector<Xapian::docid>;

// Whether every node of `q` is one MatchingDocids evaluates.
bool Supported(const Xapian::Query& q) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return true;
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

Docids PostingList(const Xapian::Database& db, const std::string& term) {
  Docids out;
  out.reserve(term.empty() ? db.get_doccount() : db.get_termfreq(term));
  for (Xapian::PostingIterator it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    out.push_back(*it);
  }
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

Docids Eval(const Xapian::Database& db, const Xapian::Query& q) {
  const size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return PostingList(db, *q.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_ALL:
      return PostingList(db, std::string());
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER: {
      std::vector<Docids> lists;
      for (size_t i = 0; i < n; ++i) {
        lists.push_back(Eval(db, q.get_subquery(i)));
        if (lists.back().empty()) return {};
      }
      std::sort(lists.begin(), lists.end(),
                [](const Docids& a, const Docids& b) { return a.size() < b.size(); });
      Docids out = std::move(lists[0]);
      for (size_t i = 1; i < lists.size() && !out.empty(); ++i) {
        Docids both;
        std::set_intersection(out.begin(), out.end(), lists[i].begin(), lists[i].end(),
                              std::back_inserter(both));
        out = std::move(both);
      }
      return out;
    }
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_SYNONYM: {
      std::vector<Docids> lists;
      for (size_t i = 0; i < n; ++i) lists.push_back(Eval(db, q.get_subquery(i)));
      return Union(std::move(lists));
    }
    case Xapian::Query::OP_AND_NOT: {
      Docids out = Eval(db, q.get_subquery(0));
      if (out.empty() || n < 2) return out;
      std::vector<Docids> excluded;
      for (size_t i = 1; i < n; ++i) excluded.push_back(Eval(db, q.get_subquery(i)));
      Docids without = Union(std::move(excluded));
      Docids kept;
      std::set_difference(out.begin(), out.end(), without.begin(), without.end(),
                          std::back_inserter(kept));
      return kept;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return Eval(db, q.get_subquery(0));
    default:  // LEAF_MATCH_NOTHING
      return {};
  }
}

}  // namespace

bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query, Docids* docids) {
  if (!Supported(query)) return false;
  *docids = Eval(db, query);
  return true;
}

}  // namespace pressa

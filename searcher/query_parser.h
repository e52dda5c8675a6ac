// Pressa's query language, parsed with the same Analyzer that indexed the text.
#ifndef PRESSA_SEARCHER_QUERY_PARSER_H_
#define PRESSA_SEARCHER_QUERY_PARSER_H_

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/article.h"
#include "core/status.h"
#include "stemmers/analyzer.h"

namespace pressa {

// One positive item of a query's top-level conjunction: a word, a phrase or
// a group. The Searcher re-combines these to rank (relaxed matching, word
// proximity, aliases) without re-parsing.
struct QueryItem {
  Xapian::Query query;
  std::vector<std::string> terms;  // index terms in order (empty for a group)
  bool phrase = false;             // a quoted phrase: kept whole
};

struct ParsedQuery {
  Xapian::Query query;               // empty (MatchNothing) if the text has no terms
  bool has_free_text = false;        // some word or phrase contributes to ranking
  std::set<std::string> highlight;   // terms to highlight in snippets
  // Set when the query is one conjunction (no OR at the top level): its
  // positive items, its field filters (AND), its exclusions (OR).
  bool conjunctive = false;
  // False when the reader asked for every word explicitly (AND, И, +word):
  // then no article missing one may rank.
  bool relaxable = false;
  std::vector<QueryItem> items;
  std::vector<Xapian::Query> field_filters;
  std::vector<Xapian::Query> exclusions;
};

// Builds the boolean filter query for an entity or source value (aliases
// resolved). Supplied by the Searcher, which knows the index's alias table.
using FieldFilter = std::function<Xapian::Query(const std::string& field,
                                                const std::string& value)>;

// Grammar (operators in capitals; Russian И/ИЛИ/НЕ too):
//   query   := or ( OR|ИЛИ or )*   ;  or := and ( [AND|И] and )*
//   and     := NOT|НЕ|- unary | +unary | unary
//   unary   := ( query ) | field:(word|"phrase") | "phrase" | word
// Adjacent items are ANDed. Quotes "…", «…», “…”, „…“ make phrases.
// Fields: org, person, place, source (boolean filters, no weight).
class QueryParser {
 public:
  // `db` is used to check which terms exist (lower-case acronyms); both
  // pointers must outlive the parser. `filter` builds field:value filters.
  QueryParser(Analyzer* analyzer, const Xapian::Database* db, FieldFilter filter)
      : analyzer_(analyzer), db_(db), filter_(std::move(filter)) {}

  // InvalidArgument, with a message for the user, for unbalanced quotes or
  // parentheses, or an operator without an operand. "name:value" with a name
  // that is not a field is read as plain text.
  Result<ParsedQuery> Parse(std::string_view text);

 private:
  struct State;
  Result<Xapian::Query> ParseOr(State* st);
  Result<Xapian::Query> ParseAnd(State* st);
  Result<Xapian::Query> ParseUnary(State* st, bool* negated);
  Xapian::Query WordQuery(std::string_view word, bool positive, State* st);
  Xapian::Query PhraseQuery(std::string_view phrase, bool positive, State* st);
  Xapian::Query TokenQuery(const Token& token, bool positive, State* st);
  bool TermExists(const std::string& term) const;
  std::vector<std::string> ItemTerms(std::string_view text);

  Analyzer* analyzer_;
  const Xapian::Database* db_;
  FieldFilter filter_;
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_QUERY_PARSER_H_

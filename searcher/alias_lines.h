// Cheap pre-filters of the alias table text (TSV, as the index stores it):
// a process that runs one search parses and analyzes only the few lines its
// query or filter can concern, not all of them (~7 M instructions).
#ifndef PRESSA_SEARCHER_ALIAS_LINES_H_
#define PRESSA_SEARCHER_ALIAS_LINES_H_

#include <string>
#include <string_view>
#include <vector>

#include "searcher/query_parser.h"

namespace pressa {

// The lines holding a name that may spell a run of `items` (AliasExpander
// matches a name when its index terms are a run's terms). A superset: every
// line holding such a name, and the lines holding a name that EntityKey folds
// to the same key, which AliasTable groups with it.
std::string AliasLinesForQuery(std::string_view table, const std::vector<QueryItem>& items);

// The lines holding a name whose EntityKey may be `key` (a superset).
std::string AliasLinesForKey(std::string_view table, std::string_view key);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_ALIAS_LINES_H_

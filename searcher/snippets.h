// Snippets: the passage of an article that best shows why it matched.
#ifndef PRESSA_SEARCHER_SNIPPETS_H_
#define PRESSA_SEARCHER_SNIPPETS_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/searcher.h"
#include "stemmers/analyzer.h"

namespace pressa {

// About `max_chars` characters (code points) of `text`, cut at word
// boundaries, starting at the sentence with the most distinct `terms`
// (the earliest of equals); every word whose term is in `terms` is a match
// span, highlighted whole. "…" marks a cut. With no match, the text's start.
std::vector<SnippetSpan> MakeSnippet(std::string_view text, const std::set<std::string>& terms,
                                     Analyzer* analyzer, int max_chars);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SNIPPETS_H_

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
// A news channel's Markdown marks (**bold**, __italic__, [words](link)) are
// left out, a link's words kept.
std::vector<SnippetSpan> MakeSnippet(std::string_view text, const std::set<std::string>& terms,
                                     Analyzer* analyzer, int max_chars);

// What a hit is headed with: `title`, or for an article without one (a news
// channel's post) the start of `text`: its first line with a letter or
// digit, to the end of its first sentence, at most `max_chars` characters
// (code points) cut between words, "…" marking the cut. A post's Markdown
// marks (**bold**, __italic__, [words](link)) are left out. Empty when the
// text has no letter or digit either.
std::string Headline(std::string_view title, std::string_view text, size_t max_chars = 110);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SNIPPETS_H_

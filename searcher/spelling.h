// "Did you mean": corrections from the index's own vocabulary, including
// words typed in the wrong keyboard layout (QWERTY ↔ ЙЦУКЕН).
#ifndef PRESSA_SEARCHER_SPELLING_H_
#define PRESSA_SEARCHER_SPELLING_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "stemmers/analyzer.h"

namespace pressa {

// The text as if typed with the other keyboard layout: Latin letters and the
// keys that hold Russian letters on a ЙЦУКЕН keyboard (; ' , . [ ] `) become
// Russian letters when the word holds Latin letters, and Russian letters
// become the Latin keys otherwise. Case is kept. "cfyrwbb" → "санкции".
std::string SwitchLayout(std::string_view word);

// Levenshtein distance with adjacent transpositions, on code points; stops
// early and returns limit + 1 once the distance exceeds `limit`.
int EditDistance(const std::u32string& a, const std::u32string& b, int limit);

// Not thread-safe (holds an Analyzer and a lazily loaded vocabulary); one per
// Searcher. Both pointers must outlive it.
class Speller {
 public:
  Speller(const Xapian::Database* db, Analyzer* analyzer) : db_(db), analyzer_(analyzer) {}

  // The query with each word the index does not know replaced by its
  // other-layout reading when the index knows that, else by Xapian's spelling
  // suggestion when the index holds spelling data, else by the most frequent
  // indexed stem within a small edit distance (with the typed ending kept). Operators, quotes and field:value
  // parts are kept as typed. Empty when nothing is corrected.
  std::string Suggest(std::string_view query);

 private:
  // The correction of one whitespace-separated word (quotes stripped), or empty.
  std::string CorrectWord(std::string_view word);
  Xapian::doccount Frequency(const std::string& term) const;
  void LoadVocabulary();

  const Xapian::Database* db_;
  Analyzer* analyzer_;
  bool loaded_ = false;
  // Unprefixed index terms (stems) seen in at least two articles.
  std::vector<std::pair<std::u32string, Xapian::doccount>> vocabulary_;
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SPELLING_H_

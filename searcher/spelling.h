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

// Not thread-safe (holds an Analyzer); one per Searcher. Both pointers must outlive it.
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

  // A correction candidate: an indexed stem and its document frequency.
  struct Candidate {
    std::u32string text;
    Xapian::doccount freq = 0;
  };
  // Rarer stems are likelier typos themselves.
  static constexpr Xapian::doccount kMinFrequency = 2;
  // True if `candidate` beats `best`: more frequent, or as frequent and first
  // in term order.
  static bool Better(const std::u32string& candidate, Xapian::doccount freq,
                     const Candidate& best);
  // The best indexed stem one edit from `stem`, if better than *best.
  void NearestByOneEdit(const std::u32string& stem, Candidate* best) const;
  // The best indexed stem at most two edits from `stem` among the terms
  // starting with one of `starts`, if better than *best.
  void NearestByTwoEdits(const std::u32string& stem, const std::vector<std::u32string>& starts,
                         Candidate* best) const;

  const Xapian::Database* db_;
  Analyzer* analyzer_;
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SPELLING_H_

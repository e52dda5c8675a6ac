// Internal: the Russian stopword list behind Analyzer::IsStopword.
#ifndef PRESSA_STEMMERS_STOPWORDS_H_
#define PRESSA_STEMMERS_STOPWORDS_H_

#include <cstddef>
#include <string_view>

namespace pressa::stopwords {

// True if `norm_word` (normalized: lower case, ё already folded to е) is a
// Russian function word: a preposition, conjunction, particle, pronoun or a
// form of "быть". Thread-safe.
bool Contains(std::string_view norm_word);

// The number of entries on the list (for tests and documentation).
size_t Size();

}  // namespace pressa::stopwords

#endif  // PRESSA_STEMMERS_STOPWORDS_H_

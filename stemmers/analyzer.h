// The one text-analysis pipeline: normalization, word segmentation, stemming.
//
// Indexing, query parsing and snippet highlighting all call Analyze(), so a
// word that meets another at index time meets it at query time and is
// highlighted in the snippet.
#ifndef PRESSA_STEMMERS_ANALYZER_H_
#define PRESSA_STEMMERS_ANALYZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pressa {

struct Token {
  enum class Kind {
    kWord,      // an ordinary word: term is its Russian (or English) stem
    kNumber,    // digits ("294", "2025"): term is the digits
    kAcronym,   // all-caps or mixed-caps abbreviation (РЭЦ, СмолГУ): term is
                // schema::kPrefixAcronym + lowercase form, never stemmed
    kCompound,  // a whole hyphenated word ("санкт-петербург"); shares its
                // position with its first part, which follows it as kWord etc.
  };
  Kind kind = Kind::kWord;
  std::string surface;  // the text as written (UTF-8)
  std::string norm;     // normalized: NFKC, case-folded, ё→е, Latin look-alikes → Cyrillic
  std::string term;     // the index term; empty for a stopword
  bool stopword = false;
  size_t byte_start = 0;  // byte offsets of surface in the analyzed text, end exclusive
  size_t byte_end = 0;
  unsigned position = 0;  // word position, from Analyze's first_position upwards
};

// Tokens that keep their string buffers when cleared: a caller analyzing
// text after text (the indexer) then allocates nothing per word once warm.
// The tokens read as a std::vector<Token>'s would; clear() keeps the memory.
class TokenList {
 public:
  TokenList() = default;
  // With `terms_only`, tokens leave surface and norm empty (every other
  // field as usual): the indexer reads only terms, kinds and positions, and
  // the two copies per word were 4% of the analyzer's instructions there.
  explicit TokenList(bool terms_only) : terms_only_(terms_only) {}
  bool terms_only() const { return terms_only_; }
  void clear() { size_ = 0; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Token& operator[](size_t i) const { return tokens_[i]; }
  const Token* begin() const { return tokens_.data(); }
  const Token* end() const { return tokens_.data() + size_; }

 private:
  friend class Analyzer;
  Token& Add();  // the next slot, reset to a default Token but for capacity

  std::vector<Token> tokens_;
  size_t size_ = 0;
  bool terms_only_ = false;
};

// Not thread-safe: ICU break iterators carry state. Use one Analyzer per
// thread; creation is cheap (a few microseconds after the first).
class Analyzer {
 public:
  // Fails (Status::Internal) only if ICU data is missing.
  static Result<std::unique_ptr<Analyzer>> Create();

  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  ~Analyzer();

  // Appends the tokens of `text` (UTF-8; invalid bytes are treated as U+FFFD
  // and never produce a token) to `tokens`. Positions start at
  // `first_position` and grow by one per word, stopwords included; a
  // compound's parts take consecutive positions. Returns the position after
  // the last word.
  unsigned Analyze(std::string_view text, std::vector<Token>* tokens,
                   unsigned first_position = 0);
  // The same, into a TokenList (appended; call clear() first to reuse it).
  unsigned Analyze(std::string_view text, TokenList* tokens, unsigned first_position = 0);

  // NFKC + case fold + ё→е + Latin look-alike folding of a whole string.
  std::string Normalize(std::string_view text);

  // The Russian stem of an already-normalized word (Xapian Snowball).
  // Words with no Cyrillic letter get the English stem (Latin) or stay as
  // they are (digits, other scripts).
  std::string Stem(std::string_view norm_word);

  // Stem(norm_word) first, then the stems that other forms of the same word
  // get where Snowball splits one lemma in two: the nominative of a surname
  // or noun in -ов/-ев/-ем ("лавров" -> "лавр", but "лаврова" -> "лавров";
  // "объем" -> "объ", "объема" -> "объем"). A query word may match any of
  // them (OR); the index keeps one term per word.
  std::vector<std::string> StemVariants(std::string_view norm_word);

  // True if an already-normalized word is on the Russian stopword list.
  static bool IsStopword(std::string_view norm_word);

 private:
  struct Impl;
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pressa

#endif  // PRESSA_STEMMERS_ANALYZER_H_

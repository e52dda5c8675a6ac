// Tokens for entity extraction: words with case flags and code point offsets.
#ifndef PRESSA_INDEXER_ENTITIES_ENTITY_TOKENS_H_
#define PRESSA_INDEXER_ENTITIES_ENTITY_TOKENS_H_

#include <string>
#include <string_view>
#include <vector>

namespace pressa::entities {

struct Tok {
  enum class Kind { kWord, kNumber, kPunct };
  Kind kind = Kind::kPunct;
  int cp_start = 0;  // code point offsets into the text, end exclusive
  int cp_end = 0;
  size_t b_start = 0;  // byte offsets
  size_t b_end = 0;
  char32_t punct = 0;      // the character of a kPunct token
  bool cap = false;        // first letter upper case
  bool allcaps = false;    // two or more letters, all upper case (РЭЦ, МАЗ)
  bool mixedcaps = false;  // an upper-case letter after the first (СмолГУ, РАНХиГС)
  bool cyrillic = false;   // holds a Cyrillic letter
  bool nl_before = false;  // a line break between the previous token and this one
  bool sent_start = false; // first word of a sentence (capitalisation says little)
  int letters = 0;
  std::string lower;  // FoldName of the surface (lower case, ё→е)
  // The EntityKey of the surface, filled on demand by RuleExtractor::Key
  // (most tokens never need it).
  std::string key;
  bool has_key = false;

  // Back to a default Tok, keeping the strings' buffers for reuse (update
  // with the fields above).
  void Clear() {
    kind = Kind::kPunct;
    cp_start = cp_end = 0;
    b_start = b_end = 0;
    punct = 0;
    cap = allcaps = mixedcaps = cyrillic = nl_before = sent_start = false;
    letters = 0;
    lower.clear();
    key.clear();
    has_key = false;
  }
};

// Splits text into words (letters, digits, inner hyphens and apostrophes),
// numbers and single punctuation characters; whitespace is dropped.
void Tokenize(std::string_view text, std::vector<Tok>* toks);

// The EntityKey of one token (RuleExtractor::Key caches it).
std::string KeyOf(const Tok& tok);

}  // namespace pressa::entities

#endif  // PRESSA_INDEXER_ENTITIES_ENTITY_TOKENS_H_

// A one-pass UTF-8 tokenizer for entity extraction: cheaper than ICU word
// breaking and keeps code point offsets, which the --extract output needs.
#include "indexer/entities/entity_tokens.h"

#include <cstring>

#include "stemmers/entity_names.h"
#include "stemmers/entity_text.h"

namespace pressa::entities {

using entity_text::DecodeUtf8;
using entity_text::IsDigit;
using entity_text::IsLetter;

namespace {

bool IsSentenceEnd(char32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

bool IsOpening(char32_t c) {
  return c == 0xAB || c == 0x201E || c == 0x201C || c == '"' || c == '(' || c == 0x2014 ||
         c == 0x2013 || c == '-';
}

// Lower-cases basic Cyrillic letters (two bytes each) in place: А..П are
// D0 90..9F -> D0 B0..BF, Р..Я are D0 A0..AF -> D1 80..8F.
void LowerCyrillic(char* s, size_t len) {
  for (size_t k = 0; k + 1 < len; k += 2) {
    const unsigned char b1 = static_cast<unsigned char>(s[k + 1]);
    if (s[k] != static_cast<char>(0xD0) || b1 > 0xAF) continue;
    if (b1 < 0xA0) {
      s[k + 1] = static_cast<char>(b1 + 0x20);
    } else {
      s[k] = static_cast<char>(0xD1);
      s[k + 1] = static_cast<char>(b1 - 0x20);
    }
  }
}

// Collects a word's lower-case bytes in a small buffer, so that the string
// grows a few times per long word instead of being checked per byte.
class LowerWriter {
 public:
  explicit LowerWriter(std::string* out) : out_(out) {}
  ~LowerWriter() { Flush(); }
  void Put2(char a, char b) {
    if (n_ + 2 > sizeof(buf_)) Flush();
    buf_[n_++] = a;
    buf_[n_++] = b;
  }
  void Put1(char a) {
    if (n_ + 1 > sizeof(buf_)) Flush();
    buf_[n_++] = a;
  }
  void PutCodePoint(char32_t c) {
    Flush();
    entity_text::AppendUtf8(c, out_);
  }
  // A run of basic Cyrillic letters, with capitals if has_upper.
  void PutCyrillicRun(const char* p, size_t len, bool has_upper) {
    if (n_ + len > sizeof(buf_)) {
      Flush();
      if (len > sizeof(buf_)) {
        const size_t at = out_->size();
        out_->append(p, len);
        if (has_upper) LowerCyrillic(&(*out_)[at], len);
        return;
      }
    }
    std::memcpy(buf_ + n_, p, len);
    if (has_upper) LowerCyrillic(buf_ + n_, len);
    n_ += len;
  }
  void Flush() {
    if (n_ == 0) return;
    out_->append(buf_, n_);
    n_ = 0;
  }

 private:
  std::string* out_;
  char buf_[64];
  size_t n_ = 0;
};

// What the word scanner needs to know of one code point.
struct CharInfo {
  bool letter = false;
  bool digit = false;
  bool upper = false;
  bool cyrillic = false;
};

// Classifies c and writes its lower-case form, if it is a letter or digit.
// Basic Cyrillic and ASCII take the inline paths; the rest goes through the
// entity_text helpers exactly as before.
inline CharInfo ClassifyAndLower(char32_t c, LowerWriter* lower) {
  CharInfo info;
  if (c >= 0x410 && c <= 0x44F) {
    info.letter = true;
    info.cyrillic = true;
    info.upper = c <= 0x42F;
    const char32_t l = info.upper ? c + 32 : c;  // 0x430..0x44F
    lower->Put2(static_cast<char>(0xC0 | (l >> 6)), static_cast<char>(0x80 | (l & 0x3F)));
    return info;
  }
  if (c < 0x80) {
    if (c >= '0' && c <= '9') {
      info.digit = true;
      lower->Put1(static_cast<char>(c));
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      info.letter = true;
      info.upper = c <= 'Z';
      lower->Put1(static_cast<char>(c | 0x20));
    }
    return info;
  }
  info.letter = IsLetter(c);
  if (!info.letter) return info;  // no digits beyond ASCII
  info.upper = entity_text::IsUpper(c);
  info.cyrillic = entity_text::IsCyrillic(c);
  lower->PutCodePoint(entity_text::Lower(c));
  return info;
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Tok>* toks) {
  // The tokens of the caller's last text are reused in place, their string
  // buffers with them, and the buffers of any tokens beyond this text's end
  // wait in `spare`: the extractor then allocates little per word once warm.
  thread_local std::vector<std::string> spare;
  const size_t reusable = toks->size();
  size_t count = 0;
  auto next_tok = [&]() -> Tok& {
    if (count < reusable) {
      Tok& tok = (*toks)[count++];
      tok.Clear();
      return tok;
    }
    ++count;
    Tok& tok = toks->emplace_back();
    if (!spare.empty()) {
      tok.lower = std::move(spare.back());
      spare.pop_back();
      tok.lower.clear();
    }
    return tok;
  };
  toks->reserve(text.size() / 6);
  size_t i = 0;
  int cp = 0;
  bool newline = true;
  while (i < text.size()) {
    const size_t b = i;
    const char32_t c = DecodeUtf8(text, &i);
    if (c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x2009 || c == 0x202F ||
        c == 0xFEFF || c == 0x200B) {
      ++cp;
      continue;
    }
    if (c == '\n') {
      ++cp;
      newline = true;
      continue;
    }
    Tok& tok = next_tok();
    tok.cp_start = cp;
    tok.b_start = b;
    tok.nl_before = newline;
    newline = false;
    ++cp;
    if (!IsLetter(c) && !IsDigit(c)) {
      tok.kind = Tok::Kind::kPunct;
      tok.punct = c;
      tok.cp_end = cp;
      tok.b_end = i;
      continue;
    }
    bool has_letter;
    int upper, letters;
    bool cyr;
    bool later_upper = false;
    size_t end = i;
    int end_cp = cp;
    {
      LowerWriter lower(&tok.lower);
      const CharInfo first = ClassifyAndLower(c, &lower);
      has_letter = first.letter;
      upper = first.upper ? 1 : 0;
      letters = first.letter ? 1 : 0;
      cyr = first.cyrillic;
      tok.cap = upper == 1;
      while (end < text.size()) {
        // Most of a Russian text is runs of basic Cyrillic letters
        // (U+0410..U+044F, lead byte D0 or D1): copy a run's bytes at once and
        // lower-case its capitals in place.
        size_t run = end;
        int run_upper = 0;
        while (run + 1 < text.size()) {
          const unsigned char b0 = static_cast<unsigned char>(text[run]);
          const unsigned char b1 = static_cast<unsigned char>(text[run + 1]);
          if (b0 == 0xD0 && b1 >= 0x90 && b1 <= 0xBF) {
            run_upper += b1 <= 0xAF;
          } else if (!(b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F)) {
            break;
          }
          run += 2;
        }
        if (run > end) {
          lower.PutCyrillicRun(text.data() + end, run - end, run_upper > 0);
          if (run_upper > 0) {
            upper += run_upper;
            later_upper = true;
          }
          const int n = static_cast<int>((run - end) / 2);
          letters += n;
          has_letter = true;
          cyr = true;
          end_cp += n;
          end = run;
          continue;
        }
        size_t j = end;
        const char32_t d = DecodeUtf8(text, &j);
        const CharInfo info = ClassifyAndLower(d, &lower);
        if (info.letter || info.digit) {
          if (info.letter) {
            ++letters;
            has_letter = true;
            if (info.upper) {
              ++upper;
              later_upper = true;
            }
            cyr |= info.cyrillic;
          }
          end = j;
          ++end_cp;
          continue;
        }
        // An inner hyphen or apostrophe joins letters: Санкт-Петербург, О'Нил.
        if ((d == '-' || d == 0x2011 || d == '\'' || d == 0x2019) && j < text.size()) {
          size_t k = j;
          char32_t e = DecodeUtf8(text, &k);
          if (IsLetter(e) || (IsDigit(e) && d == '-')) {
            lower.Put1('-');
            end = j;
            ++end_cp;
            continue;
          }
        }
        break;
      }
    }
    i = end;
    cp = end_cp;
    tok.kind = has_letter ? Tok::Kind::kWord : Tok::Kind::kNumber;
    tok.letters = letters;
    tok.cyrillic = cyr;
    tok.allcaps = letters >= 2 && upper == letters;
    tok.mixedcaps = tok.cap && later_upper && !tok.allcaps;
    tok.cp_end = cp;
    tok.b_end = i;
  }
  for (size_t t = count; t < toks->size(); ++t) {
    if ((*toks)[t].lower.capacity() > 15) spare.push_back(std::move((*toks)[t].lower));
  }
  toks->resize(count);
  // Sentence starts: after . ! ? or a line break, skipping opening quotes and dashes.
  bool at_start = true;
  for (Tok& tok : *toks) {
    if (tok.kind == Tok::Kind::kPunct) {
      if (IsSentenceEnd(tok.punct) || tok.punct == ':') at_start = true;
      else if (tok.nl_before) at_start = true;
      else if (!IsOpening(tok.punct)) at_start = false;
      continue;
    }
    tok.sent_start = at_start || tok.nl_before;
    at_start = false;
  }
}

std::string KeyOf(const Tok& tok) {
  // A plain Cyrillic word needs no folding: stem it directly, exactly as
  // EntityKey does per word (final soft sign dropped first).
  bool plain = tok.cyrillic && tok.kind == Tok::Kind::kWord;
  for (char ch : tok.lower) {
    if (static_cast<unsigned char>(ch) < 0x80) {
      plain = false;
      break;
    }
  }
  if (!plain) return EntityKey(tok.lower);
  std::string word = tok.lower;
  if (word.size() > 4 && word.compare(word.size() - 2, 2, "ь") == 0) word.resize(word.size() - 2);
  return entity_text::StemWord(word);
}

}  // namespace pressa::entities

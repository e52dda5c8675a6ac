// A one-pass UTF-8 tokenizer for entity extraction: cheaper than ICU word
// breaking and keeps code point offsets, which the --extract output needs.
#include "indexer/entities/entity_tokens.h"

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

}  // namespace

void Tokenize(std::string_view text, std::vector<Tok>* toks) {
  // The words' buffers of the caller's last text, for this one's words: the
  // extractor then allocates little per word once warm.
  thread_local std::vector<std::string> spare;
  for (Tok& tok : *toks) {
    if (tok.lower.capacity() > 15) spare.push_back(std::move(tok.lower));
  }
  toks->clear();
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
    Tok tok;
    tok.cp_start = cp;
    tok.b_start = b;
    tok.nl_before = newline;
    newline = false;
    ++cp;
    if (IsLetter(c) || IsDigit(c)) {
      std::string& lower = tok.lower;
      if (!spare.empty()) {
        lower = std::move(spare.back());
        spare.pop_back();
        lower.clear();
      }
      entity_text::AppendUtf8(entity_text::Lower(c), &lower);
      bool has_letter = IsLetter(c);
      int upper = entity_text::IsUpper(c) ? 1 : 0;
      int letters = has_letter ? 1 : 0;
      bool cyr = entity_text::IsCyrillic(c);
      tok.cap = upper == 1;
      bool later_upper = false;
      size_t end = i;
      int end_cp = cp;
      while (end < text.size()) {
        size_t j = end;
        char32_t d = DecodeUtf8(text, &j);
        if (IsLetter(d) || IsDigit(d)) {
          if (IsLetter(d)) {
            ++letters;
            has_letter = true;
            if (entity_text::IsUpper(d)) {
              ++upper;
              later_upper = true;
            }
            cyr |= entity_text::IsCyrillic(d);
          }
          entity_text::AppendUtf8(entity_text::Lower(d), &lower);
          end = j;
          ++end_cp;
          continue;
        }
        // An inner hyphen or apostrophe joins letters: Санкт-Петербург, О'Нил.
        if ((d == '-' || d == 0x2011 || d == '\'' || d == 0x2019) && j < text.size()) {
          size_t k = j;
          char32_t e = DecodeUtf8(text, &k);
          if (IsLetter(e) || (IsDigit(e) && d == '-')) {
            lower.push_back('-');
            end = j;
            ++end_cp;
            continue;
          }
        }
        break;
      }
      i = end;
      cp = end_cp;
      tok.kind = has_letter ? Tok::Kind::kWord : Tok::Kind::kNumber;
      tok.letters = letters;
      tok.cyrillic = cyr;
      tok.allcaps = letters >= 2 && upper == letters;
      tok.mixedcaps = tok.cap && later_upper && !tok.allcaps;
    } else {
      tok.kind = Tok::Kind::kPunct;
      tok.punct = c;
    }
    tok.cp_end = cp;
    tok.b_end = i;
    toks->push_back(std::move(tok));
  }
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

const std::string& KeyOf(Tok& tok) {
  if (!tok.key_done) {
    // A plain Cyrillic word needs no folding: stem it directly, exactly as
    // EntityKey does per word (final soft sign dropped first).
    bool plain = tok.cyrillic && tok.kind == Tok::Kind::kWord;
    for (char ch : tok.lower) {
      if (static_cast<unsigned char>(ch) < 0x80) {
        plain = false;
        break;
      }
    }
    if (plain) {
      std::string word = tok.lower;
      if (word.size() > 4 && word.compare(word.size() - 2, 2, "ь") == 0) word.resize(word.size() - 2);
      tok.key = entity_text::StemWord(word);
    } else {
      tok.key = EntityKey(tok.lower);
    }
    tok.key_done = true;
  }
  return tok.key;
}

}  // namespace pressa::entities

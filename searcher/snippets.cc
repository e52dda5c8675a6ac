// Snippet selection: score sentences by distinct query terms, then trim to size.
//
// Analyzing a whole article costs ~1.7 M instructions, most of a query's
// work. So a byte-level pre-scan first bounds each sentence's score (a query
// term can only come from a word whose folded text contains it), and only the
// sentences that can win, then the window around the best, are analyzed.
#include "searcher/snippets.h"

#include <string.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/schema.h"
#include "core/split.h"
#include "stemmers/char_rules.h"

namespace pressa {
namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The byte offset `count` code points after `from` in `s` (its end at most).
size_t AdvanceCodePoints(std::string_view s, size_t from, size_t count) {
  for (size_t cps = 0; from < s.size() && cps < count; ++cps) {
    do ++from;
    while (from < s.size() && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80);
  }
  return from;
}

bool IsWordClass(char_rules::CharClass cls) {
  return cls == char_rules::CharClass::kLetter || cls == char_rules::CharClass::kDigit;
}

bool IsWordChar(UChar32 c) { return IsWordClass(char_rules::Classify(c)); }

struct Word {
  size_t start, end;
  bool match;
  std::string term;
};

// Appends the words of text[begin, end) (absolute offsets): compound parts
// covered by a matching compound are dropped, matches marked.
void AppendWords(std::string_view text, size_t begin, size_t end,
                 const std::set<std::string>& terms, Analyzer* analyzer,
                 std::vector<Token>* tokens, std::vector<Word>* words) {
  tokens->clear();
  analyzer->Analyze(text.substr(begin, end - begin), tokens);
  size_t covered_until = 0;
  for (Token& t : *tokens) {
    bool match = !t.term.empty() && terms.count(t.term) > 0;
    if (t.byte_start < covered_until) {
      if (match && !words->empty()) words->back().match = true;
      continue;
    }
    if (t.kind == Token::Kind::kCompound) {
      if (!match) continue;  // its parts follow and may match on their own
      covered_until = t.byte_end;
    }
    words->push_back({begin + t.byte_start, begin + t.byte_end, match, std::move(t.term)});
  }
}

// Distinct matched terms among `words`.
size_t Score(const std::vector<Word>& words) {
  std::vector<const std::string*> seen;
  for (const Word& w : words) {
    if (!w.match) continue;
    bool dup = false;
    for (const std::string* s : seen) dup = dup || *s == w.term;
    if (!dup) seen.push_back(&w.term);
  }
  return seen.size();
}

// The text folded as the analyzer's fast path normalizes simple words (ASCII
// and basic Cyrillic lower-cased, ё → е, byte for byte), its sentences, and
// per sentence whether that fold is exact for every word in it: a word with
// any other letter, digit or mark, or mixing Latin and Cyrillic, is
// normalized by ICU. One pass; most bytes take one or two branches.
struct Folded {
  std::string text;
  std::vector<size_t> seg_starts{0};  // a word belongs to the sentence its first byte is in
  std::vector<char> exact{1};
  size_t first_word_char = std::string::npos;  // byte offset of the first letter/digit
};

// ASCII: 0 other, 1 lower-case letter, 2 upper-case letter, 3 digit, 4 may end a sentence.
constexpr std::array<uint8_t, 128> kAscii = [] {
  std::array<uint8_t, 128> t = {};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = 1;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = 2;
  for (int c = '0'; c <= '9'; ++c) t[c] = 3;
  t['.'] = t['!'] = t['?'] = t['\n'] = 4;
  return t;
}();

Folded Fold(std::string_view text) {
  Folded f;
  const size_t n = text.size();
  f.text.assign(text);  // then only the bytes that fold are rewritten
  const auto* in = reinterpret_cast<const unsigned char*>(text.data());
  auto* out = reinterpret_cast<unsigned char*>(f.text.data());
  bool run_latin = false, run_cyrillic = false;
  for (size_t k = 0; k < n;) {
    const unsigned char b = in[k];
    if (b < 0x80) {
      const uint8_t cls = kAscii[b];
      if (cls == 0) {
        run_latin = run_cyrillic = false;
      } else if (cls == 4) {
        run_latin = run_cyrillic = false;
        if (k + 1 < n && (b == '\n' || in[k + 1] == ' ' || in[k + 1] == '\n')) {
          f.seg_starts.push_back(k + 1);
          f.exact.push_back(1);
        }
      } else {
        if (f.first_word_char == std::string::npos) f.first_word_char = k;
        if (cls == 2) out[k] = b + 32;
        if (cls != 3) {
          run_latin = true;
          if (run_cyrillic) f.exact.back() = 0;
        }
      }
      ++k;
      continue;
    }
    const unsigned char b2 = k + 1 < n ? in[k + 1] : 0;
    if (b == 0xD0 && b2 >= 0x90 && b2 <= 0xAF) {  // А-Я
      out[k] = b2 <= 0x9F ? 0xD0 : 0xD1;
      out[k + 1] = b2 <= 0x9F ? b2 + 0x20 : b2 - 0x20;
    } else if ((b == 0xD0 && b2 >= 0xB0 && b2 <= 0xBF) || (b == 0xD1 && b2 >= 0x80 && b2 <= 0x8F)) {
      // а-я: as is
    } else if ((b == 0xD0 && b2 == 0x81) || (b == 0xD1 && b2 == 0x91)) {  // Ё, ё -> е
      out[k] = 0xD0;
      out[k + 1] = 0xB5;
    } else {
      const size_t at = k;
      UChar32 c;
      U8_NEXT(in, k, n, c);
      const char_rules::CharClass cls = char_rules::Classify(c);
      // U+2010/U+2011 join compounds, whose terms spell them "-".
      if (cls == char_rules::CharClass::kSeparator && c != 0x2010 && c != 0x2011) {
        run_latin = run_cyrillic = false;
        continue;
      }
      if (IsWordClass(cls) && f.first_word_char == std::string::npos) {
        f.first_word_char = at;
      }
      f.exact.back() = 0;
      continue;
    }
    if (f.first_word_char == std::string::npos) f.first_word_char = k;
    run_cyrillic = true;
    if (run_latin) f.exact.back() = 0;
    k += 2;
    // The common case, lower-case Cyrillic letters (D0 B0..BF, D1 80..8F),
    // needs no rewrite and no bookkeeping.
    while (k + 1 < n && ((unsigned{in[k]} << 8) | in[k + 1]) - 0xD0B0u <= 0xDFu) k += 2;
  }
  return f;
}

// What must occur in a sentence's folded text for `term` to come from a word
// in it: a Russian stem is a prefix of its word, an acronym term is the
// prefix plus the folded acronym, and an English stem keeps the word's first
// two letters.
std::string_view Needle(const std::string& term) {
  std::string_view t = term;
  std::string_view acronym = schema::kPrefixAcronym;
  if (t.compare(0, acronym.size(), acronym) == 0) return t.substr(acronym.size());
  for (char c : t) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return t.substr(0, 2);
  }
  return t;
}

// `line` without a post's Markdown marks: "**", "__", and [words](http…) as
// its words.
std::string WithoutMarkdown(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    if (line.compare(i, 2, "**") == 0 || line.compare(i, 2, "__") == 0) {
      i += 2;
      continue;
    }
    if (line[i] == '[') {
      const size_t close = line.find("](", i + 1);
      const size_t end = close == std::string_view::npos ? close : line.find(')', close + 2);
      if (end != std::string_view::npos && line.compare(close + 2, 4, "http") == 0) {
        out.append(WithoutMarkdown(line.substr(i + 1, close - i - 1)));
        i = end + 1;
        continue;
      }
    }
    out.push_back(line[i++]);
  }
  return out;
}

}  // namespace

std::string Headline(std::string_view title, std::string_view text, size_t max_chars) {
  if (!TrimSpace(title).empty()) return std::string(title);
  // The first line with a letter or digit.
  std::string_view line;
  for (size_t start = 0; start < text.size() && line.empty();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    std::string_view candidate = text.substr(start, end - start);
    const auto* p = reinterpret_cast<const uint8_t*>(candidate.data());
    for (int32_t k = 0, n = static_cast<int32_t>(candidate.size()); k < n;) {
      UChar32 c;
      U8_NEXT(p, k, n, c);
      if (IsWordChar(c)) {
        line = candidate;
        break;
      }
    }
    start = end + 1;
  }
  std::string clean = WithoutMarkdown(line);
  // To the end of its first sentence: ". ", "! ", "? " or "… " after a
  // word, 30 bytes in at least (not "В г. Москве").
  std::string_view head = TrimSpace(clean);
  for (size_t i = 30; i + 1 < head.size(); ++i) {
    if (head[i + 1] != ' ') continue;
    const bool stop = head[i] == '.' || head[i] == '!' || head[i] == '?' ||
                      (i >= 2 && head.compare(i - 2, 3, "…") == 0);
    if (stop && head[i - 1] != ' ') {
      head = head.substr(0, i + 1);
      break;
    }
  }
  if (CodePoints(head) <= max_chars) return std::string(head);
  if (max_chars == 0) return std::string();
  // Cut between words within max_chars characters (one left for "…").
  size_t cut = AdvanceCodePoints(head, 0, max_chars - 1);
  const size_t space = head.rfind(' ', cut);
  if (space != std::string_view::npos && space > 0) cut = space;
  return std::string(TrimSpace(head.substr(0, cut))) + "…";
}

std::vector<SnippetSpan> MakeSnippet(std::string_view text, const std::set<std::string>& terms,
                                     Analyzer* analyzer, int max_chars) {
  // A post's Markdown marks are not shown (a link's address would fill the
  // snippet).
  std::string shown;
  if (text.find("**") != std::string_view::npos || text.find("__") != std::string_view::npos ||
      text.find("](http") != std::string_view::npos) {
    shown = WithoutMarkdown(text);
    text = shown;
  }
  const size_t budget = static_cast<size_t>(std::max(max_chars, 0));
  Folded folded = Fold(text);
  const std::vector<size_t>& seg_starts = folded.seg_starts;
  std::vector<char>& exact = folded.exact;
  const size_t segs = seg_starts.size();
  auto seg_end = [&](size_t s) { return s + 1 < segs ? seg_starts[s + 1] : text.size(); };

  // Upper bound of each sentence's score: the terms whose needle occurs in it.
  std::vector<size_t> bound(segs, 0);
  for (const std::string& term : terms) {
    std::string_view needle = Needle(term);
    if (needle.empty()) continue;
    size_t last_seg = segs;
    size_t seg = 0;
    const char* base = folded.text.data();
    size_t pos = 0;
    while (pos + needle.size() <= folded.text.size()) {
      const void* hit = memmem(base + pos, folded.text.size() - pos, needle.data(), needle.size());
      if (hit == nullptr) break;
      size_t at = static_cast<const char*>(hit) - base;
      while (seg + 1 < segs && seg_starts[seg + 1] <= at) ++seg;
      if (seg != last_seg && exact[seg]) ++bound[seg];
      last_seg = seg;
      pos = seg_end(seg);  // one occurrence per sentence is enough
    }
  }
  std::vector<size_t> order;
  for (size_t s = 0; s < segs; ++s) {
    if (!exact[s]) bound[s] = terms.size();
    if (bound[s] > 0) order.push_back(s);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&bound](size_t a, size_t b) { return bound[a] > bound[b]; });

  // The sentence with the most distinct terms, the earliest of equals: analyze
  // candidates best bound first until no bound can beat the best found.
  std::vector<Token> tokens;
  std::vector<Word> words;
  size_t best_seg = 0, best_score = 0;
  std::vector<Word> best_words;
  for (size_t s : order) {
    if (bound[s] < best_score || (bound[s] == best_score && s > best_seg)) break;
    words.clear();
    AppendWords(text, seg_starts[s], seg_end(s), terms, analyzer, &tokens, &words);
    size_t score = Score(words);
    if (score > best_score || (score == best_score && score > 0 && s < best_seg)) {
      best_score = score;
      best_seg = s;
      best_words.swap(words);
    }
  }

  // The words from the best sentence (or the text's start) on, far enough for
  // the window: it starts before the first match and spans `budget`
  // characters, and the word after it shows whether the text goes on.
  size_t region_begin = best_score > 0 ? seg_starts[best_seg] : 0;
  size_t anchor = region_begin;
  if (best_score > 0) {
    words.swap(best_words);
    for (const Word& w : words) {
      if (w.match) {
        anchor = w.start;
        break;
      }
    }
  } else {
    words.clear();
  }
  size_t region_end = best_score > 0 ? seg_end(best_seg) : region_begin;
  auto extend_to = [&](size_t want) {
    if (want <= region_end) return;
    size_t cut = std::min(text.size(), want);
    while (cut < text.size() && text[cut] != ' ' && text[cut] != '\n' && text[cut] != '\t') ++cut;
    AppendWords(text, region_end, cut, terms, analyzer, &tokens, &words);
    region_end = cut;
  };
  extend_to(AdvanceCodePoints(text, anchor, budget + 32));
  if (words.empty()) extend_to(text.size());
  if (words.empty()) return {{std::string(text.substr(0, std::min<size_t>(text.size(), 200)))}};

  // If the best sentence's first match lies beyond the budget, start nearer
  // it. Character counts are kept incrementally: a long sentence would make
  // recounting quadratic.
  auto chars = [&text](size_t from, size_t to) { return CodePoints(text.substr(from, to - from)); };
  size_t first = 0;
  if (best_score > 0) {
    size_t m = first;
    while (m < words.size() && !words[m].match) ++m;
    size_t span = m < words.size() ? chars(words[first].start, words[m].end) : 0;
    while (m > first && span > budget / 2) {
      span -= chars(words[first].start, words[first + 1].start);
      ++first;
    }
  }
  size_t last = first;
  size_t span = chars(words[first].start, words[first].end);
  for (;;) {
    if (last + 1 >= words.size() && region_end < text.size()) extend_to(text.size());
    if (last + 1 >= words.size()) break;
    size_t next = span + chars(words[last].end, words[last + 1].end);
    if (next > budget) break;
    span = next;
    ++last;
  }
  // Keep the punctuation glued to the last word ("года.", "»,"), up to a space.
  size_t end_byte = words[last].end;
  if (last + 1 < words.size()) {
    size_t gap_end = words[last + 1].start;
    size_t ws = end_byte;
    while (ws < gap_end && text[ws] != ' ' && text[ws] != '\n' && text[ws] != '\t') ++ws;
    if (ws < gap_end) end_byte = ws;
  } else {
    end_byte = text.find_last_not_of(" \n\t") + 1;
  }

  std::vector<SnippetSpan> spans;
  auto append = [&spans](std::string_view s, bool match) {
    if (s.empty()) return;
    if (!spans.empty() && spans.back().match == match) {
      spans.back().text.append(s);
    } else {
      spans.push_back({std::string(s), match});
    }
  };
  // A word before the window (the first letter or digit of the text lies before it).
  if (words[first].start > folded.first_word_char) append("… ", false);
  size_t cursor = words[first].start;
  for (size_t w = first; w <= last; ++w) {
    append(text.substr(cursor, words[w].start - cursor), false);
    append(text.substr(words[w].start, words[w].end - words[w].start), words[w].match);
    cursor = words[w].end;
  }
  append(text.substr(cursor, end_byte > cursor ? end_byte - cursor : 0), false);
  if (last + 1 < words.size()) append(" …", false);
  // Newlines inside a snippet read as spaces.
  for (SnippetSpan& s : spans) std::replace(s.text.begin(), s.text.end(), '\n', ' ');
  return spans;
}

}  // namespace pressa

// Snippet selection: score sentences by distinct query terms, then trim to size.
#include "searcher/snippets.h"

#include <algorithm>

namespace pressa {
namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsSentenceEnd(std::string_view text, size_t i) {
  char c = text[i];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?') return false;
  return i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
}

}  // namespace

std::vector<SnippetSpan> MakeSnippet(std::string_view text, const std::set<std::string>& terms,
                                     Analyzer* analyzer, int max_chars) {
  std::vector<Token> tokens;
  analyzer->Analyze(text, &tokens);
  // Drop compound parts covered by a matching compound; mark matches.
  struct Word {
    size_t start, end;
    bool match;
    const std::string* term;
  };
  std::vector<Word> words;
  size_t covered_until = 0;
  for (const Token& t : tokens) {
    bool match = !t.term.empty() && terms.count(t.term) > 0;
    if (t.byte_start < covered_until) {
      if (match && !words.empty()) words.back().match = true;
      continue;
    }
    if (t.kind == Token::Kind::kCompound) {
      if (!match) continue;  // its parts follow and may match on their own
      covered_until = t.byte_end;
    }
    words.push_back({t.byte_start, t.byte_end, match, &t.term});
  }
  if (words.empty()) return {{std::string(text.substr(0, std::min<size_t>(text.size(), 200)))}};

  // Sentence index of each word, and the best sentence's first word.
  size_t best_word = 0;
  size_t best_score = 0;
  size_t sentence_first = 0;
  std::set<std::string> seen;
  size_t scan = 0;
  for (size_t w = 0; w <= words.size(); ++w) {
    bool boundary = w == words.size();
    if (!boundary) {
      for (; scan < words[w].start; ++scan) {
        if (IsSentenceEnd(text, scan)) boundary = w > sentence_first;
      }
    }
    if (boundary) {
      if (seen.size() > best_score) {
        best_score = seen.size();
        best_word = sentence_first;
      }
      seen.clear();
      sentence_first = w;
    }
    if (w < words.size() && words[w].match) seen.insert(*words[w].term);
  }

  // If the best sentence's first match lies beyond the budget, start nearer it.
  size_t first = best_word;
  if (best_score > 0) {
    size_t m = first;
    while (m < words.size() && !words[m].match) ++m;
    while (m > first &&
           CodePoints(text.substr(words[first].start, words[m].end - words[first].start)) >
               static_cast<size_t>(max_chars) / 2) {
      ++first;
    }
  }
  size_t last = first;
  while (last + 1 < words.size() &&
         CodePoints(text.substr(words[first].start, words[last + 1].end - words[first].start)) <=
             static_cast<size_t>(max_chars)) {
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
  if (first > 0) append("… ", false);
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

// Alias-table line filters: names folded byte for byte (lower case, ё → е)
// and compared with stems, which are prefixes of the words they come from.
#include "searcher/alias_lines.h"

#include <algorithm>

#include "core/schema.h"
#include "core/utf8.h"
#include "stemmers/analyzer.h"
#include "stemmers/char_rules.h"

namespace pressa {
namespace {

// What a word keeps of its folded text in its index term: a Russian stem is
// a prefix of the word, an acronym term the prefix plus the folded acronym,
// an English stem keeps the first two letters.
std::string_view TermNeedle(std::string_view term) {
  std::string_view acronym = schema::kPrefixAcronym;
  if (term.compare(0, acronym.size(), acronym) == 0) term.remove_prefix(acronym.size());
  for (char c : term) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return term.substr(0, 2);
  }
  return term;
}

// Without its last letter when it has three or more: stemmers differ at the
// end of a word (the analyzer's and EntityKey's), not at its start.
std::string_view Loosen(std::string_view needle) {
  size_t letters = 0;
  for (unsigned char c : needle) letters += (c & 0xC0) != 0x80;
  if (letters < 3) return needle;
  size_t cut = needle.size() - 1;
  while (cut > 0 && (static_cast<unsigned char>(needle[cut]) & 0xC0) == 0x80) --cut;
  return needle.substr(0, cut);
}

// The names of one line (without its type field), folded: ASCII and basic
// Cyrillic lower-cased, ё → е, words separated by one space, names by a tab.
// False when some word needs more (another letter, digit or mark, or Latin
// and Cyrillic mixed, which both folds treat specially): no cheap verdict.
bool FoldNames(std::string_view line, std::string* out) {
  out->clear();
  size_t tab = line.find('\t');
  if (tab == std::string_view::npos) return true;
  bool latin = false, cyrillic = false;
  auto boundary = [&](char sep) {
    if (latin && cyrillic) return false;
    latin = cyrillic = false;
    out->push_back(sep);
    return true;
  };
  for (size_t i = tab + 1; i < line.size();) {
    auto b = static_cast<unsigned char>(line[i]);
    if (b < 0x80) {
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
        out->push_back(static_cast<char>(b | 0x20));
        latin = true;
      } else if (b >= '0' && b <= '9') {
        out->push_back(static_cast<char>(b));
      } else if (!boundary(b == '\t' ? '\t' : ' ')) {
        return false;
      }
      ++i;
      continue;
    }
    char32_t c = utf8::Next(line, &i);
    if (c >= U'А' && c <= U'я') {
      if (c < U'а') c += 0x20;
    } else if (c == U'ё' || c == U'Ё') {
      c = U'е';
    } else if (char_rules::Classify(static_cast<UChar32>(c)) == char_rules::CharClass::kSeparator &&
               c != 0x2010 && c != 0x2011 && c != utf8::kReplacement) {
      if (!boundary(' ')) return false;
      continue;
    } else {
      return false;
    }
    utf8::Append(c, out);
    cyrillic = true;
  }
  return boundary(' ');
}

// Calls keep(folded names) for each line; returns the lines it keeps.
template <typename Keep>
std::string FilterLines(std::string_view table, Keep keep) {
  std::string out, folded;
  size_t line_start = 0;
  while (line_start < table.size()) {
    size_t line_end = std::min(table.find('\n', line_start), table.size());
    std::string_view line = table.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    if (line.empty() || line[0] == '#' || line.find('\t') == std::string_view::npos) continue;
    if (!FoldNames(line, &folded) || keep(std::string_view(folded))) {
      out.append(line).push_back('\n');
    }
  }
  return out;
}

// `text` folded: lower case, ё → е (for needles taken from keys).
std::string FoldText(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    char32_t c = utf8::Next(text, &i);
    if (c >= 'A' && c <= 'Z') c += 0x20;
    if (c >= U'А' && c <= U'Я') c += 0x20;
    if (c == U'ё' || c == U'Ё') c = U'е';
    utf8::Append(c, &out);
  }
  return out;
}

}  // namespace

std::string AliasLinesForQuery(std::string_view table, const std::vector<QueryItem>& items) {
  std::vector<std::string_view> needles;
  for (const QueryItem& item : items) {
    for (const std::string& t : item.terms) {
      std::string_view needle = Loosen(TermNeedle(t));
      if (!needle.empty()) needles.push_back(needle);
    }
  }
  if (needles.empty()) return std::string();
  // A name can match when each of its words the analyzer indexes starts with
  // a needle (and it has one).
  return FilterLines(table, [&needles](std::string_view names) {
    size_t name_start = 0;
    while (name_start <= names.size()) {
      size_t name_end = std::min(names.find('\t', name_start), names.size());
      std::string_view name = names.substr(name_start, name_end - name_start);
      name_start = name_end + 1;
      bool has_word = false, misses = false;
      size_t w = 0;
      while (w < name.size() && !misses) {
        size_t e = std::min(name.find(' ', w), name.size());
        std::string_view word = name.substr(w, e - w);
        w = e + 1;
        if (word.empty() || Analyzer::IsStopword(word)) continue;
        has_word = true;
        misses = std::none_of(needles.begin(), needles.end(), [word](std::string_view n) {
          return word.compare(0, n.size(), n) == 0;
        });
      }
      if (has_word && !misses) return true;
    }
    return false;
  });
}

std::string AliasLinesForKey(std::string_view table, std::string_view key) {
  // A name with that key has words starting with the key's words (stems are
  // prefixes): the line holds each of them.
  const std::string folded_key = FoldText(key);
  std::vector<std::string_view> needles;
  size_t w = 0;
  while (w < folded_key.size()) {
    size_t e = std::min(folded_key.find(' ', w), folded_key.size());
    std::string_view word = Loosen(std::string_view(folded_key).substr(w, e - w));
    if (!word.empty()) needles.push_back(word);
    w = e + 1;
  }
  if (needles.empty()) return std::string();
  return FilterLines(table, [&needles](std::string_view names) {
    return std::all_of(needles.begin(), needles.end(), [names](std::string_view n) {
      return names.find(n) != std::string_view::npos;
    });
  });
}

}  // namespace pressa

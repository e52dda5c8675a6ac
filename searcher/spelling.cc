// Spelling correction against the index vocabulary: keyboard layout first,
// then the nearest frequent stem by edit distance.
#include "searcher/spelling.h"

#include <algorithm>

#include "core/schema.h"
#include "core/utf8.h"

namespace pressa {
namespace {

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(utf8::Next(s, &i));
  return out;
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) utf8::Append(cp, &out);
  return out;
}

// The two keyboard rows, key for key (unshifted and shifted).
const char32_t kLatinKeys[] = U"qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~";
const char32_t kRussianKeys[] = U"йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ";

bool IsLatinLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }

// The letters a typo may have replaced or dropped: the word's script.
std::u32string Alphabet(const std::u32string& word) {
  std::u32string alphabet;
  if (std::any_of(word.begin(), word.end(), IsCyrillic)) {
    for (char32_t c = U'а'; c <= U'я'; ++c) alphabet.push_back(c);
  } else {
    for (char32_t c = 'a'; c <= 'z'; ++c) alphabet.push_back(c);
    for (char32_t c = '0'; c <= '9'; ++c) alphabet.push_back(c);
  }
  return alphabet;
}

bool IsOperator(std::string_view w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "И" || w == "ИЛИ" || w == "НЕ" || w == "|";
}

}  // namespace

std::string SwitchLayout(std::string_view word) {
  std::u32string w = ToU32(word);
  bool latin = std::any_of(w.begin(), w.end(), IsLatinLetter);
  bool cyrillic = std::any_of(w.begin(), w.end(), IsCyrillic);
  if (latin == cyrillic) return std::string(word);
  std::u32string from = latin ? kLatinKeys : kRussianKeys;
  std::u32string to = latin ? kRussianKeys : kLatinKeys;
  for (char32_t& c : w) {
    size_t at = from.find(c);
    if (at != std::u32string::npos) c = to[at];
  }
  return ToUtf8(w);
}

int EditDistance(const std::u32string& a, const std::u32string& b, int limit) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
}

Xapian::doccount Speller::Frequency(const std::string& term) const {
  try {
    return term.empty() ? 0 : db_->get_termfreq(term);
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // a writer committed: Searcher::Search reopens and runs the search again
  } catch (const Xapian::Error&) {
    return 0;
  }
}

bool Speller::Better(const std::u32string& candidate, Xapian::doccount freq,
                     const Candidate& best) {
  if (best.freq == 0) return freq > 0;
  return freq > best.freq || (freq == best.freq && candidate < best.text);
}

void Speller::NearestByOneEdit(const std::u32string& stem, Candidate* best) const {
  // Every string one edit away (deletion, substitution, insertion, adjacent
  // transposition) over the stem's alphabet, looked up directly: a few
  // hundred B-tree lookups instead of a walk over the whole vocabulary.
  const std::u32string alphabet = Alphabet(stem);
  std::vector<std::u32string> candidates;
  const size_t n = stem.size();
  for (size_t i = 0; i < n; ++i) {
    candidates.push_back(stem.substr(0, i) + stem.substr(i + 1));
    if (i + 1 < n && stem[i] != stem[i + 1]) {
      std::u32string t = stem;
      std::swap(t[i], t[i + 1]);
      candidates.push_back(t);
    }
  }
  for (size_t i = 0; i <= n; ++i) {
    for (char32_t c : alphabet) {
      if (i < n && c != stem[i]) {
        std::u32string t = stem;
        t[i] = c;
        candidates.push_back(t);
      }
      std::u32string t = stem;
      t.insert(t.begin() + i, c);
      candidates.push_back(t);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (const std::u32string& c : candidates) {
    if (c.empty() || (c[0] >= '0' && c[0] <= '9')) continue;
    Xapian::doccount f = Frequency(ToUtf8(c));
    if (f >= kMinFrequency && Better(c, f, *best)) *best = {c, f};
  }
}

void Speller::NearestByTwoEdits(const std::u32string& stem,
                                const std::vector<std::u32string>& starts,
                                Candidate* best) const {
  for (const std::u32string& start : starts) {
    const std::string prefix = ToUtf8(start);
    try {
      std::u32string candidate;  // reused: most terms are dismissed by length
      for (auto it = db_->allterms_begin(prefix); it != db_->allterms_end(prefix); ++it) {
        const std::string& term = *it;
        size_t letters = 0;
        for (unsigned char c : term) letters += (c & 0xC0) != 0x80;
        if (letters + 2 < stem.size() || letters > stem.size() + 2) continue;
        Xapian::doccount f = it.get_termfreq();
        if (f < kMinFrequency) continue;
        candidate.clear();
        for (size_t i = 0; i < term.size();) candidate.push_back(utf8::Next(term, &i));
        if (EditDistance(stem, candidate, 2) <= 2 && Better(candidate, f, *best)) {
          *best = {candidate, f};
        }
      }
    } catch (const Xapian::DatabaseModifiedError&) {
      throw;  // a writer committed: Searcher::Search reopens and runs the search again
    } catch (const Xapian::Error&) {
    }
  }
}

std::string Speller::CorrectWord(std::string_view word) {
  std::vector<Token> tokens;
  analyzer_->Analyze(word, &tokens);
  // The rarest of the word's terms; a word whose every term is indexed is known.
  Xapian::doccount freq = 0;
  bool first = true;
  const Token* only = nullptr;
  int words = 0;
  for (const Token& t : tokens) {
    if (t.kind == Token::Kind::kCompound || t.term.empty()) continue;
    Xapian::doccount f = std::max({Frequency(t.term),
                                   Frequency(schema::kPrefixAcronym + t.norm),
                                   Frequency(analyzer_->Stem(t.norm))});
    freq = first ? f : std::min(freq, f);
    first = false;
    only = &t;
    ++words;
  }
  if (first) return std::string();  // stopwords or punctuation only
  if (freq > 0) return std::string();

  // Wrong keyboard layout: every term of the other reading is indexed.
  std::string switched = SwitchLayout(word);
  if (switched != word) {
    std::vector<Token> other;
    analyzer_->Analyze(switched, &other);
    bool all_known = false;
    for (const Token& t : other) {
      if (t.kind == Token::Kind::kCompound || t.term.empty()) continue;
      all_known = Frequency(t.term) > 0 || Frequency(schema::kPrefixAcronym + t.norm) > 0;
      if (!all_known) break;
    }
    if (all_known) return analyzer_->Normalize(switched);
  }

  if (words != 1 || only->kind != Token::Kind::kWord) return std::string();
  // Xapian's spelling data, when the index holds it (WritableDatabase::
  // add_spelling of normalized words at index time).
  try {
    std::string xapian = db_->get_spelling_suggestion(only->norm, 2);
    if (!xapian.empty()) return xapian;
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // a writer committed: Searcher::Search reopens and runs the search again
  } catch (const Xapian::Error&) {
  }
  // A typo: the most frequent indexed stem within a small edit distance.
  std::u32string stem = ToU32(only->term);
  if (stem.size() < 4) return std::string();
  // The nearest indexed stem (seen in two articles or more), the most
  // frequent of equals: one edit, or two for a longer stem.
  Candidate best;
  NearestByOneEdit(stem, &best);
  if (best.freq == 0 && stem.size() > 5) {
    // Two edits: walk only the stretches of the term list where the word can
    // be, by its first letters. First those that keep the first letter (or
    // swap the first two, or drop an extra first letter), then, if none is
    // near, those where the first letter is wrong or missing: a few
    // hundredths of the vocabulary, not all of it.
    const char32_t s0 = stem[0], s1 = stem[1], s2 = stem[2];
    std::vector<std::u32string> kept{{s0}, {s1, s0}, {s1, s2}};
    NearestByTwoEdits(stem, kept, &best);
    if (best.freq == 0) {
      std::vector<std::u32string> first_wrong;
      for (char32_t c : Alphabet(stem)) {
        for (char32_t second : {s1, s0}) {
          std::u32string start{c, second};
          if (c != s0 && std::find(kept.begin(), kept.end(), start) == kept.end() &&
              std::find(first_wrong.begin(), first_wrong.end(), start) == first_wrong.end()) {
            first_wrong.push_back(start);
          }
        }
      }
      NearestByTwoEdits(stem, first_wrong, &best);
    }
  }
  if (best.freq == 0) return std::string();
  // A word with that stem: the typed ending first ("блакировк" + "а" →
  // "блокировка"), else a common ending that stems back to it.
  std::string stem_text = ToUtf8(best.text);
  const std::string& norm = only->norm;
  std::vector<std::string> endings;
  if (norm.compare(0, only->term.size(), only->term) == 0) {
    endings.push_back(norm.substr(only->term.size()));
  }
  for (const char* e : {"", "а", "ы", "и", "у", "е", "о", "ь", "ой", "ий", "ый", "ая", "ов", "ом"}) {
    endings.push_back(e);
  }
  for (const std::string& ending : endings) {
    if (analyzer_->Stem(stem_text + ending) == stem_text) return stem_text + ending;
  }
  return stem_text;
}

std::string Speller::Suggest(std::string_view query) {
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < query.size()) {
    size_t start = query.find_first_not_of(" \t\r\n", i);
    out.append(query.substr(i, (start == std::string_view::npos ? query.size() : start) - i));
    if (start == std::string_view::npos) break;
    size_t end = query.find_first_of(" \t\r\n", start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view chunk = query.substr(start, end - start);
    i = end;
    // Keep operators, field:value parts and the -/+ and quote marks around a word.
    if (IsOperator(chunk) || chunk.find(':') != std::string_view::npos) {
      out.append(chunk);
      continue;
    }
    size_t lead = 0;
    while (lead < chunk.size() && std::string_view("-+(\"").find(chunk[lead]) != std::string_view::npos) ++lead;
    size_t trail = chunk.size();
    while (trail > lead && std::string_view(")\"").find(chunk[trail - 1]) != std::string_view::npos) --trail;
    std::string_view core = chunk.substr(lead, trail - lead);
    std::string fixed = core.empty() ? std::string() : CorrectWord(core);
    if (fixed.empty()) {
      out.append(chunk);
    } else {
      out.append(chunk.substr(0, lead)).append(fixed).append(chunk.substr(trail));
      changed = true;
    }
  }
  return changed ? out : std::string();
}

}  // namespace pressa

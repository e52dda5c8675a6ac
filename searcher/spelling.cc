// Spelling correction against the index vocabulary: keyboard layout first,
// then the nearest frequent stem by edit distance.
#include "searcher/spelling.h"

#include <algorithm>

#include "core/schema.h"

namespace pressa {
namespace {

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

// The two keyboard rows, key for key (unshifted and shifted).
const char32_t kLatinKeys[] = U"qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~";
const char32_t kRussianKeys[] = U"йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ";

bool IsLatinLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }

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
  } catch (const Xapian::Error&) {
    return 0;
  }
}

void Speller::LoadVocabulary() {
  loaded_ = true;
  for (auto it = db_->allterms_begin(); it != db_->allterms_end(); ++it) {
    const std::string& term = *it;
    // Prefixed terms (ids, dates, entities, acronyms) start with an ASCII capital.
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
    if (it.get_termfreq() < 2 || (term[0] >= '0' && term[0] <= '9')) continue;
    vocabulary_.emplace_back(ToU32(term), it.get_termfreq());
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
  } catch (const Xapian::Error&) {
  }
  // A typo: the most frequent indexed stem within a small edit distance.
  std::u32string stem = ToU32(only->term);
  if (stem.size() < 4) return std::string();
  int limit = stem.size() <= 5 ? 1 : 2;
  if (!loaded_) LoadVocabulary();
  const std::u32string* best = nullptr;
  int best_distance = limit + 1;
  Xapian::doccount best_freq = 0;
  for (const auto& [candidate, f] : vocabulary_) {
    int d = EditDistance(stem, candidate, std::min(limit, best_distance));
    if (d < best_distance || (d == best_distance && d <= limit && f > best_freq)) {
      best = &candidate;
      best_distance = d;
      best_freq = f;
    }
  }
  if (best == nullptr || best_distance > limit) return std::string();
  // A word with that stem: the typed ending first ("блакировк" + "а" →
  // "блокировка"), else a common ending that stems back to it.
  std::string stem_text = ToUtf8(*best);
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

// Publication dates: ISO dates from metadata, and datelines found at the top of article text.
#include "indexer/date_extractor.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace pressa {
namespace {

// Datelines sit in the lead; a date further down is usually about something else.
constexpr int kDatelineWindow = 300;
// A dateline may follow a place name ("С.-ПЕТЕРБУРГ, ") or a label ("Дата: "); a longer
// prefix is prose.
constexpr int kMaxPlacePrefix = 60;

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

std::string FormatDate(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}

// Reads exactly `n` ASCII digits at `s[pos]`; -1 when they are not all digits.
int ReadDigits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

struct MonthName {
  const char32_t* name;  // lower case
  int month;
};

// Genitive month names and the abbreviations news agencies use ("8 фев", "30 ноя").
const MonthName kMonths[] = {
    {U"января", 1},   {U"янв", 1},  {U"февраля", 2},  {U"фев", 2},  {U"февр", 2},
    {U"марта", 3},    {U"мар", 3},  {U"апреля", 4},   {U"апр", 4},  {U"мая", 5},
    {U"май", 5},      {U"июня", 6}, {U"июн", 6},      {U"июля", 7}, {U"июл", 7},
    {U"августа", 8},  {U"авг", 8},  {U"сентября", 9}, {U"сен", 9},  {U"сент", 9},
    {U"октября", 10}, {U"окт", 10}, {U"ноября", 11},  {U"ноя", 11}, {U"нояб", 11},
    {U"декабря", 12}, {U"дек", 12},
};

int MonthFromWord(const std::u32string& word) {
  for (const MonthName& m : kMonths) {
    if (word == m.name) return m.month;
  }
  return 0;
}

// Publication years Pressa takes from text; earlier years in a lead are history, not news.
bool IsPlausibleYear(int year) { return year >= 1990 && year <= 2099; }

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F; }
bool IsDash(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012; }

// Where a date stands decides whether it dates the article. Measured on the dated parts of
// the benchmark corpus, a "D месяца YYYY" inside a sentence of the lead is mostly about
// something else (9 in 10 differ from the publication date: anniversaries, deadlines,
// history), while a date that opens a line, follows a place name ("Смоленск, 8 февраля
// 2026"), or a weekday ("в среду, 3 октября 2018 года") is the news date.
enum class Position { kProse, kLineStart, kAfterPlace, kAfterWeekday };

const char32_t* const kWeekdays[] = {U"понедельник", U"вторник", U"среду",      U"четверг",
                                     U"пятницу",     U"субботу", U"воскресенье"};

Position DatePosition(const std::u32string& t, size_t day_start) {
  size_t line_start = day_start;
  while (line_start > 0 && t[line_start - 1] != '\n') --line_start;
  size_t p = day_start;
  while (p > line_start && IsSpace(t[p - 1])) --p;
  if (p == line_start) return Position::kLineStart;
  if (t[p - 1] == ':') {  // a label: "Опубликовано: 08.02.2026"
    return day_start - line_start <= static_cast<size_t>(kMaxPlacePrefix) ? Position::kAfterPlace
                                                                          : Position::kProse;
  }
  if (t[p - 1] != ',') return Position::kProse;
  // "в пятницу, " / "во вторник, " just before the date.
  size_t word_end = p - 1;
  size_t word_start = word_end;
  while (word_start > line_start && u_isalpha(t[word_start - 1])) --word_start;
  std::u32string word;
  for (size_t k = word_start; k < word_end; ++k) word.push_back(u_tolower(t[k]));
  for (const char32_t* weekday : kWeekdays) {
    if (word == weekday) return Position::kAfterWeekday;
  }
  if (word == U"назад") return Position::kProse;  // "Десять лет назад, 17 мая 2007 года"
  return day_start - line_start <= static_cast<size_t>(kMaxPlacePrefix) ? Position::kAfterPlace
                                                                        : Position::kProse;
}

// The year-less form is only trusted in the agency shape "ГОРОД, 8 фев - ...": a place name
// starting with a word in capitals, a comma, the date, then a dash or "/ТАСС/". A bare "16 ноября"
// or a line like "8 октября – 125 лет со дня рождения…" says nothing reliable about the year.
bool IsAgencyDateline(const std::u32string& t, size_t day_start, size_t after_month) {
  if (DatePosition(t, day_start) != Position::kAfterPlace) return false;
  size_t line_start = day_start;
  while (line_start > 0 && t[line_start - 1] != '\n') --line_start;
  // The first word is in capitals ("ПОСЕЛОК КОРЕИЗ (Крым), 7 ноя"): a region in brackets
  // may follow in ordinary case.
  size_t k = line_start;
  while (k < day_start && !u_isalpha(t[k])) ++k;
  size_t caps = 0;
  for (; k < day_start && u_isalpha(t[k]); ++k, ++caps) {
    if (!u_isupper(t[k])) return false;
  }
  size_t p = after_month;
  while (p < t.size() && IsSpace(t[p])) ++p;
  return caps >= 1 && p < t.size() && (IsDash(t[p]) || t[p] == '/');
}

}  // namespace

bool IsValidDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDays[month - 1];
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) days = 29;
  return day <= days;
}

Result<std::string> ParseIsoDate(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  auto bad = [&](const char* why) {
    std::string shown(text.substr(0, 40));
    return Status::InvalidArgument(std::string(why) + " \"" + shown + "\"");
  };
  int year = ReadDigits(s, 0, 4);
  int month = ReadDigits(s, 5, 2);
  int day = ReadDigits(s, 8, 2);
  if (year < 0 || month < 0 || day < 0 || s[4] != '-' || s[7] != '-') {
    return bad("malformed date");
  }
  if (s.size() > 10) {
    // A time part: "T10:00:00+03:00" or " 10:00". The date part is kept as written.
    char sep = s[10];
    if ((sep != 'T' && sep != 't' && sep != ' ') || ReadDigits(s, 11, 2) < 0 || s.size() < 16 ||
        s[13] != ':' || ReadDigits(s, 14, 2) < 0) {
      return bad("malformed date-time");
    }
  }
  if (!IsValidDate(year, month, day)) return bad("impossible date");
  return FormatDate(year, month, day);
}

int ContextYear(std::string_view path, int64_t mtime_ns) {
  // Prefer the component nearest the file: "archive/2019/ria-2023.jsonl" → 2023.
  size_t end = path.size();
  while (end > 0) {
    size_t start = path.rfind('/', end - 1);
    start = (start == std::string_view::npos) ? 0 : start + 1;
    std::string_view comp = path.substr(start, end - start);
    for (size_t i = 0; i + 4 <= comp.size(); ++i) {
      bool left_ok = i == 0 || !(comp[i - 1] >= '0' && comp[i - 1] <= '9');
      bool right_ok = i + 4 == comp.size() || !(comp[i + 4] >= '0' && comp[i + 4] <= '9');
      int y = ReadDigits(comp, i, 4);
      if (left_ok && right_ok && y >= 1990 && y <= 2099) return y;
    }
    if (start == 0) break;
    end = start - 1;
  }
  if (mtime_ns <= 0) return 0;
  std::time_t secs = static_cast<std::time_t>(mtime_ns / 1000000000);
  std::tm tm{};
  if (gmtime_r(&secs, &tm) == nullptr) return 0;
  // The same range as a year in a name: a lost timestamp (1970) dates nothing.
  int year = tm.tm_year + 1900;
  return year >= 1990 && year <= 2099 ? year : 0;
}

bool FindDateline(std::string_view text, int context_year, std::string* date, DateSource* source) {
  // Code points of the window, plus room for a match that starts near its end.
  std::u32string t;
  t.reserve(kDatelineWindow + 40);
  for (size_t i = 0; i < text.size() && t.size() < kDatelineWindow + 40;) {
    UChar32 c;
    U8_NEXT(text.data(), i, text.size(), c);
    if (c < 0) c = 0xFFFD;
    t.push_back(static_cast<char32_t>(c));
  }
  const size_t limit = std::min(t.size(), static_cast<size_t>(kDatelineWindow));

  auto read_number = [&](size_t p, size_t max_len, size_t* end) {
    int v = 0;
    size_t q = p;
    while (q < t.size() && q - p < max_len && IsDigit(t[q])) v = v * 10 + (t[q++] - '0');
    *end = q;
    return (q == p || (q < t.size() && IsDigit(t[q]))) ? -1 : v;
  };

  for (size_t i = 0; i < limit; ++i) {
    if (!IsDigit(t[i])) continue;
    if (i > 0 && (IsDigit(t[i - 1]) || u_isalpha(t[i - 1]) || t[i - 1] == '.')) continue;
    size_t p;
    int day = read_number(i, 2, &p);
    if (day <= 0) continue;

    // "08.02.2026", "05/08/2008"
    if (p < t.size() && (t[p] == '.' || t[p] == '/')) {
      const char32_t sep = t[p];
      size_t q;
      int month = read_number(p + 1, 2, &q);
      if (month > 0 && q < t.size() && t[q] == sep && q - (p + 1) == 2) {
        size_t r;
        int year = read_number(q + 1, 4, &r);
        if (r - (q + 1) == 4 && IsPlausibleYear(year) && IsValidDate(year, month, day) &&
            !(r < t.size() && t[r] == sep && r + 1 < t.size() && IsDigit(t[r + 1])) &&
            DatePosition(t, i) != Position::kProse) {
          *date = FormatDate(year, month, day);
          *source = DateSource::kDateline;
          return true;
        }
      }
      continue;
    }

    // "8 февраля 2026 года", "8 фев - РИА Новости"
    size_t q = p;
    while (q < t.size() && IsSpace(t[q])) ++q;
    if (q == p || q - p > 3) continue;
    std::u32string word;
    while (q < t.size() && u_isalpha(t[q]) && word.size() < 10) word.push_back(u_tolower(t[q++]));
    if (q < t.size() && u_isalpha(t[q])) continue;
    int month = MonthFromWord(word);
    if (month == 0) continue;
    if (q < t.size() && t[q] == '.') ++q;
    size_t after_month = q;

    size_t r = q;
    while (r < t.size() && IsSpace(t[r])) ++r;
    size_t year_end;
    int year = (r > q) ? read_number(r, 4, &year_end) : -1;
    if (year >= 0 && year_end - r == 4) {
      if (!IsPlausibleYear(year) || !IsValidDate(year, month, day) ||
          DatePosition(t, i) == Position::kProse) {
        continue;
      }
      *date = FormatDate(year, month, day);
      *source = DateSource::kDateline;
      return true;
    }
    if (context_year > 0 && IsAgencyDateline(t, i, after_month) &&
        IsValidDate(context_year, month, day)) {
      *date = FormatDate(context_year, month, day);
      *source = DateSource::kDatelineContextYear;
      return true;
    }
  }
  return false;
}

}  // namespace pressa

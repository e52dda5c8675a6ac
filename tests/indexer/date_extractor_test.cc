// Tests for publication dates: calendar validity, ISO parsing, context years and datelines.
#include "indexer/date_extractor.h"

#include <gtest/gtest.h>

#include <string>

namespace pressa {
namespace {

TEST(DateExtractorTest, IsValidDate) {
  struct Case {
    int y, m, d;
    bool valid;
  } cases[] = {
      {2026, 2, 8, true},   {2026, 2, 28, true},  {2026, 2, 29, false}, {2026, 2, 30, false},
      {2024, 2, 29, true},  {2000, 2, 29, true},  {1900, 2, 29, false}, {2026, 4, 31, false},
      {2026, 12, 31, true}, {2026, 13, 1, false}, {2026, 0, 1, false},  {2026, 1, 0, false},
      {2026, 1, 32, false}, {0, 1, 1, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsValidDate(c.y, c.m, c.d), c.valid) << c.y << "-" << c.m << "-" << c.d;
  }
}

TEST(DateExtractorTest, ParseIsoDateAccepts) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"2026-02-08", "2026-02-08"},
      {"2024-02-29", "2024-02-29"},
      {"2023-10-20T09:20:00+03:00", "2023-10-20"},
      {"2024-12-04T09:00:28+00:00", "2024-12-04"},
      {"2026-02-08 10:00", "2026-02-08"},
      {"2026-02-08T10:00:00Z", "2026-02-08"},
      {" 2026-02-08 ", "2026-02-08"},
  };
  for (const Case& c : cases) {
    Result<std::string> r = ParseIsoDate(c.in);
    ASSERT_TRUE(r.ok()) << c.in << ": " << r.status().ToString();
    EXPECT_EQ(*r, c.out) << c.in;
  }
}

TEST(DateExtractorTest, ParseIsoDateRejects) {
  const char* cases[] = {"2026-02-30",     "2025-02-29",  "2026-13-01", "2026-00-10",
                         "2026-2-8",       "08.02.2026",  "2026/02/08", "",
                         "2026-02-08junk", "2026-02-08T", "20260208",   "вчера"};
  for (const char* c : cases) {
    Result<std::string> r = ParseIsoDate(c);
    EXPECT_FALSE(r.ok()) << c;
    EXPECT_TRUE(r.status().IsInvalidArgument() || r.ok()) << c;
  }
  // The message quotes the offending value.
  Result<std::string> r = ParseIsoDate("2026-02-30");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("2026-02-30"), std::string::npos);
  EXPECT_NE(r.status().message().find("impossible"), std::string::npos);
}

TEST(DateExtractorTest, ContextYear) {
  // 2026-02-08T00:00:00Z in nanoseconds.
  const int64_t kFeb2026 = int64_t{1770508800} * 1000000000;
  struct Case {
    const char* path;
    int64_t mtime_ns;
    int year;
  } cases[] = {
      {"corpus/000_79f07d462ba013fb.txt", kFeb2026, 2026},
      {"/data/archive/2019/smolensk.txt", kFeb2026, 2019},
      {"/data/ria-2023.jsonl", kFeb2026, 2023},
      {"/data/2019/ria-2023.jsonl", 0, 2023},   // nearest component wins
      {"/data/2019/issue_12345.txt", 0, 2019},  // longer digit runs are not years
      {"/data/1850/paper.txt", 0, 0},           // out of range, no mtime
      {"/data/20190101/paper.txt", 0, 0},
      {"paper.txt", 0, 0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ContextYear(c.path, c.mtime_ns), c.year) << c.path;
  }
}

TEST(DateExtractorTest, FindDatelineShapes) {
  struct Case {
    const char* text;
    int context_year;
    const char* date;  // nullptr: no date
    DateSource source;
  } cases[] = {
      // Agency datelines without a year: the year comes from the context.
      {"МОСКВА, 8 фев - РИА Новости. Текст.", 2026, "2026-02-08", DateSource::kDatelineContextYear},
      {"БЛАГОВЕЩЕНСК, 20 окт – РИА Новости. Текст.", 2023, "2023-10-20",
       DateSource::kDatelineContextYear},
      {"С.-ПЕТЕРБУРГ, 17 ноя — РИА Новости.", 2023, "2023-11-17", DateSource::kDatelineContextYear},
      {"СМОЛЕНСК, 1 дек. - РИА Новости.", 2023, "2023-12-01", DateSource::kDatelineContextYear},
      {"МОСКВА, 3 сент /ТАСС/. Текст.", 2024, "2024-09-03", DateSource::kDatelineContextYear},
      {"ПОСЕЛОК КОРЕИЗ (Крым) , 7 ноя - РИА Новости.", 2023, "2023-11-07",
       DateSource::kDatelineContextYear},
      {"МОСКВА, 29 мая - РИА Новости.", 2024, "2024-05-29", DateSource::kDatelineContextYear},
      {"ВАШИНГТОН, 14 декабря. /ТАСС/. Текст.", 2020, "2020-12-14",
       DateSource::kDatelineContextYear},
      // A year-less date needs the agency shape: a place in capitals, a comma, a dash after.
      {"8 фев - РИА Новости.", 2026, nullptr, DateSource::kNone},
      {"8 октября – 125 лет со дня рождения Марины Цветаевой", 2026, nullptr, DateSource::kNone},
      {"Москва, 8 фев - новости", 2026, nullptr, DateSource::kNone},
      {"МОСКВА, 8 фев. Текст без тире", 2026, nullptr, DateSource::kNone},
      // Without a context year a year-less dateline gives nothing.
      {"МОСКВА, 8 фев - РИА Новости.", 0, nullptr, DateSource::kNone},
      // Full dates anywhere in the lead.
      {"8 февраля 2026 года в Смоленске открылся центр.", 0, "2026-02-08", DateSource::kDateline},
      {"Смоленск, 8 февраля 2026 г. Открылся центр.", 0, "2026-02-08", DateSource::kDateline},
      {"В воскресенье, 11 июня 2017 года, в Москве выступили", 2026, "2017-06-11",
       DateSource::kDateline},
      {"Опубликовано: 08.02.2026 в 10:00", 0, "2026-02-08", DateSource::kDateline},
      {"Заголовок\n8.02.2026\nТекст", 0, "2026-02-08", DateSource::kDateline},
      {"05/08/2008 10:35\n\nБИШКЕК, 5 августа /Новости-Грузия/.", 2026, "2008-08-05",
       DateSource::kDateline},
      {"Об этом во вторник, 3 октября 2018 года, сообщил", 0, "2018-10-03", DateSource::kDateline},
      {"Иван Голунов в зале суда, 8 июня 2019 года\nТекст", 0, "2019-06-08", DateSource::kDateline},
      {"12 Марта 2019 года митинг", 0, "2019-03-12", DateSource::kDateline},
      {"Дата: 29 февраля 2024 года.", 0, "2024-02-29", DateSource::kDateline},
      {"8\u00a0февраля 2026\u00a0года", 0, "2026-02-08", DateSource::kDateline},
      // Impossible dates are skipped; a later good one still counts.
      {"30 февраля 2026 года, 8 марта 2026 года", 0, "2026-03-08", DateSource::kDateline},
      {"31.02.2026", 0, nullptr, DateSource::kNone},
      {"МОСКВА, 30 фев - РИА Новости.", 2026, nullptr, DateSource::kNone},
      // A date inside a sentence is about something else: a deadline, an anniversary.
      {"Выставка пройдёт до 8 февраля 2026 года в Смоленске.", 2026, nullptr, DateSource::kNone},
      {"Как сообщили 8 февраля 2026 года в мэрии", 2026, nullptr, DateSource::kNone},
      {"Заявки принимают до 01.03.2026 включительно", 2026, nullptr, DateSource::kNone},
      {"Десять лет назад, 17 мая 2007 года, был подписан акт", 0, nullptr, DateSource::kNone},
      // History is not news: years before 1990 are not publication dates.
      {"4 ноября 1972 года состоялась премьера", 0, nullptr, DateSource::kNone},
      {"Сто лет назад, 23 января 1918 года, начал действовать декрет", 0, nullptr,
       DateSource::kNone},
      // Not dates.
      {"16 ноября на сайте Госдумы появился законопроект", 2026, nullptr, DateSource::kNone},
      {"В Смоленске 5 мартовских митингов", 2026, nullptr, DateSource::kNone},
      {"Версия 1.02.2026.3 вышла", 0, nullptr, DateSource::kNone},
      {"Из 125 марта не бывает", 0, nullptr, DateSource::kNone},
      {"Текст без дат вообще.", 2026, nullptr, DateSource::kNone},
      {"", 2026, nullptr, DateSource::kNone},
  };
  for (const Case& c : cases) {
    std::string date;
    DateSource source = DateSource::kNone;
    bool found = FindDateline(c.text, c.context_year, &date, &source);
    if (c.date == nullptr) {
      EXPECT_FALSE(found) << c.text << " → " << date;
    } else {
      ASSERT_TRUE(found) << c.text;
      EXPECT_EQ(date, c.date) << c.text;
      EXPECT_EQ(source, c.source) << c.text;
    }
  }
}

TEST(DateExtractorTest, FindDatelineOnlyLooksAtTheLead) {
  std::string text(400, 'x');
  text += "\n8 февраля 2026 года";
  std::string date;
  DateSource source;
  EXPECT_FALSE(FindDateline(text, 2026, &date, &source));
  // ~300 characters, not bytes: Cyrillic filler (2 bytes a letter) still leaves room.
  std::string cyr;
  for (int i = 0; i < 250; ++i) cyr += "я";
  cyr += "\n8 февраля 2026 года";
  EXPECT_TRUE(FindDateline(cyr, 0, &date, &source));
  EXPECT_EQ(date, "2026-02-08");
}

TEST(DateExtractorTest, FindDatelineSurvivesInvalidUtf8) {
  std::string text = "\xff\xfe\xd0\n8 февраля 2026 года";
  std::string date;
  DateSource source;
  EXPECT_TRUE(FindDateline(text, 0, &date, &source));
  EXPECT_EQ(date, "2026-02-08");
  EXPECT_FALSE(FindDateline(std::string("\xd0", 1), 2026, &date, &source));
}

}  // namespace
}  // namespace pressa

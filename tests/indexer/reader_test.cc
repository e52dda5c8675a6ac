// Tests for the corpus readers: listing, decoding, the seed format and JSON lines.
#include "indexer/reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace pressa {
namespace {

const std::string kSource = PRESSA_SOURCE_DIR;
const std::string kBad = kSource + "/tests/data/bad/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Decodes and parses a seed file the way the indexer does.
Article ReadSeed(const std::string& path, std::string* note = nullptr,
                 std::string* warning = nullptr) {
  std::string unused_note, unused_warning;
  Result<std::string> text = DecodeText(ReadFile(path), note ? note : &unused_note);
  EXPECT_TRUE(text.ok()) << path << ": " << text.status().ToString();
  Article article;
  if (!text.ok()) return article;
  Status s = ParseSeedArticle(*text, &article, warning ? warning : &unused_warning);
  EXPECT_TRUE(s.ok()) << path << ": " << s.ToString();
  return article;
}

TEST(ReaderTest, SeedCorpusFiles) {
  Article a = ReadSeed(kSource + "/corpus/000_79f07d462ba013fb.txt");
  EXPECT_EQ(a.date, "2025-10-15");
  EXPECT_EQ(a.date_source, DateSource::kField);
  EXPECT_EQ(a.title, "Смоленская область в тройке лидеров по экспортным достижениям");
  EXPECT_EQ(a.text.rfind("Смоленские компании добились", 0), 0u) << a.text.substr(0, 80);

  Article b = ReadSeed(kSource + "/corpus/001_037b14092a5c3520.txt");
  EXPECT_EQ(b.date, "2026-02-08");
  EXPECT_EQ(b.title.rfind("МОСКВА, 8 фев - РИА Новости.", 0), 0u) << b.title;

  // No date line: no date from the reader (the indexer looks for a dateline).
  Article d = ReadSeed(kSource + "/corpus/003_799d120832a90aa3.txt");
  EXPECT_EQ(d.date, "");
  EXPECT_EQ(d.date_source, DateSource::kNone);
  EXPECT_EQ(d.title.rfind("С 29 сентября по 1 октября", 0), 0u) << d.title;

  // "..." on the first line is skipped for the title.
  Article e = ReadSeed(kSource + "/corpus/004_a95601593f415e8e.txt");
  EXPECT_EQ(e.title, "«Российская газета» отметила роль Смоленщины в деле союзной кооперации");
  EXPECT_EQ(e.text.rfind("Смоленская область поддерживает", 0), 0u) << e.text.substr(0, 80);
  EXPECT_EQ(e.text.find("..."), std::string::npos);
}

TEST(ReaderTest, SeedRules) {
  struct Case {
    const char* text;
    const char* title;
    const char* body;
    const char* date;
    bool warns;
  } cases[] = {
      {" date 2026-02-08 Заголовок\n\nТекст.\n", "Заголовок", "Текст.", "2026-02-08", false},
      {" date 2026-02-08\nЗаголовок\nТекст.", "Заголовок", "Текст.", "2026-02-08", false},
      {" date 2026-02-30 Заголовок\nТекст.", "Заголовок", "Текст.", "", true},
      {" date 2024-02-29 Високосный\nТекст.", "Високосный", "Текст.", "2024-02-29", false},
      {"date 2026-02-08 Без пробела\nТекст.", "date 2026-02-08 Без пробела", "Текст.", "", false},
      {" date 2026-2-8 Не ISO\nТекст.", "date 2026-2-8 Не ISO", "Текст.", "", false},
      {"...\n\n— — —\nЗаголовок\n\nПервый абзац.\n\nВторой.\n\n", "Заголовок",
       "Первый абзац.\n\nВторой.", "", false},
      {"  Заголовок с пробелами  \nТекст", "Заголовок с пробелами", "Текст", "", false},
      {"Только заголовок", "Только заголовок", "", "", false},
      {"...\n---\n", "...", "---", "", false},
      {"2026\nТекст", "2026", "Текст", "", false},
  };
  for (const Case& c : cases) {
    Article a;
    std::string warning;
    Status s = ParseSeedArticle(c.text, &a, &warning);
    ASSERT_TRUE(s.ok()) << c.text << ": " << s.ToString();
    EXPECT_EQ(a.title, c.title) << c.text;
    EXPECT_EQ(a.text, c.body) << c.text;
    EXPECT_EQ(a.date, c.date) << c.text;
    EXPECT_EQ(a.date_source, *c.date ? DateSource::kField : DateSource::kNone) << c.text;
    EXPECT_EQ(!warning.empty(), c.warns) << c.text << ": " << warning;
  }
  Article a;
  std::string warning;
  EXPECT_TRUE(ParseSeedArticle(" \n\t\n", &a, &warning).IsInvalidArgument());
  EXPECT_TRUE(ParseSeedArticle("", &a, &warning).IsInvalidArgument());
  EXPECT_TRUE(ParseSeedArticle(" date 2026-02-08\n\n", &a, &warning).IsInvalidArgument());
  EXPECT_TRUE(ParseSeedArticle(" date 2026-02-08 ", &a, &warning).IsInvalidArgument());
}

TEST(ReaderTest, ImpossibleSeedDateWarnsAndKeepsArticle) {
  std::string warning;
  Article a = ReadSeed(kBad + "impossible_date.txt", nullptr, &warning);
  EXPECT_EQ(a.date, "");
  EXPECT_EQ(a.title, "Выборы в городскую думу перенесли");
  EXPECT_NE(warning.find("2026-02-30"), std::string::npos) << warning;
}

TEST(ReaderTest, DecodesLegacyAndUtf16Files) {
  const std::string kTitle = "Смоленские льноводы собрали рекордный урожай";
  struct Case {
    const char* file;
    const char* note;
  } cases[] = {
      {"windows1251.txt", "decoded from windows-1251"},
      {"koi8r.txt", "decoded from KOI8-R"},
      {"ibm866.txt", "decoded from IBM866"},
      {"utf16le_bom.txt", "decoded from UTF-16LE"},
      {"utf16be_bom.txt", "decoded from UTF-16BE"},
      {"utf8_bom.txt", ""},
      {"crlf.txt", ""},
      {"cr_only.txt", ""},
  };
  for (const Case& c : cases) {
    std::string note;
    Article a = ReadSeed(kBad + c.file, &note);
    EXPECT_EQ(note, c.note) << c.file;
    EXPECT_EQ(a.title, kTitle) << c.file;
    EXPECT_EQ(a.date, "2026-02-08") << c.file;
    EXPECT_EQ(a.text.rfind("СМОЛЕНСК, 8 фев - РИА Новости. Аграрии", 0), 0u) << c.file;
    EXPECT_EQ(a.text.find('\r'), std::string::npos) << c.file;
  }
}

TEST(ReaderTest, ShortLegacyTextsPickTheRightCodePage) {
  struct Case {
    const char* file;
    const char* note;
  } cases[] = {
      {"windows1251_short.txt", "decoded from windows-1251"},
      {"koi8r_short.txt", "decoded from KOI8-R"},
  };
  for (const Case& c : cases) {
    std::string note;
    Result<std::string> text = DecodeText(ReadFile(kBad + c.file), &note);
    ASSERT_TRUE(text.ok()) << c.file;
    EXPECT_EQ(*text, "Мэр подписал указ\n") << c.file;
    EXPECT_EQ(note, c.note) << c.file;
  }
}

// Short all-capitals headlines are where a detector working on letter frequencies alone
// confuses windows-1251 and KOI8-R (the two swap case); letter pairs settle it.
TEST(ReaderTest, ShortHeadlinesInEveryCodePage) {
  struct Case {
    const char* bytes;
    const char* text;
    const char* charset;
  } cases[] = {
      {"\xCC\xDD\xD0 \xCF\xCE\xC4\xCF\xC8\xD1\xC0\xCB \xD3\xCA\xC0\xC7", "МЭР ПОДПИСАЛ УКАЗ",
       "windows-1251"},
      {"\xED\xFC\xF2 \xF0\xEF\xE4\xF0\xE9\xF3\xE1\xEC \xF5\xEB\xE1\xFA", "МЭР ПОДПИСАЛ УКАЗ",
       "KOI8-R"},
      {"\x8C\x9D\x90 \x8F\x8E\x84\x8F\x88\x91\x80\x8B \x93\x8A\x80\x87", "МЭР ПОДПИСАЛ УКАЗ",
       "IBM866"},
      {"\xC3\xD3\xC1\xC5\xD0\xCD\xC0\xD2\xCE\xD0 \xCE\xC1\xCB\xC0\xD1\xD2\xC8",
       "ГУБЕРНАТОР ОБЛАСТИ", "windows-1251"},
      {"\xE7\xF5\xE2\xE5\xF2\xEE\xE1\xF4\xEF\xF2 \xEF\xE2\xEC\xE1\xF3\xF4\xE9",
       "ГУБЕРНАТОР ОБЛАСТИ", "KOI8-R"},
      {"\x83\x93\x81\x85\x90\x8D\x80\x92\x8E\x90 \x8E\x81\x8B\x80\x91\x92\x88",
       "ГУБЕРНАТОР ОБЛАСТИ", "IBM866"},
      {"\xCD\xCE\xC2\xCE\xD1\xD2\xC8", "НОВОСТИ", "windows-1251"},
      {"\xEE\xEF\xF7\xEF\xF3\xF4\xE9", "НОВОСТИ", "KOI8-R"},
      {"\x8D\x8E\x82\x8E\x91\x92\x88", "НОВОСТИ", "IBM866"},
      {"\xCF\xF0\xE8\xE2\xE5\xF2", "Привет", "windows-1251"},
      {"\xF0\xD2\xC9\xD7\xC5\xD4", "Привет", "KOI8-R"},
      {"\x8F\xE0\xA8\xA2\xA5\xE2", "Привет", "IBM866"},
  };
  for (const Case& c : cases) {
    std::string note;
    Result<std::string> text = DecodeText(c.bytes, &note);
    ASSERT_TRUE(text.ok()) << c.text << " in " << c.charset;
    EXPECT_EQ(*text, c.text) << c.charset;
    EXPECT_EQ(note, std::string("decoded from ") + c.charset) << c.text;
  }
}

TEST(ReaderTest, DecodeRejectsEmptyAndBinary) {
  struct Case {
    const char* file;
    const char* message_part;
  } cases[] = {
      {"empty.txt", "empty"},
      {"one_byte.txt", "empty"},
      {"whitespace_only.txt", "empty"},
      {"nul_filled.txt", "NUL"},
      {"binary_controls.txt", "control"},
  };
  for (const Case& c : cases) {
    std::string note;
    Result<std::string> text = DecodeText(ReadFile(kBad + c.file), &note);
    ASSERT_FALSE(text.ok()) << c.file;
    EXPECT_TRUE(text.status().IsInvalidArgument()) << c.file;
    EXPECT_NE(text.status().message().find(c.message_part), std::string::npos)
        << c.file << ": " << text.status().message();
  }
  std::string note;
  EXPECT_FALSE(DecodeText(std::string("\xff\xfe\0\0", 4), &note).ok());  // UTF-16 NUL
}

TEST(ReaderTest, DecodeInlineCases) {
  struct Case {
    std::string in;
    std::string out;
    bool noted;
  } cases[] = {
      {"a\r\nb\rc\n", "a\nb\nc\n", false},
      {"\xEF\xBB\xBFПривет", "Привет", false},
      {"Привет, мир", "Привет, мир", false},
      // A cut-off last character is repaired, not re-decoded as a code page.
      {"Привет, мир и все-все\xD0", "Привет, мир и все-все\uFFFD", true},
  };
  for (const Case& c : cases) {
    std::string note;
    Result<std::string> text = DecodeText(c.in, &note);
    ASSERT_TRUE(text.ok()) << c.in;
    EXPECT_EQ(*text, c.out);
    EXPECT_EQ(!note.empty(), c.noted) << note;
  }
  std::string note;
  Article a = ReadSeed(kBad + "truncated_utf8.txt", &note);
  EXPECT_NE(note.find("replaced"), std::string::npos) << note;
  EXPECT_EQ(a.date, "2026-02-08");
}

TEST(ReaderTest, JsonLines) {
  Article a;
  std::string warning;
  ASSERT_TRUE(ParseJsonArticle(
                  R"({"id": "ria-1", "title": "Экспортёр года", "text": "МОСКВА, 8 фев - РИА.",)"
                  R"( "date": "2026-02-08", "source": "РИА Новости", "url": "https://ria.ru/1",)"
                  R"( "extra": [1, {"x": 2}]})",
                  &a, &warning)
                  .ok());
  EXPECT_EQ(a.id, "ria-1");
  EXPECT_EQ(a.title, "Экспортёр года");
  EXPECT_EQ(a.text, "МОСКВА, 8 фев - РИА.");
  EXPECT_EQ(a.date, "2026-02-08");
  EXPECT_EQ(a.date_source, DateSource::kField);
  EXPECT_EQ(a.source, "РИА Новости");
  EXPECT_EQ(a.url, "https://ria.ru/1");
  EXPECT_EQ(warning, "");

  // Fields from an earlier line never leak into the next article.
  ASSERT_TRUE(ParseJsonArticle(R"({"id": 42, "text": "Т\nекст", "title": null, "date": null})", &a,
                               &warning)
                  .ok());
  EXPECT_EQ(a.id, "42");
  EXPECT_EQ(a.text, "Т\nекст");
  EXPECT_EQ(a.title, "");
  EXPECT_EQ(a.date, "");
  EXPECT_EQ(a.date_source, DateSource::kNone);
  EXPECT_EQ(a.source, "");
  EXPECT_EQ(a.url, "");

  ASSERT_TRUE(ParseJsonArticle(R"({"id": "t", "text": "x", "date": "2023-10-20T09:20:00+03:00"})",
                               &a, &warning)
                  .ok());
  EXPECT_EQ(a.date, "2023-10-20");

  ASSERT_TRUE(
      ParseJsonArticle(R"({"id": "t", "text": "x", "date": "2026-02-30"})", &a, &warning).ok());
  EXPECT_EQ(a.date, "");
  EXPECT_NE(warning.find("2026-02-30"), std::string::npos) << warning;

  ASSERT_TRUE(ParseJsonArticle(R"({"id": "t", "text": "x", "date": 20260208})", &a, &warning).ok());
  EXPECT_EQ(a.date, "");
  EXPECT_FALSE(warning.empty());
}

TEST(ReaderTest, JsonUrlRunTogetherWithItsSitesAddressIsRepaired) {
  const std::pair<const char*, const char*> cases[] = {
      {"https://russian.rt.comhttps://russian.rt.com/world/article/481007-tramp",
       "https://russian.rt.com/world/article/481007-tramp"},
      {"https://a.examplehttp://b.example/x?y=1", "http://b.example/x?y=1"},
      {"http://a.examplehttps://a.examplehttps://a.example/x", "https://a.example/x"},
      // Kept: an address inside the path or the query, a port, no path.
      {"https://t.example/go?u=https://b.example/x", "https://t.example/go?u=https://b.example/x"},
      {"https://a.example/https://b.example/", "https://a.example/https://b.example/"},
      {"https://a.example:8080//x", "https://a.example:8080//x"},
      {"https://a.example", "https://a.example"},
      {"https:", "https:"},
      {"", ""},
  };
  for (const auto& [given, kept] : cases) {
    Article a;
    std::string warning;
    const std::string line =
        R"({"id": "a", "text": "Текст", "url": ")" + std::string(given) + R"("})";
    ASSERT_TRUE(ParseJsonArticle(line, &a, &warning).ok()) << given;
    EXPECT_EQ(a.url, kept) << given;
    EXPECT_EQ(warning, "") << given;
  }
}

TEST(ReaderTest, JsonLinesRejected) {
  struct Case {
    std::string line;
    const char* message_part;
  } cases[] = {
      {R"({"id": "b", "text": "не закрыта})", "broken JSON"},
      {R"({"id": "b", "text": "обрыв)", "broken JSON"},
      {"", "broken JSON"},
      {"{}", "no \"id\""},
      {R"({"text": "нет id"})", "no \"id\""},
      {R"({"id": null, "text": "x"})", "no \"id\""},
      {R"({"id": "", "text": "x"})", "empty \"id\""},
      {R"({"id": 1.5, "text": "x"})", "not a string or integer"},
      {R"({"id": "b"})", "no \"text\""},
      {R"({"id": "b", "text": ""})", "no \"text\""},
      {R"({"id": "b", "text": 5})", "not a string"},
      {R"({"id": "b", "text": "x", "title": 5})", "\"title\""},
      {R"({"id": "b", "text": "x", "url": ["u"]})", "\"url\""},
      {R"("просто строка")", "not an object"},
      {"[1, 2]", "not an object"},
      {std::string(10000, '[') + std::string(10000, ']'), "nested deeper"},
      {std::string(100, '{'), "nested deeper"},
      {"{\"id\": \"b\", \"text\": \"\xff\"}", "broken JSON"},
  };
  for (const Case& c : cases) {
    Article a;
    std::string warning;
    Status s = ParseJsonArticle(c.line, &a, &warning);
    ASSERT_FALSE(s.ok()) << c.line.substr(0, 60);
    EXPECT_TRUE(s.IsInvalidArgument());
    EXPECT_NE(s.message().find(c.message_part), std::string::npos)
        << c.line.substr(0, 60) << " → " << s.message();
    EXPECT_LT(s.message().size(), 250u);
  }
}

TEST(ReaderTest, JsonErrorMessagesAreShortAndPointAtTheColumn) {
  Article a;
  std::string warning;
  Status s = ParseJsonArticle(R"({"id": "b", "text": "x",, "title": "y"})", &a, &warning);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("column 25"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("json.exception"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("line 1"), std::string::npos) << s.message();
  // A long token in the message is cut, at a character boundary.
  std::string long_line = R"({"id": "b", "text": ")" + std::string(3000, 'x');
  for (int i = 0; i < 1000; ++i) long_line += "ж";
  s = ParseJsonArticle(long_line, &a, &warning);
  ASSERT_FALSE(s.ok());
  EXPECT_LT(s.message().size(), 250u);
  Result<std::string> valid = DecodeText(s.message(), &warning);
  ASSERT_TRUE(valid.ok());
  EXPECT_EQ(*valid, s.message());  // still valid UTF-8
}

TEST(ReaderTest, MixedJsonLinesFile) {
  std::istringstream in(ReadFile(kBad + "mixed.jsonl"));
  std::string line;
  std::vector<std::string> ids;
  int errors = 0, warnings = 0;
  while (std::getline(in, line)) {
    Article a;
    std::string warning;
    if (ParseJsonArticle(line, &a, &warning).ok()) {
      ids.push_back(a.id);
    } else {
      ++errors;
    }
    warnings += !warning.empty();
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"good-1", "datetime-1", "impossible-1", "12345"}));
  EXPECT_EQ(errors, 8);
  EXPECT_EQ(warnings, 1);
}

// The fast JSON path must read every line as the full parser does. A leading
// array-valued field (ignored by both) forces a line onto the full parser.
void ExpectSameAsFullParser(const std::string& line) {
  size_t brace = line.find('{');
  ASSERT_NE(brace, std::string::npos) << line;
  size_t next = line.find_first_not_of(' ', brace + 1);
  bool empty = next != std::string::npos && line[next] == '}';
  std::string forced = line.substr(0, brace) + (empty ? "{\"zz\": [1]" : "{\"zz\": [1],") +
                       line.substr(brace + 1);
  Article a, b;
  std::string wa, wb;
  Status sa = ParseJsonArticle(line, &a, &wa);
  Status sb = ParseJsonArticle(forced, &b, &wb);
  EXPECT_EQ(sa.ok(), sb.ok()) << line;
  if (!sa.ok() || !sb.ok()) return;
  EXPECT_EQ(a.id, b.id) << line;
  EXPECT_EQ(a.text, b.text) << line;
  EXPECT_EQ(a.title, b.title) << line;
  EXPECT_EQ(a.source, b.source) << line;
  EXPECT_EQ(a.url, b.url) << line;
  EXPECT_EQ(a.date, b.date) << line;
  EXPECT_EQ(a.date_source, b.date_source) << line;
  EXPECT_EQ(wa, wb) << line;
}

TEST(ReaderTest, FastJsonPathReadsAsTheFullParser) {
  const std::vector<std::string> lines = {
      R"({"id": "a", "text": "Текст"})",
      R"(  {"id":"a","text":"Текст","title":"Заголовок","source":"РИА","url":"http://x/y"}  )",
      R"({"id": "a", "text": "Текст", "title": null, "date": null})",
      R"({"id": "a", "text": "Текст", "date": "2023-10-20T09:20:00+03:00"})",
      R"({"id": "a", "text": "Текст", "date": "2026-02-30"})",
      R"({"id": "a", "text": "Текст", "date": ""})",
      R"({"id": "a", "text": "Текст", "date": 5})",
      R"({"id": "a", "text": "esc \" \\ \/ \b \f \n \r \t \u0416 \u00e9 \ud83d\ude00 end"})",
      R"({"id": "a", "text": "lone \ud83d surrogate"})",
      R"({"id": "a", "text": "bad \x escape"})",
      R"({"id": "a", "text": "Текст", "views": 12, "score": -0.5, "ok": true, "no": false})",
      R"({"id": "a", "text": "Текст", "big": 1e400})",
      R"({"id": "a", "text": "Текст", "lead": 012})",
      R"({"id": "a", "text": "Текст", "id": "b"})",
      R"({"id": 12345, "text": "Числовой идентификатор."})",
      R"({"id": "  ", "text": "Текст"})",
      R"({"id": "a", "text": "   "})",
      R"({"id": "a", "text": "Текст", "title": 5})",
      R"({"id": "a", "text": "Текст"} trailing)",
      R"({"id": "a", "text": "Текст",})",
      R"({"id": "a" "text": "Текст"})",
      R"({"id": "a", "text": "не закрыта кавычка})",
      R"({"text": "нет идентификатора"})",
      R"({})",
      "{\"id\": \"a\", \"text\": \"raw \t tab\"}",
  };
  for (const std::string& line : lines) ExpectSameAsFullParser(line);
  // And every line of the bad-input sample that is an object.
  std::istringstream in(ReadFile(kBad + "mixed.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '{') ExpectSameAsFullParser(line);
  }
}

TEST(ReaderTest, ListInputsWalksTree) {
  const std::string tree = kSource + "/tests/data/tree";
  std::vector<std::string> warnings;
  bool complete = false;
  std::vector<InputFile> files = ListInputs({tree}, &warnings, &complete);
  EXPECT_TRUE(complete);
  EXPECT_TRUE(warnings.empty());
  // Sorted by path; notes.md and .hidden.txt ignored; the symlink loop not followed.
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].id_base, "2024/b");
  EXPECT_EQ(files[0].format, InputFile::Format::kSeed);
  EXPECT_EQ(files[1].id_base, "2024/sub/c");
  EXPECT_EQ(files[1].format, InputFile::Format::kJsonLines);
  EXPECT_EQ(files[2].id_base, "UPPER");
  EXPECT_EQ(files[3].id_base, "a");
  EXPECT_EQ(files[3].path, tree + "/a.txt");
  for (const InputFile& f : files) {
    EXPECT_GT(f.size, 0u) << f.path;
    EXPECT_GT(f.mtime_ns, 0) << f.path;
  }
}

TEST(ReaderTest, ListInputsCorpusAndFiles) {
  std::vector<std::string> warnings;
  bool complete = false;
  std::vector<InputFile> files = ListInputs({kSource + "/corpus"}, &warnings, &complete);
  EXPECT_TRUE(complete);
  ASSERT_EQ(files.size(), 5u);  // FORMAT.md is not an input
  EXPECT_EQ(files[0].id_base, "000_79f07d462ba013fb");
  EXPECT_EQ(files[4].id_base, "004_a95601593f415e8e");

  // A PATH that is a file: its name without .txt, whatever the directory.
  files = ListInputs({kSource + "/corpus/001_037b14092a5c3520.txt", kBad + "mixed.jsonl",
                      kSource + "/corpus/FORMAT.md"},
                     &warnings, &complete);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].id_base, "001_037b14092a5c3520");
  EXPECT_EQ(files[0].format, InputFile::Format::kSeed);
  EXPECT_EQ(files[1].id_base, "FORMAT.md");
  EXPECT_EQ(files[2].format, InputFile::Format::kJsonLines);
}

TEST(ReaderTest, ListInputsReportsProblems) {
  std::vector<std::string> warnings;
  bool complete = true;
  std::vector<InputFile> files =
      ListInputs({kSource + "/corpus", "/nonexistent/pressa/path"}, &warnings, &complete);
  EXPECT_FALSE(complete);
  EXPECT_EQ(files.size(), 5u);  // the rest is still listed
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("/nonexistent/pressa/path"), std::string::npos) << warnings[0];

  if (geteuid() == 0) GTEST_SKIP() << "root reads unreadable directories";
  namespace fs = std::filesystem;
  fs::path tmp = fs::temp_directory_path() / ("pressa_reader_test_" + std::to_string(getpid()));
  fs::create_directories(tmp / "locked");
  std::ofstream(tmp / "ok.txt") << "Текст\n";
  std::ofstream(tmp / "locked" / "hidden.txt") << "Текст\n";
  ::chmod((tmp / "locked").c_str(), 0);
  warnings.clear();
  files = ListInputs({tmp.string()}, &warnings, &complete);
  ::chmod((tmp / "locked").c_str(), 0755);
  fs::remove_all(tmp);
  EXPECT_FALSE(complete);
  EXPECT_EQ(files.size(), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("locked"), std::string::npos) << warnings[0];
}

// One file reached twice (overlapping PATHs, a symlinked folder, a symlinked
// or hard-linked file) is listed once, as the first PATH lists it, with one
// warning per pair of PATHs; the same name twice is no news.
TEST(ReaderTest, ListInputsTakesAFileListedTwiceOnce) {
  namespace fs = std::filesystem;
  fs::path tmp = fs::temp_directory_path() / ("pressa_reader_twice_" + std::to_string(getpid()));
  fs::create_directories(tmp / "src" / "2024");
  std::ofstream(tmp / "src" / "a.txt") << "Текст\n";
  std::ofstream(tmp / "src" / "2024" / "b.txt") << "Текст\n";
  std::ofstream(tmp / "src" / "2024" / "c.jsonl") << "{}\n";
  fs::create_directory_symlink(tmp / "src", tmp / "link");
  const std::string src = (tmp / "src").string();

  const std::string link = (tmp / "link").string();
  std::vector<std::string> warnings;
  bool complete = false;
  // src/2024 first: its files keep their ids there ("b", not "2024/b").
  std::vector<InputFile> files = ListInputs({src + "/2024", src}, &warnings, &complete);
  EXPECT_TRUE(complete);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, src + "/2024/b.txt");
  EXPECT_EQ(files[0].id_base, "b");
  EXPECT_EQ(files[1].path, src + "/2024/c.jsonl");
  EXPECT_EQ(files[1].id_base, "c");
  EXPECT_EQ(files[2].path, src + "/a.txt");
  EXPECT_EQ(files[2].id_base, "a");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "Input " + src + " lists 2 file(s) that " + src +
                             "/2024 lists too (e.g. " + src + "/2024/b.txt); each is indexed "
                             "once, as " + src + "/2024 lists it.");

  // Through a symlinked folder; src again and src/ name nothing new.
  warnings.clear();
  files = ListInputs({src, link, src, src + "/"}, &warnings, &complete);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].path, src + "/2024/b.txt");
  EXPECT_EQ(files[0].id_base, "2024/b");
  EXPECT_EQ(files[2].path, src + "/a.txt");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "Input " + link + " lists 3 file(s) that " + src + " lists too (e.g. " +
                             link + "/2024/b.txt is " + src +
                             "/2024/b.txt); each is indexed once, as " + src + " lists it.");

  // Within one PATH: a symlinked file and a hard link are the file they name.
  fs::create_symlink(tmp / "src" / "a.txt", tmp / "src" / "z-link.txt");
  fs::create_hard_link(tmp / "src" / "2024" / "b.txt", tmp / "src" / "b-hard.txt");
  warnings.clear();
  files = ListInputs({src}, &warnings, &complete);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].id_base, "2024/b");  // "2024/b.txt" sorts before "b-hard.txt"
  EXPECT_EQ(files[1].id_base, "2024/c");
  EXPECT_EQ(files[2].id_base, "a");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "Input " + src +
                             " lists 2 file(s) again under another name, through a symlink or "
                             "a hard link (e.g. " +
                             src + "/b-hard.txt is " + src +
                             "/2024/b.txt); each is indexed once, by its first name.");

  // Files from find(1) beside their folder: the same names say nothing new;
  // named otherwise, the first overlaps are told one by one, the rest summed up.
  std::vector<std::string> paths = {src};
  for (int i = 0; i < 7; ++i) {
    std::ofstream(src + "/f" + std::to_string(i) + ".txt") << "Текст\n";
    paths.push_back(src + "/f" + std::to_string(i) + ".txt");
  }
  warnings.clear();
  files = ListInputs(paths, &warnings, &complete);
  EXPECT_EQ(files.size(), 10u);
  EXPECT_EQ(warnings.size(), 1u);  // the symlink and the hard link above
  for (int i = 0; i < 7; ++i) paths[i + 1] = link + "/f" + std::to_string(i) + ".txt";
  warnings.clear();
  files = ListInputs(paths, &warnings, &complete);
  EXPECT_EQ(files.size(), 10u);
  ASSERT_EQ(warnings.size(), 6u);
  EXPECT_EQ(warnings[1], "Input " + link + "/f0.txt lists 1 file(s) that " + src +
                             " lists too (e.g. " + link + "/f0.txt is " + src +
                             "/f0.txt); each is indexed once, as " + src + " lists it.");
  EXPECT_EQ(warnings[5],
            "And 3 more overlap(s) of the inputs given: 3 more file(s) listed twice, each "
            "indexed once, as first listed.");
  fs::remove_all(tmp);
}

// AddToTextCheck's word-at-a-time paths against a plain byte loop, on text
// mixing ASCII, Cyrillic, control bytes, DEL, NBSP and broken sequences at
// every alignment.
TEST(TextCheckTest, CountsAsAByteLoopDoes) {
  const std::vector<std::string> pieces = {
      "a", " ", "\n", "\t", "\x01", "\x7f", "\x1f", "\xc2\xa0", "Ж", "ж", "ё", "€", "😀",
      "\xd0", "\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xff",
      "{\"id\": \"1\", \"text\": \"", "Россия, Москва. ", std::string(1, '\0')};
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int n = static_cast<int>(next() % 40);
    for (int k = 0; k < n; ++k) text += pieces[(next() >> 8) % pieces.size()];
    TextCheck check;
    AddToTextCheck(text, true, &check);
    uint64_t controls = 0, invalid = 0;
    bool content = false;
    for (size_t i = 0; i < text.size();) {
      const size_t start = i;
      const char32_t c = utf8::Next(text, &i);
      if (c == utf8::kReplacement && i - start == 1) ++invalid;
    }
    for (unsigned char c : text) {
      controls += (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ||
                  c == 0x7F;
      content |= c != ' ' && (c < '\t' || c > '\r') && c != 0xC2 && c != 0xA0;
    }
    EXPECT_EQ(check.controls, controls) << round;
    EXPECT_EQ(check.invalid_utf8, invalid) << round;
    EXPECT_EQ(check.content, content) << round;
    EXPECT_EQ(check.nul, text.find('\0') != std::string::npos);
    EXPECT_EQ(check.bytes, text.size());
  }
}

}  // namespace
}  // namespace pressa

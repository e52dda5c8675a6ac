// Tests of the text-analysis pipeline: normalization, segmentation, compounds,
// acronyms, stopwords, stemming, byte offsets and bad input.
#include "stemmers/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "core/schema.h"

namespace pressa {
namespace {

using Kind = Token::Kind;

class AnalyzerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = Analyzer::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    analyzer_ = std::move(created).value();
  }

  std::vector<Token> Tokens(std::string_view text, unsigned first = 0) {
    std::vector<Token> tokens;
    analyzer_->Analyze(text, &tokens, first);
    return tokens;
  }

  // The index terms of the words (compounds left out), stopwords skipped.
  std::vector<std::string> Terms(std::string_view text) {
    std::vector<std::string> terms;
    for (const Token& t : Tokens(text)) {
      if (t.kind != Kind::kCompound && !t.stopword) terms.push_back(t.term);
    }
    return terms;
  }

  // Every term, compounds included, as "position:term" (stopwords as "-").
  std::vector<std::string> Layout(std::string_view text) {
    std::vector<std::string> out;
    for (const Token& t : Tokens(text)) {
      out.push_back(std::to_string(t.position) + ":" +
                    (t.stopword ? std::string("-") : t.term));
    }
    return out;
  }

  std::unique_ptr<Analyzer> analyzer_;
};

std::string Acr(std::string_view lower) {
  return std::string(schema::kPrefixAcronym) + std::string(lower);
}

TEST_F(AnalyzerTest, WordFormsMeet) {
  struct Case {
    const char* a;
    const char* b;
  };
  const Case cases[] = {
      {"экспортёров", "экспортер"},
      {"экспортёры", "Экспортёр"},
      {"Смоленской области", "смоленская область"},
      {"Беларуси", "Беларусь"},
      {"Беларусью", "беларусь"},
      {"Руси", "Русь"},
      {"Анохина", "Анохин"},
      {"Анохину", "анохин"},
      {"АНОХИНЫМ", "Анохин"},
      {"поддержки", "поддержка"},
      {"поддержку", "поддержкой"},
      {"Экспортёр года", "экспортер годом"},
      {"предприятия", "предприятие"},
      {"предприятиями", "предприятий"},
      {"губернатора", "губернатор"},
      {"губернатором", "губернаторы"},
      {"регионов", "регион"},
      {"регионе", "регионами"},
      {"новости", "новость"},
      {"выставки", "выставка"},
      {"выставке", "выставками"},
      {"компании", "компания"},
      {"компаниями", "компаний"},
      {"товаров", "товар"},
      {"производителей", "производитель"},
      {"производителя", "производители"},
      {"Смоленска", "Смоленск"},
      {"Смоленске", "Смоленском"},
      {"Москвы", "Москва"},
      {"Москве", "москву"},
      {"России", "Россия"},
      {"Российской Федерации", "российская федерация"},
      {"центра", "центр"},
      {"экспорта", "экспорт"},
      {"экспортом", "экспорту"},
      {"продукции", "продукция"},
      {"рынка", "рынки"},
      {"президента", "президент"},
      {"министерства", "министерство"},
      {"договора", "договор"},
      {"соглашения", "соглашение"},
      {"инвестиций", "инвестиция"},
      {"проектов", "проектами"},
      {"заводе", "завод"},
      {"вагоноремонтного", "вагоноремонтный"},
      {"ВАГОНОРЕМОНТНЫЙ", "вагоноремонтному"},  // shouted, not an acronym
      {"Петербурга", "Петербург"},
      {"Санкт-Петербурга", "Санкт-Петербург"},
      {"Северо-Западного", "северо-западный"},
      {"предпринимателей-экспортёров", "предприниматель-экспортер"},
      {"городов", "город"},
      {"жителей", "жители"},
      // ё and е meet.
      {"ёлки", "елка"},
      {"Пётр", "Петр"},
      {"берёзы", "береза"},
      {"учёта", "учет"},
      {"счёт", "счет"},
      {"лётчики", "летчик"},
      // Look-alikes and case.
      {"Рoссии", "России"},  // Latin o
      {"ПОДДЕРЖКИ", "поддержка"},
      // Acronyms with a case ending.
      {"МАЗа", "МАЗ"},
      {"ВУЗов", "ВУЗ"},
      {"РЭЦом", "РЭЦ"},
      {"ГАЗПРОМа", "Газпрома"},
      {"КАМАЗом", "камазом"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> a = Terms(c.a), b = Terms(c.b);
    EXPECT_FALSE(a.empty()) << c.a;
    EXPECT_EQ(a, b) << c.a << " / " << c.b;
  }
}

TEST_F(AnalyzerTest, DistinctWordsDoNotMeet) {
  struct Case {
    const char* a;
    const char* b;
  };
  const Case cases[] = {
      // Short words that Snowball must keep apart.
      {"сон", "сын"}, {"лес", "лис"}, {"мост", "место"}, {"кот", "кит"},
      {"дом", "дым"}, {"год", "гид"}, {"рак", "рука"}, {"сила", "село"},
      {"нос", "нож"}, {"вор", "вера"}, {"мир", "мера"}, {"пол", "пыл"},
      {"рост", "роса"}, {"край", "крайне"}, {"йод", "иод"}, {"вид", "вода"},
      // Acronyms are not the ordinary words they spell.
      {"МАЗ", "мазь"}, {"ГАЗ", "газ"}, {"ВОЗ", "воз"}, {"МИР", "мир"},
      {"РЭЦ", "рэц"}, {"ЦУМ", "ум"}, {"СМИ", "сми"},
  };
  for (const Case& c : cases) {
    EXPECT_NE(Terms(c.a), Terms(c.b)) << c.a << " / " << c.b;
  }
}

TEST_F(AnalyzerTest, Normalization) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"Рoссия", "россия"},          // Latin o inside a Cyrillic word
      {"PEKA Mосква", "peka москва"}, // all-Latin stays Latin
      {"SMSка", "smsка"},            // S has no look-alike: left alone
      {"Ёлка ёж ЁЖ", "елка еж еж"},
      {"йод Йошкар-Ола", "йод йошкар-ола"},  // й is kept
      {"ＡＢＣ １２３", "abc 123"},   // NFKC full-width
      {"ﬁнал", "fiнал"},               // NFKC ligature (mixed script: kept)
      {"Straße", "strasse"},         // full case folding
      {"за́мок", "замок"},            // stress mark dropped
      {"пред\u00ADприятие", "предприятие"},  // soft hyphen
      {"", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(analyzer_->Normalize(c.in), c.out) << c.in;
  }
}

TEST_F(AnalyzerTest, TokenNormMatchesNormalize) {
  // The inline fast path and ICU must agree.
  for (const char* w : {"Москва", "ЁЛКА", "Hello", "Рoссия", "ＡＢＣ", "ёж",
                        "Straße", "за́мок", "Ɐx", "İstanbul", "ΣΊΣΥΦΟΣ"}) {
    std::vector<Token> t = Tokens(w);
    ASSERT_EQ(t.size(), 1u) << w;
    EXPECT_EQ(t[0].norm, analyzer_->Normalize(w)) << w;
  }
}

TEST_F(AnalyzerTest, Acronyms) {
  struct Case {
    const char* word;
    Kind kind;
    std::string term;
  };
  const Case cases[] = {
      {"РЭЦ", Kind::kAcronym, Acr("рэц")},
      {"ЦПЭ", Kind::kAcronym, Acr("цпэ")},
      {"МАЗ", Kind::kAcronym, Acr("маз")},
      {"ООО", Kind::kAcronym, Acr("ооо")},
      {"ЦФО", Kind::kAcronym, Acr("цфо")},
      {"СМИ", Kind::kAcronym, Acr("сми")},
      {"ГИБДД", Kind::kAcronym, Acr("гибдд")},
      {"ЦСКА", Kind::kAcronym, Acr("цска")},
      {"РАНХиГС", Kind::kAcronym, Acr("ранхигс")},
      {"СмолГУ", Kind::kAcronym, Acr("смолгу")},
      {"МАЗом", Kind::kAcronym, Acr("маз")},
      {"ВКонтакте", Kind::kAcronym, Acr("вконтакте")},
      {"ГАЗПРОМа", Kind::kWord, "газпром"},      // shouted word + ending
      {"КАМАЗом", Kind::kWord, "камаз"},
      {"BBC", Kind::kAcronym, Acr("bbc")},
      {"СМОЛЕНСКАЯ", Kind::kWord, "смоленск"},  // shouting, not an acronym
      {"МОСКВА", Kind::kWord, "москв"},
      {"Москва", Kind::kWord, "москв"},
      {"В", Kind::kWord, ""},                    // an initial: a stopword here
      {"Ф", Kind::kWord, "ф"},                   // an initial
      {"YouTube", Kind::kWord, "youtub"},        // Latin brands: words
  };
  for (const Case& c : cases) {
    std::vector<Token> t = Tokens(c.word);
    ASSERT_EQ(t.size(), 1u) << c.word;
    EXPECT_EQ(t[0].kind, c.kind) << c.word;
    EXPECT_EQ(t[0].term, c.term) << c.word;
  }
}

TEST_F(AnalyzerTest, HyphenCompounds) {
  std::vector<Token> t = Tokens("в Санкт-Петербурге");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_TRUE(t[0].stopword);
  EXPECT_EQ(t[1].kind, Kind::kCompound);
  EXPECT_EQ(t[1].term, analyzer_->Stem("санкт-петербурге"));
  EXPECT_EQ(t[1].surface, "Санкт-Петербурге");
  EXPECT_EQ(t[1].norm, "санкт-петербурге");
  EXPECT_EQ(t[1].position, 1u);
  EXPECT_EQ(t[2].kind, Kind::kWord);
  EXPECT_EQ(t[2].surface, "Санкт");
  EXPECT_EQ(t[2].position, 1u);
  EXPECT_EQ(t[3].surface, "Петербурге");
  EXPECT_EQ(t[3].position, 2u);

  EXPECT_EQ(Layout("северо-запад"),
            (std::vector<std::string>{"0:северо-запад", "0:север", "1:запад"}));
  // U+2010 and U+2011 join like '-'; the norm uses '-'.
  EXPECT_EQ(Tokens("северо\u2010запад")[0].norm, "северо-запад");
  EXPECT_EQ(Tokens("северо\u2011запад")[0].norm, "северо-запад");
  // Three parts; a stopword part keeps its position.
  EXPECT_EQ(Layout("Ростов-на-Дону"),
            (std::vector<std::string>{"0:ростов-на-дон", "0:рост", "1:-",
                                      "2:дон"}));
  // Dashes and spaced hyphens separate.
  for (const char* s : {"север – запад", "север — запад", "север - запад",
                        "север--запад"}) {
    EXPECT_EQ(Layout(s), (std::vector<std::string>{"0:север", "1:запад"})) << s;
  }
  // Number ranges are not compounds; a letter part makes one.
  EXPECT_EQ(Layout("2025-2026"),
            (std::vector<std::string>{"0:2025", "1:2026"}));
  EXPECT_EQ(Tokens("Су-57")[0].kind, Kind::kCompound);
  // A compound of stopwords is a stopword.
  for (const Token& tok : Tokens("из-за что-то")) {
    EXPECT_TRUE(tok.stopword) << tok.surface;
  }
}

TEST_F(AnalyzerTest, Numbers) {
  EXPECT_EQ(Layout("294 2025"), (std::vector<std::string>{"0:294", "1:2025"}));
  EXPECT_EQ(Tokens("294")[0].kind, Kind::kNumber);
  EXPECT_EQ(Layout("3,5"), (std::vector<std::string>{"0:3", "1:5"}));
  EXPECT_EQ(Layout("100%"), (std::vector<std::string>{"0:100"}));
  EXPECT_EQ(Layout("１２"), (std::vector<std::string>{"0:12"}));
  EXPECT_EQ(Layout("10.02.2026"),
            (std::vector<std::string>{"0:10", "1:02", "2:2026"}));
}

TEST_F(AnalyzerTest, QuotesNeverStick) {
  const char* texts[] = {
      "«Экспортёр»", "“Экспортёр”", "„Экспортёр“", "\"Экспортёр\"",
      "'Экспортёр'", "Экспортёр…", "(Экспортёр)", "‹Экспортёр›",
  };
  for (const char* text : texts) {
    std::vector<Token> t = Tokens(text);
    ASSERT_EQ(t.size(), 1u) << text;
    EXPECT_EQ(t[0].surface, "Экспортёр") << text;
    EXPECT_EQ(t[0].term, "экспортер") << text;
  }
  // Apostrophes split a word rather than join a term.
  EXPECT_EQ(Layout("Кот-д’Ивуар"),
            (std::vector<std::string>{"0:кот-д", "0:кот", "1:д", "2:ивуар"}));
  EXPECT_EQ(Layout("don't"), (std::vector<std::string>{"0:don", "1:t"}));
}

TEST_F(AnalyzerTest, Stopwords) {
  for (const char* w : {"и", "в", "на", "не", "что", "ее", "все", "еще",
                        "который", "из-за", "было"}) {
    EXPECT_TRUE(Analyzer::IsStopword(w)) << w;
  }
  for (const char* w : {"год", "два", "три", "россия", "экспорт", "много",
                        "больше", "её", ""}) {
    EXPECT_FALSE(Analyzer::IsStopword(w)) << w;
  }
  // Stopwords keep their positions and have no term; ё-forms are folded.
  std::vector<Token> t = Tokens("Экспорт и её рост ещё", 10);
  ASSERT_EQ(t.size(), 5u);
  const bool stop[] = {false, true, true, false, true};
  for (size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(t[i].position, 10 + i);
    EXPECT_EQ(t[i].stopword, stop[i]) << t[i].surface;
    EXPECT_EQ(t[i].term.empty(), stop[i]) << t[i].surface;
  }
}

TEST_F(AnalyzerTest, PositionsAndReturnValue) {
  std::vector<Token> tokens;
  unsigned next = analyzer_->Analyze("Экспорт растёт.", &tokens, 5);
  EXPECT_EQ(next, 7u);
  next = analyzer_->Analyze("Санкт-Петербург и Москва", &tokens, next);
  EXPECT_EQ(next, 11u);  // compound shares position 7
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens.back().position, 10u);
  EXPECT_EQ(analyzer_->Analyze("", &tokens, 42), 42u);
  EXPECT_EQ(analyzer_->Analyze(" ,.— «» ", &tokens, 3), 3u);
  EXPECT_EQ(tokens.size(), 7u);
}

TEST_F(AnalyzerTest, ByteOffsetsPointAtSurface) {
  const std::string text =
      "МОСКВА, 8 фев — РИА Новости. «Экспортёр года» в Санкт-Петербурге: "
      "3,5% роста, ＡＢＣ, Рoссия, за́мок, don't…\n\tСмолГУ и РЭЦ.";
  std::vector<Token> tokens = Tokens(text);
  ASSERT_GT(tokens.size(), 20u);
  for (const Token& t : tokens) {
    ASSERT_LE(t.byte_end, text.size());
    ASSERT_LT(t.byte_start, t.byte_end);
    EXPECT_EQ(text.substr(t.byte_start, t.byte_end - t.byte_start), t.surface);
  }
}

TEST_F(AnalyzerTest, InvalidUtf8NeverCrashes) {
  const std::string inputs[] = {
      std::string("\xFF\xFE\xFD"),
      std::string("Экспорт\xD0"),                // truncated sequence
      std::string("Экс\xC0\xAFпорт"),            // overlong
      std::string("\xED\xA0\x80 слово"),        // surrogate
      std::string("a\0b", 3),                    // NUL inside
      std::string("\xE2\x80"),                   // truncated hyphen
      std::string("север-\xFF"),
  };
  for (const std::string& in : inputs) {
    std::vector<Token> tokens = Tokens(in);
    for (const Token& t : tokens) {
      EXPECT_EQ(in.substr(t.byte_start, t.byte_end - t.byte_start), t.surface);
      EXPECT_EQ(t.surface.find('\xFF'), std::string::npos);
    }
    (void)analyzer_->Normalize(in);
  }
  EXPECT_EQ(Layout("Экс\xFFпорт"), (std::vector<std::string>{"0:экс", "1:порт"}));
  EXPECT_EQ(Layout("Экспорт\xD0"), (std::vector<std::string>{"0:экспорт"}));
}

TEST_F(AnalyzerTest, InlineScanMatchesIcu) {
  // Text in Latin and Cyrillic is scanned inline; one character of another
  // script (an ideographic space, no token) sends the same text through ICU's
  // word break iterator. Both must give the same tokens.
  const char* texts[] = {
      "МОСКВА, 8 фев — РИА Новости. «Экспортёр года» в Санкт-Петербурге",
      "3,5% 1.000.000 10:30 2025-2026 x86_64 foo_bar a·b ª1 µm 5G COVID-19",
      "пред\u00ADприятие из\u200Bза слово\u200B\u200B и\u200D. \u200Eтекст",
      "за́мок ч̶е̶р̶т \u0301слово don't О’Коннор д'Артаньян rt.com т.е. №5 €10",
      "Рoссия SMSка ＡＢＣ Straße İstanbul ΣΊΣΥΦΟΣ Ɐx ﬁнал",
      "северо\u2010запад северо\u2011запад север--запад -север- ‐x‑",
  };
  for (const char* text : texts) {
    std::vector<Token> inline_tokens = Tokens(text);
    std::vector<Token> icu_tokens = Tokens(std::string(text) + "\u3000");
    ASSERT_EQ(inline_tokens.size(), icu_tokens.size()) << text;
    for (size_t i = 0; i < inline_tokens.size(); ++i) {
      const Token& a = inline_tokens[i];
      const Token& b = icu_tokens[i];
      EXPECT_EQ(a.surface, b.surface) << text;
      EXPECT_EQ(a.term, b.term) << text;
      EXPECT_EQ(a.position, b.position) << text;
      EXPECT_EQ(a.byte_start, b.byte_start) << text;
    }
  }
}

TEST_F(AnalyzerTest, OtherScriptsUseIcuSegmentation) {
  // Chinese has no spaces: ICU's dictionary splits it into words.
  std::vector<Token> t = Tokens("我们在北京");
  EXPECT_GT(t.size(), 1u);
  for (const Token& tok : t) EXPECT_FALSE(tok.surface.empty());
}

TEST_F(AnalyzerTest, EmptyAndLongInput) {
  EXPECT_TRUE(Tokens("").empty());
  EXPECT_TRUE(Tokens("   \n\t ").empty());
  // A word too long for a Xapian term yields no token.
  std::string junk(600, 'x');
  EXPECT_TRUE(Tokens(junk).empty());
  EXPECT_EQ(Layout(junk + " слово"), (std::vector<std::string>{"0:слов"}));
}

TEST_F(AnalyzerTest, StemVariantsBridgeSnowballSplits) {
  // Every form of the word shares at least one term with the query word.
  struct Case {
    const char* query;
    std::vector<const char*> forms;
  };
  const Case cases[] = {
      {"лавров", {"Лавров", "Лаврова", "Лаврову", "Лавровым"}},
      {"лаврова", {"Лавров", "Лаврова", "Лавровым"}},
      {"королев", {"Королёв", "Королёва", "Королёвым"}},
      {"медведев", {"Медведев", "Медведева", "Медведеву"}},
      {"объем", {"объём", "объёма", "объёмы", "объемов"}},
      {"прием", {"приём", "приёма", "приёмом"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> variants = analyzer_->StemVariants(c.query);
    ASSERT_FALSE(variants.empty());
    EXPECT_EQ(variants[0], analyzer_->Stem(c.query));
    for (const char* form : c.forms) {
      std::vector<std::string> terms = Terms(form);
      ASSERT_EQ(terms.size(), 1u) << form;
      EXPECT_NE(std::find(variants.begin(), variants.end(), terms[0]),
                variants.end())
          << c.query << " / " << form;
    }
  }
  // Ordinary words get their stem alone.
  EXPECT_EQ(analyzer_->StemVariants("экспорт"),
            (std::vector<std::string>{"экспорт"}));
  EXPECT_EQ(analyzer_->StemVariants("2025"), (std::vector<std::string>{"2025"}));
}

TEST_F(AnalyzerTest, RandomInputKeepsInvariants) {
  // Deterministic pseudo-random mixes of words, marks, dashes and bad bytes.
  const std::string pieces[] = {
      "Экспорт", "ёж", "-", "\u2010", "—", " ", "«", "»", "3", ",", ".",
      "\u0301", "\u00AD", "\u200B", "\xFF", "\xD0", "\xE2\x80", "ＡＢ",
      "Рo", "ГИБДД", "'", "’", "中文", "a", "\n", "й", "МАЗа", "\u3000",
  };
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int n = next() % 12;
    for (int i = 0; i < n; ++i) text += pieces[next() % std::size(pieces)];
    std::vector<Token> tokens;
    unsigned end = analyzer_->Analyze(text, &tokens, 7);
    unsigned last = 7;
    for (const Token& t : tokens) {
      ASSERT_LE(t.byte_end, text.size()) << text;
      ASSERT_LT(t.byte_start, t.byte_end) << text;
      ASSERT_EQ(text.substr(t.byte_start, t.byte_end - t.byte_start), t.surface);
      ASSERT_GE(t.position, last) << text;
      ASSERT_LT(t.position, end) << text;
      ASSERT_EQ(t.term.empty(), t.stopword) << text;
      ASSERT_FALSE(t.norm.empty()) << text;
      last = t.position;
    }
    (void)analyzer_->Normalize(text);
  }
}

TEST_F(AnalyzerTest, StemIsSnowballAfterFolding) {
  EXPECT_EQ(analyzer_->Stem("экспортеров"), "экспортер");
  EXPECT_EQ(analyzer_->Stem("беларусь"), analyzer_->Stem("беларуси"));
  EXPECT_EQ(analyzer_->Stem("running"), "run");  // Latin: English Snowball
  EXPECT_EQ(analyzer_->Stem("2025"), "2025");
  EXPECT_EQ(analyzer_->Stem(""), "");
}

TEST_F(AnalyzerTest, StemCacheAnswersAsSnowballDoes) {
  // Each word twice: the second answer comes from the cache. Words whose stem
  // is no prefix of the word (English "y" -> "i"), words too long to cache,
  // and two words of the same length.
  const std::string long_word(70, 'a');
  const std::string cases[] = {"happy", "studies", "экспортеров", "беларусь", "лаврова",
                               "лаврову", long_word, long_word + "s", "2025", ""};
  for (int round = 0; round < 2; ++round) {
    for (const std::string& word : cases) {
      auto fresh = Analyzer::Create();
      ASSERT_TRUE(fresh.ok());
      EXPECT_EQ(analyzer_->Stem(word), (*fresh)->Stem(word)) << word;
    }
  }
  EXPECT_EQ(analyzer_->Stem("happy"), "happi");
}

TEST_F(AnalyzerTest, TokenListReusedEqualsVector) {
  // A long text, then a short one with fewer tokens of other kinds: every
  // field of a reused slot must be the new token's.
  const std::string texts[] = {
      "Российский экспортный центр (РЭЦ) и Санкт-Петербург: 2025 год, МАЗа и ВКонтакте.",
      "и 42 в-в",
      "Экспортёры — это не стоп-слово.",
  };
  TokenList list;
  for (const std::string& text : texts) {
    list.clear();
    std::vector<Token> expected;
    unsigned end_vector = analyzer_->Analyze(text, &expected, 3);
    unsigned end_list = analyzer_->Analyze(text, &list, 3);
    EXPECT_EQ(end_list, end_vector) << text;
    ASSERT_EQ(list.size(), expected.size()) << text;
    for (size_t i = 0; i < expected.size(); ++i) {
      const Token& a = list[i];
      const Token& b = expected[i];
      EXPECT_EQ(a.kind, b.kind) << text << " #" << i;
      EXPECT_EQ(a.surface, b.surface) << text << " #" << i;
      EXPECT_EQ(a.norm, b.norm) << text << " #" << i;
      EXPECT_EQ(a.term, b.term) << text << " #" << i;
      EXPECT_EQ(a.stopword, b.stopword) << text << " #" << i;
      EXPECT_EQ(a.byte_start, b.byte_start) << text << " #" << i;
      EXPECT_EQ(a.byte_end, b.byte_end) << text << " #" << i;
      EXPECT_EQ(a.position, b.position) << text << " #" << i;
    }
  }
}

TEST_F(AnalyzerTest, TermsOnlyTokenListLeavesOnlyTheTextsOut) {
  const std::string text =
      "Санкт-Петербург и РЭЦ: 2025 год, МАЗа, ВКонтакте и стоп-слово «ёлка».";
  std::vector<Token> expected;
  analyzer_->Analyze(text, &expected, 1);
  TokenList list(true);
  ASSERT_TRUE(list.terms_only());
  analyzer_->Analyze(text, &list, 1);
  ASSERT_EQ(list.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const Token& a = list[i];
    const Token& b = expected[i];
    EXPECT_EQ(a.kind, b.kind) << "#" << i;
    EXPECT_TRUE(a.surface.empty()) << "#" << i;
    EXPECT_TRUE(a.norm.empty()) << "#" << i;
    EXPECT_EQ(a.term, b.term) << "#" << i;
    EXPECT_EQ(a.stopword, b.stopword) << "#" << i;
    EXPECT_EQ(a.byte_start, b.byte_start) << "#" << i;
    EXPECT_EQ(a.byte_end, b.byte_end) << "#" << i;
    EXPECT_EQ(a.position, b.position) << "#" << i;
  }
}

}  // namespace
}  // namespace pressa

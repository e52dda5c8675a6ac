// Tests of snippet selection and highlighting.
#include "searcher/snippets.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace pressa {
namespace {

// The analyze-everything implementation the pre-scanning one must equal.
size_t RefCodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool RefIsSentenceEnd(std::string_view text, size_t i) {
  char c = text[i];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?') return false;
  return i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
}


std::vector<SnippetSpan> ReferenceSnippet(std::string_view text, const std::set<std::string>& terms,
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
        if (RefIsSentenceEnd(text, scan)) boundary = w > sentence_first;
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
           RefCodePoints(text.substr(words[first].start, words[m].end - words[first].start)) >
               static_cast<size_t>(max_chars) / 2) {
      ++first;
    }
  }
  size_t last = first;
  while (last + 1 < words.size() &&
         RefCodePoints(text.substr(words[first].start, words[last + 1].end - words[first].start)) <=
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



class SnippetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok());
    analyzer_ = std::move(*analyzer);
  }
  std::string Term(const std::string& word) {
    std::vector<Token> tokens;
    analyzer_->Analyze(word, &tokens);
    return tokens.at(0).term;
  }
  std::string Render(const std::vector<SnippetSpan>& spans) {
    std::string out;
    for (const auto& s : spans) out += s.match ? "[" + s.text + "]" : s.text;
    return out;
  }
  static size_t Chars(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }
  std::unique_ptr<Analyzer> analyzer_;
};

TEST_F(SnippetsTest, PrefersTheSentenceWithMostQueryTerms) {
  std::string text =
      "Первое предложение про погоду. Второе про экспорт. "
      "Третье про экспортёров Смоленской области и экспорт зерна. Четвёртое ни о чём.";
  auto spans = MakeSnippet(text, {Term("экспорт"), Term("области")}, analyzer_.get(), 80);
  std::string r = Render(spans);
  EXPECT_NE(r.find("[экспорт] зерна"), std::string::npos) << r;
  EXPECT_NE(r.find("[области]"), std::string::npos) << r;
  EXPECT_EQ(r.find("погоду"), std::string::npos) << r;
}

TEST_F(SnippetsTest, LengthInCharactersCutAtWords) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "слово" + std::to_string(i) + " ";
  auto spans = MakeSnippet(text, {Term("слово30")}, analyzer_.get(), 200);
  std::string r = Render(spans);
  EXPECT_LE(Chars(r), 210u);
  EXPECT_GE(Chars(r), 150u);
  EXPECT_NE(r.find("[слово30]"), std::string::npos) << r;
  // Starts and ends at whole words (an ellipsis marks the cuts).
  EXPECT_EQ(r.rfind("… слово", 0), 0u) << r;
  EXPECT_EQ(r.substr(r.size() - 4), " …") << r;
}

TEST_F(SnippetsTest, HighlightsEveryMatchedFormWhole) {
  std::string text = "Экспортёр года и экспортеры региона: экспорт растёт.";
  std::string r = Render(MakeSnippet(text, {Term("экспортер"), Term("экспорт")},
                                     analyzer_.get(), 200));
  EXPECT_EQ(r, "[Экспортёр] года и [экспортеры] региона: [экспорт] растёт.");
}

TEST_F(SnippetsTest, NoMatchGivesTheStart) {
  std::string r = Render(MakeSnippet("Просто текст. Ещё текст.", {}, analyzer_.get(), 200));
  EXPECT_EQ(r, "Просто текст. Ещё текст.");
}

TEST_F(SnippetsTest, NewlinesBecomeSpaces) {
  std::string r = Render(MakeSnippet("Заголовок\n\nТекст про экспорт.", {Term("экспорт")},
                                     analyzer_.get(), 200));
  EXPECT_EQ(r.find('\n'), std::string::npos);
  EXPECT_NE(r.find("[экспорт]"), std::string::npos);
}

// The pre-scan only skips analysis: every text and term set must give what
// analyzing the whole text gives.
TEST_F(SnippetsTest, EqualsAnalyzingTheWholeText) {
  const std::vector<std::string> texts = {
      "Первое предложение про погоду. Второе про экспорт. "
      "Третье про экспортёров Смоленской области и экспорт зерна. Четвёртое ни о чём.",
      "ЭКСПОРТ ЗЕРНА ВЫРОС! Об этом сообщил РЭЦ. «Экспорт» — слово года? Да.\n\nСмолГУ и МАЗа нет.",
      "Компания Apple представила iPhone. Продажи iPhones выросли на 5%. В 2025 году — рост.",
      "Мэр Санкт-Петербурга и санкт‐петербургские депутаты (U+2010) обсудили экспорт.",
      "Слово с ударением: за́мок и замок. Смешанное Poccия и Россия. Укра\u0457на и Украина.",
      "Ёлки и елки. ЁЛКИ ЗЕЛЁНЫЕ. Президент Лавров и министр Лаврова.",
      "Без точек очень длинный абзац " + std::string(300, 'x') + " про экспорт зерна и "
      "снова длинный хвост текста про погоду и урожай в области без конца и края "
      "и ещё немного слов чтобы окно не поместилось целиком в двести символов текста",
      "…\n\n— Экспорт! — сказал он.\nЭкспорт зерна.",
      "Числа 1-2-3-4-5-6 и 2,5 процента и COVID-19 и Ту-154.",
      "Просто текст без совпадений. Ещё текст.",
      "",
  };
  const std::vector<std::vector<std::string>> queries = {
      {"экспорт"}, {"экспорт", "зерна"}, {"области", "погоду"}, {"РЭЦ", "СмолГУ"},
      {"МАЗ"}, {"iPhone", "apple"}, {"2025", "2,5"}, {"Санкт-Петербург", "депутаты"},
      {"замок", "Россия", "Украина"}, {"ёлки", "зелёные"}, {"Лавров"}, {"COVID-19", "Ту-154"},
      {"сказал"}, {"урожай", "края"}, {"нет"}, {}};
  for (const std::string& text : texts) {
    for (const auto& words : queries) {
      std::set<std::string> terms;
      for (const std::string& w : words) {
        std::vector<Token> tokens;
        analyzer_->Analyze(w, &tokens);
        for (const Token& t : tokens) {
          if (!t.term.empty()) terms.insert(t.term);
          for (const std::string& v : analyzer_->StemVariants(t.norm)) terms.insert(v);
        }
      }
      for (int chars : {40, 80, 200}) {
        EXPECT_EQ(Render(MakeSnippet(text, terms, analyzer_.get(), chars)),
                  Render(ReferenceSnippet(text, terms, analyzer_.get(), chars)))
            << text << " / " << (words.empty() ? "" : words[0]) << " / " << chars;
      }
    }
  }
}

TEST_F(SnippetsTest, LeavesOutAPostsMarkdownMarks) {
  const std::string text =
      "— В **ПНИПУ** [повысили](https://naked.example/article/very/long/address) точность. "
      "__Учёные__ из МФТИ смоделировали рост.";
  std::set<std::string> terms;
  std::vector<Token> tokens;
  analyzer_->Analyze("повысили учёные", &tokens);
  for (const Token& t : tokens) terms.insert(t.term);
  EXPECT_EQ(Render(MakeSnippet(text, terms, analyzer_.get(), 200)),
            "В ПНИПУ [повысили] точность. [Учёные] из МФТИ смоделировали рост.");
}

TEST(HeadlineTest, TheTitleElseTheStartOfTheText) {
  EXPECT_EQ(Headline("Заголовок", "Текст."), "Заголовок");
  // An untitled post: its first line with a letter, to its first sentence's end.
  EXPECT_EQ(Headline(" ", "\n🔥\n⚡️РЖД повысит тарифы на перевозки с 1 декабря. Цена проезда вырастет.\nЕщё"),
            "⚡️РЖД повысит тарифы на перевозки с 1 декабря.");
  EXPECT_EQ(Headline("", "Вопрос ко всем нашим читателям? Ответ ниже"),
            "Вопрос ко всем нашим читателям?");
  // Not at an abbreviation near the start.
  EXPECT_EQ(Headline("", "В г. Смоленске открыли центр"), "В г. Смоленске открыли центр");
  // No-break spaces at the edges go as spaces do (a channel's post ends lines with them).
  EXPECT_EQ(Headline("\u00a0", "\u00a0Подал в\u00a0отставку\u00a0\nЕщё"), "Подал в\u00a0отставку");
  // Markdown marks left out, a link's words kept.
  EXPECT_EQ(Headline("", "— В **ПНИПУ** [повысили](https://naked.example/x) __точность__ прогнозов"),
            "— В ПНИПУ повысили точность прогнозов");
  EXPECT_EQ(Headline("", "[x](ftp://a) и [без ссылки"), "[x](ftp://a) и [без ссылки");
  // Long: cut between words, within the limit, "…" marking the cut.
  std::string words;
  for (int i = 0; i < 40; ++i) words += "слово ";
  std::string h = Headline("", words, 30);
  EXPECT_EQ(h, "слово слово слово слово слово…");
  EXPECT_EQ(Headline("", std::string(50, 'x'), 10), "xxxxxxxxx…");
  EXPECT_EQ(Headline("", "слово", 0), "");
  // Nothing to head with.
  EXPECT_EQ(Headline("", "🔥 — …\n\n"), "");
  EXPECT_EQ(Headline("", ""), "");
}

}  // namespace
}  // namespace pressa

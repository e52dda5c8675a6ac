// Tests of snippet selection and highlighting.
#include "searcher/snippets.h"

#include <gtest/gtest.h>

namespace pressa {
namespace {

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

}  // namespace
}  // namespace pressa

// Tests of the alias-table line filters: the few lines they keep give the
// same filter keys and the same query expansion as the whole table.
#include "searcher/alias_lines.h"

#include <gtest/gtest.h>

#include <xapian.h>

#include "searcher/ranking.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {
namespace {

std::vector<std::string> Descriptions(const std::vector<QueryItem>& items) {
  std::vector<std::string> out;
  for (const QueryItem& item : items) out.push_back(item.query.get_description());
  return out;
}

class AliasLinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok());
    analyzer_ = std::move(*analyzer);
    text_ = AliasTable::Default().Serialize();
    for (const auto& [type, name] : AliasTable::Default().Names()) names_.push_back({type, name});
    // Inflected forms and other spellings a user writes.
    for (const char* name : {"Российского экспортного центра", "Газпрома", "Владимира Путина",
                             "единой россии", "РЭЦ", "Минского автомобильного завода",
                             "экспорт зерна", "Смоленск"}) {
      for (Entity::Type type : {Entity::Type::kOrg, Entity::Type::kPerson, Entity::Type::kPlace}) {
        names_.push_back({type, name});
      }
    }
  }
  std::vector<QueryItem> Items(const std::string& text) {
    std::vector<Token> tokens;
    analyzer_->Analyze(text, &tokens);
    std::vector<QueryItem> items;
    for (const Token& t : tokens) {
      if (t.kind == Token::Kind::kCompound || t.term.empty()) continue;
      QueryItem item;
      item.terms = analyzer_->StemVariants(t.norm);
      if (t.kind != Token::Kind::kWord) item.terms = {t.term};
      item.query = Xapian::Query(Xapian::Query::OP_OR, item.terms.begin(), item.terms.end());
      items.push_back(item);
    }
    return items;
  }
  std::unique_ptr<Analyzer> analyzer_;
  std::string text_;
  std::vector<std::pair<Entity::Type, std::string>> names_;
};

TEST_F(AliasLinesTest, KeyLinesGiveTheSameEquivalentKeys) {
  ASSERT_GT(AliasTable::Default().size(), 10u);
  for (const auto& [type, name] : names_) {
    auto few = AliasTable::Parse(AliasLinesForKey(text_, EntityKey(name)));
    ASSERT_TRUE(few.ok()) << name;
    EXPECT_EQ(few->EquivalentKeys(type, name), AliasTable::Default().EquivalentKeys(type, name))
        << name;
  }
}

TEST_F(AliasLinesTest, QueryLinesExpandLikeTheWholeTable) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  AliasExpander whole;
  whole.Build(AliasTable::Default(), analyzer_.get());
  size_t kept_somewhere = 0;
  for (const auto& [type, name] : names_) {
    std::vector<QueryItem> items = Items(name);
    std::string lines = AliasLinesForQuery(text_, items);
    kept_somewhere += !lines.empty();
    auto few_table = AliasTable::Parse(lines);
    ASSERT_TRUE(few_table.ok()) << name;
    AliasExpander few;
    few.Build(*few_table, analyzer_.get());
    EXPECT_EQ(Descriptions(few.Expand(items, db)), Descriptions(whole.Expand(items, db))) << name;
  }
  EXPECT_GT(kept_somewhere, names_.size() / 2);
  // A query that names nothing keeps no line.
  EXPECT_EQ(AliasLinesForQuery(text_, Items("урожай пшеницы")), "");
}

}  // namespace
}  // namespace pressa

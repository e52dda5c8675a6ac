// Phrases and NEAR over the compact position values must match exactly what
// Xapian's own operators match over its positional postings.
#include "searcher/positional.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/schema.h"
#include "indexer/document_builder.h"
#include "stemmers/analyzer.h"
#include "tests/temp_dir.h"

namespace pressa {
namespace {

// Common words first: a Zipf-like draw makes the tail rare (compact positions).
const char* const kWords[] = {
    "город",  "река",   "завод",  "школа",   "театр",   "музей",    "парк",    "вокзал",
    "порт",   "склад",  "банк",   "рынок",   "мост",    "сад",      "поле",    "гора",
    "море",   "лес",    "остров", "пустыня", "ледник",  "вулкан",   "каньон",  "фьорд",
    "атолл",  "гейзер", "дельта", "лагуна",  "оазис",   "плато",    "тундра",  "саванна",
    "болото", "озеро",  "залив",  "пролив",  "утёс",    "водопад",  "пещера",  "равнина"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

class PositionalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE((dir_ = tmp_.path()).empty());
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok());
    analyzer_ = std::move(*analyzer);
    for (const char* w : kWords) terms_.push_back(Term(w));

    std::mt19937 rng(7);
    std::vector<double> weights;
    for (int i = 0; i < kWordCount; ++i) weights.push_back(1.0 / (1 + i));
    std::discrete_distribution<int> word(weights.begin(), weights.end());
    for (int d = 0; d < 300; ++d) {
      std::vector<int> doc;
      std::string text;
      int n = 5 + static_cast<int>(rng() % 40);
      for (int i = 0; i < n; ++i) {
        doc.push_back(word(rng));
        text += kWords[doc.back()];
        // Stopwords now and then: they keep their positions, unindexed.
        text += rng() % 5 == 0 ? " и " : " ";
      }
      docs_.push_back(doc);
      texts_.push_back(text);
    }
    // Terms in two of the first 6 articles keep Xapian positions.
    std::vector<std::vector<std::string>> sample;
    for (int d = 0; d < 6; ++d) {
      std::vector<std::string> t;
      for (int w : docs_[d]) t.push_back(terms_[w]);
      std::sort(t.begin(), t.end());
      t.erase(std::unique(t.begin(), t.end()), t.end());
      sample.push_back(t);
    }
    native_ = std::make_shared<positions::NativeTerms>(positions::NativeTerms::Choose(sample));
    compact_ = Build("compact", native_);
    xapian_ = Build("xapian", nullptr);
  }

  std::string Term(const std::string& word) {
    std::vector<Token> tokens;
    analyzer_->Analyze(word, &tokens);
    return tokens.empty() ? word : tokens[0].term;
  }

  Xapian::Database Build(const std::string& name,
                         std::shared_ptr<const positions::NativeTerms> native) {
    std::string path = dir_ + "/" + name;
    {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
      DocumentBuilder builder(analyzer_.get());
      builder.set_native_terms(native);
      for (size_t d = 0; d < texts_.size(); ++d) {
        Article article;
        article.id = "d" + std::to_string(d);
        article.title = d % 7 == 0 ? kWords[d % kWordCount] : "";  // titles sometimes
        article.text = texts_[d];
        db.add_document(builder.Build(article));
      }
      // As the indexer records it: the searcher reads each shard's own list.
      if (native != nullptr) db.set_metadata(schema::kMetaNativePositions, native->Encode());
      db.commit();
    }
    return Xapian::Database(path);
  }

  // Document ids and weights, ascending by id.
  static std::vector<std::pair<Xapian::docid, double>> Run(const Xapian::Database& db,
                                                           const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    std::vector<std::pair<Xapian::docid, double>> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.emplace_back(*it, it.get_weight());
    std::sort(out.begin(), out.end());
    return out;
  }

  // The same documents with the same weights as Xapian's own operator.
  void ExpectSame(Xapian::Query::op op, const std::vector<Xapian::Query>& parts,
                  unsigned window, bool compare_weights = true) {
    std::vector<std::pair<Xapian::docid, double>> got, want;
    {
      PositionalScope scope(ShardLayout::kOne, [this] { return Lists(); });
      got = Run(compact_, PositionalQuery(op, parts, window));
    }
    want = Run(xapian_, Xapian::Query(op, parts.begin(), parts.end(), window));
    std::string what = Xapian::Query(op, parts.begin(), parts.end(), window).get_description();
    ASSERT_EQ(got.size(), want.size()) << what;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].first, want[i].first) << what;
      if (compare_weights) {
        EXPECT_NEAR(got[i].second, want[i].second, 1e-9) << what;
      }
    }
    matched_ += !want.empty();
  }

  TempDir tmp_{"pressa-positional"};
  std::string dir_;
  std::unique_ptr<Analyzer> analyzer_;
  std::vector<std::string> terms_;
  std::vector<std::vector<int>> docs_;
  std::vector<std::string> texts_;
  std::shared_ptr<const NativeLists> Lists() const {
    auto lists = std::make_shared<NativeLists>();
    lists->all = native_;
    return lists;
  }

  std::shared_ptr<const positions::NativeTerms> native_;
  Xapian::Database compact_, xapian_;
  int matched_ = 0;
};

TEST_F(PositionalTest, TheSampleLeavesRareTermsToTheValues) {
  int native = 0;
  for (const std::string& t : terms_) native += native_->Contains(t);
  EXPECT_GT(native, 3);
  EXPECT_LT(native, kWordCount - 3);
  EXPECT_FALSE(compact_.has_positions() && !xapian_.has_positions());
}

TEST_F(PositionalTest, PhrasesFromTheArticlesMatchAsXapiansDo) {
  std::mt19937 rng(11);
  for (int q = 0; q < 200; ++q) {
    const std::vector<int>& doc = docs_[rng() % docs_.size()];
    size_t len = 2 + rng() % 2;
    if (doc.size() < len) continue;
    size_t at = rng() % (doc.size() - len + 1);
    std::vector<Xapian::Query> parts;
    for (size_t i = 0; i < len; ++i) parts.emplace_back(terms_[doc[at + i]]);
    // Exact, with room for a stopword, and in reverse order.
    ExpectSame(Xapian::Query::OP_PHRASE, parts, static_cast<unsigned>(len));
    ExpectSame(Xapian::Query::OP_PHRASE, parts, static_cast<unsigned>(len + 1));
    std::reverse(parts.begin(), parts.end());
    ExpectSame(Xapian::Query::OP_PHRASE, parts, static_cast<unsigned>(len));
  }
  EXPECT_GT(matched_, 300);
}

TEST_F(PositionalTest, NearMatchesAsXapiansDo) {
  std::mt19937 rng(13);
  for (int q = 0; q < 300; ++q) {
    std::vector<Xapian::Query> parts;
    size_t len = 2 + rng() % 2;
    for (size_t i = 0; i < len; ++i) parts.emplace_back(terms_[rng() % kWordCount]);
    if (parts[0].get_description() == parts[1].get_description()) continue;
    ExpectSame(Xapian::Query::OP_NEAR, parts, 2 + static_cast<unsigned>(rng() % 10));
  }
  EXPECT_GT(matched_, 50);
}

TEST_F(PositionalTest, PartsWithAlternativesMatchAsXapiansDo) {
  // A word or its alternative ("санкт" or the acronym "САНКТ"): the same
  // documents as Xapian's operator; and the same weights as an index whose
  // every term has Xapian positions gives them, also where an article has
  // both alternatives (one index and shards that chose other terms for Xapian
  // positions ranked those articles differently).
  auto all_native = [] {
    auto lists = std::make_shared<NativeLists>();
    lists->all = std::make_shared<positions::NativeTerms>(positions::NativeTerms::All());
    return std::shared_ptr<const NativeLists>(lists);
  };
  std::mt19937 rng(17);
  int both = 0;
  for (int q = 0; q < 150; ++q) {
    const std::vector<int>& doc = docs_[rng() % docs_.size()];
    if (doc.size() < 2) continue;
    size_t at = rng() % (doc.size() - 1);
    std::string other = terms_[rng() % kWordCount];
    std::vector<Xapian::Query> parts = {
        Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(terms_[doc[at]]), Xapian::Query(other)),
        Xapian::Query(terms_[doc[at + 1]])};
    // (A NEAR with a word in both parts, as an alternative in one, is left
    // out: Xapian's operator then looks for distinct positions greedily. A
    // query has no NEAR with alternatives.)
    const bool overlap = other == terms_[doc[at + 1]] || terms_[doc[at]] == terms_[doc[at + 1]];
    for (Xapian::Query::op op : {Xapian::Query::OP_PHRASE, Xapian::Query::OP_NEAR}) {
      if (op == Xapian::Query::OP_NEAR && overlap) continue;
      std::vector<std::pair<Xapian::docid, double>> got, native, xapian;
      {
        PositionalScope scope(ShardLayout::kOne, [this] { return Lists(); });
        got = Run(compact_, PositionalQuery(op, parts, 2));
      }
      {
        PositionalScope scope(ShardLayout::kOne, all_native);
        native = Run(xapian_, PositionalQuery(op, parts, 2));
      }
      xapian = Run(xapian_, Xapian::Query(op, parts.begin(), parts.end(), 2));
      std::string what = Xapian::Query(op, parts.begin(), parts.end(), 2).get_description();
      ASSERT_EQ(got.size(), xapian.size()) << what;
      ASSERT_EQ(got.size(), native.size()) << what;
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].first, xapian[i].first) << what;
        EXPECT_EQ(got[i].first, native[i].first) << what;
        EXPECT_NEAR(got[i].second, native[i].second, 1e-9) << what;
        both += got[i].second != xapian[i].second;
      }
      matched_ += !got.empty();
    }
  }
  EXPECT_GT(matched_, 200);
  EXPECT_GT(both, 0);  // articles with both alternatives were among them
}

TEST_F(PositionalTest, ProximityBoostsOnlyFrequentWords) {
  PositionalScope scope(ShardLayout::kOne, [this] { return Lists(); });
  std::vector<Xapian::Query> common = {Xapian::Query(terms_[0]), Xapian::Query(terms_[1])};
  EXPECT_FALSE(ProximityBoostQuery(compact_, common, 8).empty());
  std::vector<Xapian::Query> rare = {Xapian::Query(terms_[0]),
                                     Xapian::Query(terms_[kWordCount - 1])};
  // The last word is in under 1% of these 300 articles.
  if (compact_.get_termfreq(terms_[kWordCount - 1]) < 3) {
    EXPECT_TRUE(ProximityBoostQuery(compact_, rare, 8).empty());
  }
}

TEST_F(PositionalTest, RemoteShardsGetXapiansOperator) {
  PositionalScope scope(ShardLayout::kRemoteShards, nullptr);
  std::vector<Xapian::Query> parts = {Xapian::Query(terms_[0]),
                                      Xapian::Query(terms_[kWordCount - 1])};
  Xapian::Query q = PositionalQuery(Xapian::Query::OP_PHRASE, parts, 2);
  EXPECT_EQ(q.get_type(), Xapian::Query::OP_PHRASE);
}

}  // namespace
}  // namespace pressa

// The ranking queries weigh every article the same whatever page is asked
// for: each boost adds its own weight where it matches, and nothing else.
#include "searcher/ranking.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/article.h"
#include "core/positions.h"
#include "core/schema.h"
#include "indexer/document_builder.h"
#include "searcher/match_set.h"
#include "searcher/positional.h"
#include "stemmers/analyzer.h"
#include "tests/temp_dir.h"

namespace pressa {
namespace {

const char* const kWords[] = {"город", "река",  "завод", "школа", "театр", "музей",
                              "парк",  "вокзал", "порт",  "склад", "банк",  "рынок"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

using Weights = std::map<Xapian::docid, double>;

// A made-up word of three syllables, one of 512.
std::string Filler(unsigned n) {
  static const char* const kSyllables[] = {"ба", "ко", "ру", "ми", "те", "ло", "ны", "жа"};
  return std::string(kSyllables[n % 8]) + kSyllables[n / 8 % 8] + kSyllables[n / 64 % 8];
}

class RankingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok());
    analyzer_ = std::move(*analyzer);
    std::string path = tmp_.path() + "/db";
    {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
      DocumentBuilder builder(analyzer_.get());  // Xapian positions for every term
      std::mt19937 rng(5);
      std::vector<double> weights;
      for (int i = 0; i < kWordCount; ++i) weights.push_back(1.0 / (1 + i));
      std::discrete_distribution<int> word(weights.begin(), weights.end());
      std::mt19937 dates(7);  // apart, so that the texts stay as they were
      for (int d = 0; d < 600; ++d) {
        // The words of the queries among others, often too far apart for
        // a proximity boost.
        std::string text;
        for (int i = 0, n = 20 + static_cast<int>(rng() % 180); i < n; ++i) {
          text += rng() % 10 == 0 ? std::string(kWords[word(rng)]) : Filler(rng() % 300);
          text += " ";
        }
        Article article;
        article.id = "d" + std::to_string(d);
        article.text = text;
        // Twelve days, many articles each, and a few undated.
        unsigned day = dates() % 13;
        if (day < 12) article.date = "2024-03-" + std::to_string(10 + day);
        db.add_document(builder.Build(article));
      }
      db.commit();
    }
    db_ = Xapian::Database(path);
  }

  QueryItem Item(const char* word) {
    std::vector<Token> tokens;
    analyzer_->Analyze(word, &tokens);
    QueryItem item;
    item.terms = {tokens.at(0).term};
    item.query = Xapian::Query(item.terms[0]);
    return item;
  }

  Weights Run(const Xapian::Query& q, Xapian::doccount size) const {
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.5, 0.5));
    Weights out;
    Xapian::MSet mset = enquire.get_mset(0, size);
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
  }

  // The weights `q` should give, computed part by part over every match: an
  // AND_MAYBE is its left side's weight plus its right side's where that
  // matches too.
  Weights Expected(const Xapian::Query& q) const {
    if (q.get_type() != Xapian::Query::OP_AND_MAYBE) return Run(q, db_.get_doccount());
    Weights out = Expected(q.get_subquery(0));
    for (size_t i = 1; i < q.get_num_subqueries(); ++i) {
      for (const auto& [did, w] : Run(q.get_subquery(i), db_.get_doccount())) {
        auto it = out.find(did);
        if (it != out.end()) it->second += w;
      }
    }
    return out;
  }

  // Every page size gives every article it returns its full weight.
  void ExpectExactWeights(const Xapian::Query& q) {
    Weights expected = Expected(q);
    for (Xapian::doccount size : {5u, 20u, db_.get_doccount()}) {
      for (const auto& [did, w] : Run(q, size)) {
        ASSERT_TRUE(expected.count(did)) << q.get_description();
        EXPECT_NEAR(w, expected[did], 1e-9)
            << "page of " << size << ", document " << did << ": " << q.get_description();
      }
    }
  }

  // Calls fn with the ranking queries of 40 random queries of 3 to
  // 2 + `most_words` words, twice: with every term having Xapian positions
  // (its NEAR is Xapian's own), and with none known (our position filter).
  void ForEachQuery(unsigned seed, int most_words,
                    const std::function<void(const RankingQueries&)>& fn) {
    for (bool xapian_near : {true, false}) {
      std::mt19937 rng(seed);
      for (int q = 0; q < 40; ++q) {
        std::vector<QueryItem> items;
        for (int i = 0, n = 3 + static_cast<int>(rng() % most_words); i < n; ++i) {
          items.push_back(Item(kWords[rng() % kWordCount]));
        }
        PositionalScope scope(ShardLayout::kOne,
                              [xapian_near]() -> std::shared_ptr<const NativeLists> {
                                if (!xapian_near) return nullptr;
                                auto lists = std::make_shared<NativeLists>();
                                lists->all = std::make_shared<positions::NativeTerms>(
                                    positions::NativeTerms::All());
                                return lists;
                              });
        fn(BuildRanking(items, RankingOptions(), db_));
      }
    }
  }

  // The date of each document as RankByDate takes them.
  uint32_t DateOf(Xapian::docid did) const {
    std::string v = db_.get_document(did).get_value(schema::kSlotDate);
    return v.empty() ? 0 : static_cast<uint32_t>(std::stoul(v));
  }

  TempDir tmp_{"pressa-ranking"};
  std::unique_ptr<Analyzer> analyzer_;
  Xapian::Database db_;
};

// Xapian 1.4 weighed AND_MAYBE(words, OR of boosts) wrong with its own NEAR
// among the boosts: an OR whose NEAR failed its position test on one article
// took the NEAR for matching the next one, and added its weight there.
TEST_F(RankingTest, BoostsWeighTheSameOnEveryPageSize) {
  int boosted = 0;
  ForEachQuery(3, 3, [&](const RankingQueries& r) {
    boosted += r.relaxed.get_type() == Xapian::Query::OP_AND_MAYBE;
    ExpectExactWeights(r.relaxed);
    ExpectExactWeights(r.strict_ranked);
  });
  EXPECT_GT(boosted, 70);
}

// Ranking a relaxed query in two steps (the boosts weighed only on the best
// articles without them) gives the page that every article's full weight
// gives, weights and order alike, and no article weighs more than the bound
// it relies on. (Xapian's own pass, pruning with its weight bounds, misses
// an article now and then on these small articles dense with query words.)
TEST_F(RankingTest, TwoStepsGiveTheExactPage) {
  const Xapian::BM25Weight weight(1.2, 0, 1, 0.5, 0.5);
  // Without a filter, and with one (as a source or an entity narrows a
  // search): Xapian's own pass over FILTER(relaxed, filter) added NEAR
  // boosts to articles that do not match them.
  const Xapian::Query filter(Item("порт").terms[0]);
  const Weights filtered = Run(filter, db_.get_doccount());
  int pages = 0;
  int deep = 0;  // of them, those with matches beyond the first look
  ForEachQuery(11, 6, [&](const RankingQueries& r) {
    if (r.relaxed_parts.boosts.empty()) return;
    for (bool filtering : {false, true}) {
      BoostedQuery parts = r.relaxed_parts;
      if (filtering) {
        parts.unboosted = Xapian::Query(Xapian::Query::OP_FILTER, parts.unboosted, filter);
      }
      Weights base = Run(r.relaxed_parts.unboosted, db_.get_doccount());
      std::vector<std::pair<Xapian::docid, double>> exact;
      for (const auto& [did, w] : Expected(r.relaxed)) {
        ASSERT_TRUE(base.count(did));
        EXPECT_LE(w, r.relaxed_parts.bound * base[did] + 1e-9) << "document " << did;
        if (!filtering || filtered.count(did)) exact.emplace_back(did, w);
      }
      std::stable_sort(exact.begin(), exact.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      // From 4 x the page (where the bound decides most) and from 200.
      for (Xapian::doccount min_depth : {1u, 200u}) {
        for (Xapian::doccount fetch : {1u, 5u, 20u}) {
          std::vector<std::pair<Xapian::docid, double>> hits;
          RankInTwoSteps(db_, parts, weight, fetch, &hits, min_depth);
          ++pages;
          deep += exact.size() > std::max<size_t>(4 * fetch, min_depth);
          ASSERT_EQ(hits.size(), std::min<size_t>(fetch, exact.size()));
          for (size_t i = 0; i < hits.size(); ++i) {
            EXPECT_EQ(hits[i].first, exact[i].first)
                << "rank " << i << (filtering ? ", filtered, of " : " of ")
                << r.relaxed.get_description();
            EXPECT_NEAR(hits[i].second, exact[i].second, 1e-9) << "rank " << i;
          }
        }
      }
    }
  });
  EXPECT_GT(deep, 150);
  EXPECT_GT(pages, 400);
}

// Sorted by date, the page is every match ordered as Xapian's sort by date,
// then relevance orders them (newest first, then by full weight, then by
// docid; undated last), though only the articles of the page's days are
// weighed: relaxed and strict queries, with and without a filter.
TEST_F(RankingTest, ByDateGivesTheExactPage) {
  const Xapian::BM25Weight weight(1.2, 0, 1, 0.5, 0.5);
  const Xapian::Query filter(Item("порт").terms[0]);
  const Weights filtered = Run(filter, db_.get_doccount());
  int pages = 0, undated = 0;
  ForEachQuery(13, 6, [&](const RankingQueries& r) {
    const std::pair<const Xapian::Query*, const BoostedQuery*> queries[] = {
        {&r.relaxed, &r.relaxed_parts}, {&r.strict_ranked, &r.strict_parts}};
    for (const auto& [full, split] : queries) {
      BoostedQuery parts = *split;
      if (parts.unboosted.empty()) parts.unboosted = *full;
      for (bool filtering : {false, true}) {
        struct Hit {
          uint32_t date;
          double weight;
          Xapian::docid did;
        };
        std::vector<Hit> exact;
        std::vector<Xapian::docid> matches;
        std::vector<uint32_t> dates;
        for (const auto& [did, w] : Expected(*full)) {  // by docid
          if (filtering && !filtered.count(did)) continue;
          exact.push_back({DateOf(did), w, did});
          matches.push_back(did);
          dates.push_back(DateOf(did));
          undated += dates.back() == 0;
        }
        std::sort(exact.begin(), exact.end(), [](const Hit& a, const Hit& b) {
          if (a.date != b.date) return a.date > b.date;
          return a.weight != b.weight ? a.weight > b.weight : a.did < b.did;
        });
        for (Xapian::doccount fetch : {1u, 5u, 20u, 1000u}) {
          std::vector<std::pair<Xapian::docid, double>> hits;
          RankByDate(db_, parts, weight, matches, dates, fetch, &hits);
          ++pages;
          ASSERT_EQ(hits.size(), std::min<size_t>(fetch, exact.size()));
          for (size_t i = 0; i < hits.size(); ++i) {
            EXPECT_EQ(hits[i].first, exact[i].did)
                << "rank " << i << (filtering ? ", filtered, of " : " of ")
                << full->get_description();
            EXPECT_NEAR(hits[i].second, exact[i].weight, 1e-9) << "rank " << i;
          }
        }
        if (filtering) continue;
        // Xapian's own order, over every match.
        Xapian::Enquire enquire(db_);
        enquire.set_query(*full);
        enquire.set_weighting_scheme(weight);
        enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
        Xapian::MSet mset = enquire.get_mset(0, 20);
        std::vector<std::pair<Xapian::docid, double>> hits;
        RankByDate(db_, parts, weight, matches, dates, 20, &hits);
        ASSERT_EQ(hits.size(), mset.size());
        for (size_t i = 0; i < hits.size(); ++i) {
          EXPECT_EQ(hits[i].first, *mset[static_cast<Xapian::doccount>(i)])
              << "rank " << i;
        }
      }
    }
  });
  EXPECT_GT(pages, 600);
  EXPECT_GT(undated, 100);
}

// A filter by the matches that follows (DocidPostingSource::Order::kFollows)
// leaves each article the weight it has without a filter, for a query
// without proximity boosts (the searcher weighs those apart, see
// RankInTwoSteps): ORs of words and phrases, the all-words boost.
TEST_F(RankingTest, FollowingTheMatchesKeepsTheWeights) {
  std::mt19937 rng(17);
  int compared = 0;
  ForEachQuery(19, 5, [&](const RankingQueries& r) {
    auto unboosted = [](const Xapian::Query& full, const BoostedQuery& parts) {
      return parts.unboosted.empty() ? full : parts.unboosted;
    };
    const Xapian::Query relaxed = unboosted(r.relaxed, r.relaxed_parts);
    // Words and phrases of two of them side by side, as a remembered quote
    // with a name in it is relaxed: led by the filter, Xapian 1.4 gave some
    // articles the weight of a part they do not match.
    std::vector<Xapian::Query> any;
    for (int i = 0; i < 6; ++i) any.emplace_back(Item(kWords[rng() % kWordCount]).terms[0]);
    for (int i = 0; i < 2; ++i) {
      const size_t a = rng() % kWordCount, b = (a + 1 + rng() % (kWordCount - 1)) % kWordCount;
      std::vector<Xapian::Query> pair = {Xapian::Query(Item(kWords[a]).terms[0]),
                                         Xapian::Query(Item(kWords[b]).terms[0])};
      any.push_back(PositionalQuery(Xapian::Query::OP_PHRASE, pair, 2));
    }
    const Xapian::Query quote(Xapian::Query::OP_OR, any.begin(), any.end());
    for (const Xapian::Query& q : {relaxed, unboosted(r.strict_ranked, r.strict_parts), quote}) {
      const Weights expected = Expected(q);
      // Runs of consecutive ids among the matches, and lone ones.
      std::vector<Xapian::docid> ids;
      for (const auto& entry : expected) {
        if (rng() % 3 != 0) ids.push_back(entry.first);
      }
      DocidPostingSource follows(&ids, db_, DocidPostingSource::Order::kFollows);
      for (const auto& [did, w] :
           Run(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(&follows)),
               db_.get_doccount())) {
        ASSERT_TRUE(std::binary_search(ids.begin(), ids.end(), did));
        ASSERT_TRUE(expected.count(did)) << "document " << did << ": " << q.get_description();
        EXPECT_NEAR(w, expected.at(did), 1e-9) << "document " << did << ": " << q.get_description();
        ++compared;
      }
    }
  });
  EXPECT_GT(compared, 20000);
}

}  // namespace
}  // namespace pressa

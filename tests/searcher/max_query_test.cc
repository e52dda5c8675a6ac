// MaxQuery over local databases: Xapian 1.4's OP_MAX read freed memory over
// several shards (a crash under a plain build, a use-after-free under ASan)
// and over one index; the guarded query must match and weigh exactly as
// OP_MAX over one database of everything.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

#include "searcher/positional.h"
#include "tests/temp_dir.h"

namespace pressa {
namespace {

class MaxQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE((dir_ = tmp_.path()).empty());
    // Shard 0: every article has "b", only its last one also "a", so both
    // alternatives of MAX(b, a AND b) end on the same article. Shard 1 is
    // larger: while it is matched, a page of 5 prunes and its postlists
    // change, and the matcher asks shard 0's finished tree for its maximum.
    Xapian::WritableDatabase whole(dir_ + "/whole", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    for (int shard = 0; shard < 2; ++shard) {
      Xapian::WritableDatabase db(dir_ + "/shard" + std::to_string(shard),
                                  Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
      const int n = shard == 0 ? 30 : 300;
      for (int i = 0; i < n; ++i) {
        Xapian::Document doc;
        doc.add_term("b", 1 + i % 4);
        if (shard == 0 ? i == n - 1 : i % 3 == 0) doc.add_term("a");
        for (int k = 0; k < i % 9; ++k) doc.add_term("x" + std::to_string(k));
        doc.set_data(std::to_string(shard) + ":" + std::to_string(i));
        db.add_document(doc);
        whole.add_document(doc);
      }
      db.commit();
    }
    whole.commit();
  }

  Xapian::Database Stub() const {
    Xapian::Database db(dir_ + "/shard0");
    db.add_database(Xapian::Database(dir_ + "/shard1"));
    return db;
  }

  static std::vector<Xapian::Query> Alternatives() {
    return {Xapian::Query("b"),
            Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("a"), Xapian::Query("b"))};
  }

  // The page's weights, best first, and the total.
  static std::pair<std::vector<double>, Xapian::doccount> Page(const Xapian::Database& db,
                                                               const Xapian::Query& q,
                                                               Xapian::doccount size) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    Xapian::MSet mset = enquire.get_mset(0, size, db.get_doccount());
    std::vector<double> weights;
    for (auto it = mset.begin(); it != mset.end(); ++it) weights.push_back(it.get_weight());
    return {weights, mset.get_matches_estimated()};
  }

  // `guarded` over `db` gives the weights and total of `plain` over the
  // whole database, on each page size.
  void ExpectSamePages(const Xapian::Database& db, const Xapian::Query& guarded,
                       const Xapian::Query& plain,
                       std::initializer_list<Xapian::doccount> sizes) const {
    Xapian::Database whole(dir_ + "/whole");
    for (Xapian::doccount size : sizes) {
      const auto got = Page(db, guarded, size);
      const auto want = Page(whole, plain, size);
      EXPECT_EQ(got.second, 330u);  // every article has "b"
      ASSERT_EQ(got.first.size(), want.first.size()) << size;
      for (size_t i = 0; i < got.first.size(); ++i) {
        EXPECT_NEAR(got.first[i], want.first[i], 1e-9) << "page " << size << ", rank " << i;
      }
    }
  }

  TempDir tmp_{"pressa-max-query"};
  std::string dir_;
};

TEST_F(MaxQueryTest, OverMergedShardsWeighsAsOneDatabase) {
  const std::vector<Xapian::Query> alternatives = Alternatives();
  const Xapian::Query plain(Xapian::Query::OP_MAX, alternatives.begin(), alternatives.end());
  Xapian::Query guarded;
  {
    PositionalScope scope(ShardLayout::kLocalShards, nullptr);
    guarded = MaxQuery(alternatives);
  }
  ExpectSamePages(Stub(), guarded, plain, {1u, 5u, 50u});
}

TEST_F(MaxQueryTest, TheExtraAlternativeNeverMatches) {
  Xapian::Query guarded;
  {
    PositionalScope scope(ShardLayout::kLocalShards, nullptr);
    guarded = MaxQuery(Alternatives());
  }
  Xapian::Database stub = Stub();
  Xapian::Enquire enquire(stub);
  enquire.set_query(guarded);
  Xapian::MSet mset = enquire.get_mset(0, stub.get_doccount() + 10);
  EXPECT_EQ(mset.size(), 330u);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    EXPECT_LE(*it, stub.get_lastdocid());
    EXPECT_FALSE(it.get_document().get_data().empty());
  }
}

// One database gets the guard too: a pasted paragraph naming Russia and its
// foreign ministry crashed a search of the press corpus's one index, 20
// results a page, where the matcher pruned the OR around the MAX. Remote
// shards keep Xapian's operator (a stock xapian-tcpsrv cannot read the
// guard).
TEST_F(MaxQueryTest, OnlyRemoteShardsKeepXapiansOperator) {
  EXPECT_EQ(MaxQuery(Alternatives()).get_type(), Xapian::Query::OP_MAX);  // no scope
  for (ShardLayout layout : {ShardLayout::kOne, ShardLayout::kLocalShards}) {
    PositionalScope scope(layout, nullptr);
    EXPECT_EQ(MaxQuery(Alternatives()).get_type(), Xapian::Query::OP_FILTER);
    EXPECT_EQ(MaxQuery({Xapian::Query("b")}).get_type(), Xapian::Query::LEAF_TERM);
  }
  {
    PositionalScope scope(ShardLayout::kRemoteShards, nullptr);
    EXPECT_EQ(MaxQuery(Alternatives()).get_type(), Xapian::Query::OP_MAX);
  }
}

TEST_F(MaxQueryTest, OnOneDatabaseWeighsAsXapiansOperator) {
  const std::vector<Xapian::Query> alternatives = Alternatives();
  const Xapian::Query plain(Xapian::Query::OP_MAX, alternatives.begin(), alternatives.end());
  Xapian::Query guarded;
  {
    PositionalScope scope(ShardLayout::kOne, nullptr);
    guarded = MaxQuery(alternatives);
  }
  ExpectSamePages(Xapian::Database(dir_ + "/whole"), guarded, plain, {1u, 5u, 50u, 400u});
}

}  // namespace
}  // namespace pressa

// Tests that MatchingDocids finds exactly the documents Xapian's matcher
// counts, and declines value ranges and positional parts no OR sibling narrows.
#include "searcher/match_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/temp_dir.h"

namespace pressa {
namespace {

// Eight documents; document i holds the words of kTexts[i - 1] and value
// slot 0 holds "i"; then 30 that hold "кремль" alone.
const char* const kTexts[] = {
    "москва россия кремль", "россия санкции", "москва",        "сша санкции",
    "россия сша",           "экспорт",        "россия москва", "москва россия сша экспорт кремль",
};

Xapian::WritableDatabase MakeDb() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* text : kTexts) {
    Xapian::Document doc;
    doc.add_value(0, std::to_string(db.get_lastdocid() + 1));  // "1".."8"
    std::string s = text;
    Xapian::termpos pos = 0;
    for (size_t at = 0; at < s.size();) {
      size_t sp = s.find(' ', at);
      if (sp == std::string::npos) sp = s.size();
      doc.add_posting(s.substr(at, sp - at), ++pos);
      at = sp + 1;
    }
    db.add_document(doc);
  }
  // Many documents an OR sibling ("кремль") matches: testing a phrase on
  // the few others is then worth it.
  for (int i = 0; i < 30; ++i) {
    Xapian::Document doc;
    doc.add_posting("кремль", 1);
    db.add_document(doc);
  }
  db.delete_document(3);  // ids need not be dense
  return db;
}

std::vector<Xapian::docid> ByMatcher(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<Xapian::docid> ids;
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
  return ids;
}

using Q = Xapian::Query;

TEST(MatchSetTest, EqualsTheMatcherOnSetOperations) {
  Xapian::WritableDatabase db = MakeDb();
  const Q moscow("москва"), russia("россия"), usa("сша"), sanctions("санкции");
  const struct {
    const char* name;
    Q query;
  } cases[] = {
      {"term", moscow},
      {"absent term", Q("нет")},
      {"and", Q(Q::OP_AND, moscow, russia)},
      {"or", Q(Q::OP_OR, moscow, usa)},
      {"max", Q(Q::OP_MAX, russia, usa)},
      {"synonym", Q(Q::OP_SYNONYM, russia, sanctions)},
      {"and not", Q(Q::OP_AND_NOT, russia, Q(Q::OP_OR, usa, sanctions))},
      {"filter", Q(Q::OP_FILTER, Q(Q::OP_OR, russia, usa), sanctions)},
      {"and maybe", Q(Q::OP_AND_MAYBE, russia, moscow)},
      {"scaled", Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_AND, russia, usa), 0.2)},
      {"match all", Q::MatchAll},
      {"match all but", Q(Q::OP_AND_NOT, Q::MatchAll, moscow)},
      {"empty", Q()},
      {"nested", Q(Q::OP_AND_MAYBE,
                   Q(Q::OP_AND, Q(Q::OP_MAX, russia, Q("экспорт")), Q(Q::OP_OR, usa, moscow)),
                   Q(Q::OP_NEAR, russia, usa))},
  };
  for (const auto& c : cases) {
    std::vector<Xapian::docid> ids;
    ASSERT_TRUE(MatchingDocids(db, c.query, &ids)) << c.name;
    EXPECT_EQ(ids, ByMatcher(db, c.query)) << c.name;
  }
}

// Odd document ids: stands for a positional test made as a posting source.
class OddDocs : public Xapian::PostingSource {
 public:
  void init(const Xapian::Database& db) override {
    last_ = db.get_lastdocid();
    did_ = 0;
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return last_ / 2; }
  Xapian::doccount get_termfreq_max() const override { return last_; }
  void next(double) override { did_ += did_ % 2 == 0 ? 1 : 2; }
  void skip_to(Xapian::docid did, double) override {
    if (did > did_) did_ = did % 2 == 1 ? did : did + 1;
  }
  bool at_end() const override { return did_ > last_; }
  Xapian::docid get_docid() const override { return did_; }
  OddDocs* clone() const override { return new OddDocs; }

 private:
  Xapian::docid last_ = 0, did_ = 0;
};

TEST(MatchSetTest, TestsPositionalPartsWhereTheirContextLeavesDocumentsOpen) {
  Xapian::WritableDatabase db = MakeDb();
  const Q moscow("москва"), russia("россия"), usa("сша"), sanctions("санкции");
  const Q phrase(Q::OP_PHRASE, moscow, russia);
  OddDocs odd;
  const struct {
    const char* name;
    Q query;
  } cases[] = {
      {"or: every phrase match holds the term", Q(Q::OP_OR, moscow, phrase)},
      {"or with a posting source filter",
       Q(Q::OP_OR, Q("кремль"), Q(Q::OP_FILTER, Q(Q::OP_AND, russia, moscow), Q(&odd)))},
      {"max with a phrase few plain matches hold",
       Q(Q::OP_MAX, Q(Q::OP_MAX, Q("кремль"), Q(Q::OP_PHRASE, russia, moscow)), sanctions)},
      {"phrase in and maybe's right side", Q(Q::OP_AND_MAYBE, moscow, phrase)},
      {"and of or with phrases",
       Q(Q::OP_AND_MAYBE, Q(Q::OP_AND, Q(Q::OP_MAX, Q(Q::OP_MAX, moscow, phrase), usa), russia),
         Q(Q::OP_NEAR, moscow, usa))},
  };
  for (const auto& c : cases) {
    std::vector<Xapian::docid> ids;
    ASSERT_TRUE(MatchingDocids(db, c.query, &ids)) << c.name;
    EXPECT_EQ(ids, ByMatcher(db, c.query)) << c.name;
  }
}

// The documents of MakeDb in two glass shards, every other one in each, and
// both opened as one database (Xapian numbers them round-robin).
class ShardedMatchSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE((dir_ = tmp_.path()).empty());
    Xapian::WritableDatabase all = MakeDb();
    Xapian::WritableDatabase shards[2] = {
        Xapian::WritableDatabase(dir_ + "/0", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS),
        Xapian::WritableDatabase(dir_ + "/1", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS)};
    for (Xapian::docid did = 1; did <= all.get_lastdocid(); ++did) {
      try {
        shards[(did - 1) % 2].add_document(all.get_document(did));
      } catch (const Xapian::DocNotFoundError&) {
        shards[(did - 1) % 2].add_document(Xapian::Document());  // keep the numbering
      }
    }
    for (auto& shard : shards) shard.commit();
    db_ = Xapian::Database(dir_ + "/0");
    db_.add_database(Xapian::Database(dir_ + "/1"));
  }
  TempDir tmp_{"pressa-match-set"};  // first in, last out: after the database
  std::string dir_;
  Xapian::Database db_;
};

TEST_F(ShardedMatchSetTest, EqualsTheMatcherOverSeveralShards) {
  ASSERT_EQ(db_.size(), 2u);
  ASSERT_TRUE(ShardsDistinct(db_));
  const Q moscow("москва"), russia("россия"), usa("сша"), sanctions("санкции");
  const Q phrase(Q::OP_PHRASE, moscow, russia);
  OddDocs odd;
  const Q queries[] = {
      moscow,
      Q(Q::OP_AND, moscow, russia),
      Q(Q::OP_AND_NOT, russia, Q(Q::OP_OR, usa, sanctions)),
      Q(Q::OP_MAX, russia, usa),
      Q::MatchAll,
      // Positional parts, tested by the matcher on the documents left open:
      // the posting source of those documents serves each shard its share.
      Q(Q::OP_OR, moscow, phrase),
      Q(Q::OP_OR, Q("кремль"), Q(Q::OP_FILTER, Q(Q::OP_AND, russia, moscow), Q(&odd))),
      Q(Q::OP_MAX, Q(Q::OP_MAX, Q("кремль"), Q(Q::OP_PHRASE, russia, moscow)), sanctions),
  };
  for (const Q& q : queries) {
    std::vector<Xapian::docid> ids;
    ASSERT_TRUE(MatchingDocids(db_, q, &ids)) << q.get_description();
    EXPECT_EQ(ids, ByMatcher(db_, q)) << q.get_description();
    EXPECT_FALSE(ids.empty()) << q.get_description();
  }
}

TEST_F(ShardedMatchSetTest, DocidsServeEachShardItsShare) {
  // Ids of the combined database: 2, 5, 8 and 11 are the shards' 1, 3, 4
  // and 6; read as the shards' own, they would come back as 3, 4, 9 and 10.
  std::vector<Xapian::docid> ids = {2, 5, 8, 11, 36};
  DocidPostingSource source(&ids, db_);
  Xapian::Enquire enquire(db_);
  enquire.set_query(Q(&source));
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::MSet mset = enquire.get_mset(0, 100);
  std::vector<Xapian::docid> got;
  for (auto it = mset.begin(); it != mset.end(); ++it) got.push_back(*it);
  EXPECT_EQ(got, ids);
}

TEST(MatchSetTest, DeclinesValueRangesAndPositionalPartsNoOrSiblingNarrows) {
  Xapian::WritableDatabase db = MakeDb();
  const Q moscow("москва"), russia("россия"), usa("сша");
  const Q phrase(Q::OP_PHRASE, moscow, russia);
  const Q declined[] = {
      phrase,
      Q(Q::OP_NEAR, moscow, russia),
      Q(Q::OP_AND_MAYBE, phrase, moscow),  // the left side decides the matches
      Q(Q::OP_VALUE_RANGE, 0, "2", "7"),
      Q(Q::OP_FILTER, russia, Q(Q::OP_VALUE_RANGE, 0, "2", "7")),  // cheaper in the matcher
      Q(Q::OP_OR, usa, phrase),  // few phrase matches hold "сша"
      // The matcher tests these phrases on the same documents.
      Q(Q::OP_AND, russia, phrase),
      Q(Q::OP_FILTER, usa, Q(Q::OP_NEAR, russia, moscow)),
      Q(Q::OP_AND_NOT, russia, phrase),
  };
  for (const Q& q : declined) {
    std::vector<Xapian::docid> ids;
    EXPECT_FALSE(MatchingDocids(db, q, &ids)) << q.get_description();
  }
}

TEST(MatchSetTest, AResolverReadsTheValueRangesItKnows) {
  Xapian::WritableDatabase db = MakeDb();
  const Q range(Q::OP_VALUE_RANGE, 0, "2", "7");
  int calls = 0;
  // Slot 0 of document i holds "i": the range is documents 2..7.
  PartResolver resolve = [&](const Q& part, const std::vector<Xapian::docid>& within,
                             std::vector<Xapian::docid>* out) {
    if (part.get_description() != range.get_description()) return false;
    ++calls;
    out->clear();
    for (Xapian::docid did : within) {
      if (did >= 2 && did <= 7) out->push_back(did);
    }
    return true;
  };
  const Q queries[] = {
      Q(Q::OP_FILTER, Q("россия"), range),
      Q(Q::OP_FILTER, Q::MatchAll, range),
      Q(Q::OP_AND_MAYBE, Q(Q::OP_FILTER, Q(Q::OP_OR, Q("сша"), Q("москва")), range), Q("экспорт")),
  };
  for (const Q& q : queries) {
    std::vector<Xapian::docid> ids;
    ASSERT_TRUE(MatchingDocids(db, q, &ids, resolve)) << q.get_description();
    EXPECT_EQ(ids, ByMatcher(db, q)) << q.get_description();
  }
  EXPECT_EQ(calls, 3);
  std::vector<Xapian::docid> ids;
  EXPECT_FALSE(MatchingDocids(db, Q(Q::OP_FILTER, Q("россия"), Q(Q::OP_VALUE_RANGE, 0, "3", "4")),
                              &ids, resolve));
}

}  // namespace
}  // namespace pressa

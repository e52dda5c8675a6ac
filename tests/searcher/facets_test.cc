// Tests of exact facet counting (value streams, Xapian's stock spies, several
// local shards) and of finding remote shards in stub files.
#include "searcher/facets.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/schema.h"
#include "searcher/shards.h"

namespace pressa {
namespace {

struct Doc {
  std::vector<std::string> orgs;
  std::string source;
  std::string year;
  bool matches;  // holds the term "q"
};

const std::vector<Doc> kDocs = {
    {{"РЭЦ", "Минпромторг"}, "ТАСС", "2024", true},
    {{"Минпромторг"}, "РИА Новости", "2024", true},
    {{}, "ТАСС", "2023", true},
    {{"РЭЦ", "МАЗ", "Минпромторг"}, "", "2025", false},
    {{"МАЗ"}, "ТАСС", "", true},
    {{"Центр поддержки экспорта", "РЭЦ"}, "ТАСС", "2024", true},
};

Xapian::Document Make(const Doc& d) {
  Xapian::Document doc;
  if (d.matches) doc.add_term("q");
  doc.add_term("all");
  if (!d.orgs.empty()) doc.add_value(schema::kSlotOrgs, schema::EncodeList(d.orgs));
  if (!d.source.empty()) doc.add_value(schema::kSlotSource, d.source);
  if (!d.year.empty()) doc.add_value(schema::kSlotYear, d.year);
  return doc;
}

// Every document in `shards` databases, round-robin, as Xapian numbers them.
Xapian::Database Build(int shards) {
  Xapian::Database all;
  std::vector<Xapian::WritableDatabase> dbs;
  for (int s = 0; s < shards; ++s) dbs.emplace_back(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (size_t i = 0; i < kDocs.size(); ++i) dbs[i % shards].add_document(Make(kDocs[i]));
  for (auto& db : dbs) all.add_database(db);
  return all;
}

std::map<std::string, std::vector<FacetValue>> Count(const Xapian::Database& db, bool stock,
                                                     const std::string& term, int limit) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  FacetCounter counter(db, stock);
  counter.Attach(&enquire);
  enquire.get_mset(0, 1, db.get_doccount());
  return counter.Top(limit);
}

std::vector<std::pair<std::string, long>> Flat(const std::vector<FacetValue>& values) {
  std::vector<std::pair<std::string, long>> out;
  for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
  return out;
}

using Counts = std::vector<std::pair<std::string, long>>;

TEST(FacetCounterTest, CountsEveryMatchOnEveryPath) {
  const struct {
    int shards;
    bool stock;
  } cases[] = {{1, false}, {1, true}, {2, false}, {2, true}, {3, false}};
  for (const auto& c : cases) {
    SCOPED_TRACE("shards " + std::to_string(c.shards) + (c.stock ? " stock spies" : ""));
    auto top = Count(Build(c.shards), c.stock, "q", 20);
    // Largest first, ties by value; the unmatched document 4 is not counted.
    EXPECT_EQ(Flat(top["org"]), (Counts{{"Минпромторг", 2}, {"РЭЦ", 2}, {"МАЗ", 1},
                                        {"Центр поддержки экспорта", 1}}));
    EXPECT_EQ(Flat(top["source"]), (Counts{{"ТАСС", 4}, {"РИА Новости", 1}}));
    EXPECT_EQ(Flat(top["year"]), (Counts{{"2024", 3}, {"2023", 1}}));
    EXPECT_TRUE(top["person"].empty());
    EXPECT_TRUE(top["place"].empty());
  }
}

TEST(FacetCounterTest, LimitKeepsTheLargest) {
  for (bool stock : {false, true}) {
    auto top = Count(Build(1), stock, "all", 1);
    EXPECT_EQ(Flat(top["org"]), (Counts{{"Минпромторг", 3}}));  // ties with РЭЦ: by value
    EXPECT_EQ(Flat(top["source"]), (Counts{{"ТАСС", 4}}));
  }
}

TEST(FacetCounterTest, NoMatchNoCounts) {
  for (bool stock : {false, true}) {
    auto top = Count(Build(2), stock, "absent", 20);
    EXPECT_EQ(top.size(), 5u);
    for (const auto& [facet, values] : top) EXPECT_TRUE(values.empty()) << facet;
  }
}

TEST(FacetCounterTest, ManyDistinctValuesGrowTheTable) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 2000; ++i) {
    Xapian::Document doc;
    doc.add_term("q");
    doc.add_value(schema::kSlotOrgs,
                  schema::EncodeList({"орг " + std::to_string(i), "общая", "орг " +
                                                                     std::to_string(i % 7)}));
    db.add_document(doc);
  }
  auto top = Count(db, false, "q", 3);
  EXPECT_EQ(Flat(top["org"]), (Counts{{"общая", 2000}, {"орг 0", 287}, {"орг 1", 287}}));
}

class ShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/pressa-shards-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << text;
    return path;
  }
  std::string dir_;
};

TEST_F(ShardsTest, FindsRemoteLinesDirectlyOrNested) {
  const struct {
    const char* name;
    const char* text;
    bool remote;
  } cases[] = {
      {"tcp.stub", "remote 127.0.0.1:6431\n", true},
      {"prog.stub", "# comment\nremote :ssh host xapian-progsrv /db\n", true},
      {"local.stub", "auto shard0\nglass shard1\n", false},
      {"empty.stub", "", false},
      {"nested.stub", "auto tcp.stub\n", true},
      {"nested_local.stub", "auto local.stub\n", false},
      {"loop.stub", "auto loop.stub\n", false},
      {"stubdir/XAPIANDB", "remote 10.0.0.2:6431\n", true},
      {"via_dir.stub", "auto stubdir\n", true},
  };
  for (const auto& c : cases) Write(c.name, c.text);
  for (const auto& c : cases) {
    std::string path = dir_ + "/" + c.name;
    EXPECT_EQ(HasRemoteShards(path), c.remote) << c.name;
  }
  EXPECT_TRUE(HasRemoteShards(dir_ + "/stubdir"));
  EXPECT_FALSE(HasRemoteShards(dir_ + "/missing"));
  EXPECT_FALSE(HasRemoteShards(dir_));  // a directory without XAPIANDB
}

TEST_F(ShardsTest, BinaryFileIsNotAStub) {
  std::string path = Write("single.glass", std::string("\0\1remote 1.2.3.4:5\n", 19));
  EXPECT_FALSE(HasRemoteShards(path));
}

}  // namespace
}  // namespace pressa

// Tests of exact facet counting (value streams, Xapian's stock spies, several
// local shards; entity ids named through the name tables) and of reading the
// shards of stub files.
#include "searcher/facets.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/facet_ids.h"
#include "core/schema.h"
#include "searcher/shards.h"
#include "stemmers/entity_names.h"
#include "tests/temp_dir.h"

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

// A document as the indexer writes it: entity, source and year ids in
// kSlotEntityIds, names in `names` (to be flushed into the document's database).
Xapian::Document Make(const Doc& d, const std::vector<std::pair<int, std::string>>& more,
                      facet_ids::NameTableWriter* names) {
  Xapian::Document doc;
  if (d.matches) doc.add_term("q");
  doc.add_term("all");
  std::vector<std::pair<int, std::string>> entities = more;
  for (const std::string& org : d.orgs) entities.emplace_back(0, org);
  std::vector<uint64_t> ids[facet_ids::kKinds];
  for (const auto& [kind, name] : entities) {
    uint64_t id = facet_ids::EntityId(kind, EntityKey(name));
    if (std::find(ids[kind].begin(), ids[kind].end(), id) == ids[kind].end()) {
      ids[kind].push_back(id);
    }
    names->Add(id, name);
  }
  if (!d.source.empty()) {
    ids[facet_ids::kSource].push_back(facet_ids::EntityId(facet_ids::kSource, EntityKey(d.source)));
    names->Add(ids[facet_ids::kSource][0], d.source);
  }
  if (!d.year.empty()) ids[facet_ids::kYear].push_back(std::stoul(d.year));
  std::string value = facet_ids::EncodeIds(ids);
  if (!value.empty()) doc.add_value(schema::kSlotEntityIds, value);
  return doc;
}

Xapian::Document Make(const Doc& d, facet_ids::NameTableWriter* names) {
  return Make(d, {}, names);
}

// Databases of `shards` in-memory shards, round-robin as Xapian numbers the
// documents of a combined database, each with its name table.
struct Sharded {
  std::vector<Xapian::WritableDatabase> dbs;
  Xapian::Database all;
  std::unique_ptr<FacetCache> names;
};

Sharded BuildDocs(int shards, const std::vector<Doc>& docs,
                  const std::vector<std::vector<std::pair<int, std::string>>>& more = {}) {
  Sharded s;
  std::vector<facet_ids::NameTableWriter> writers(shards);
  for (int i = 0; i < shards; ++i) s.dbs.emplace_back(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (size_t i = 0; i < docs.size(); ++i) {
    s.dbs[i % shards].add_document(
        Make(docs[i], i < more.size() ? more[i] : std::vector<std::pair<int, std::string>>{},
             &writers[i % shards]));
  }
  std::vector<Xapian::Database> plain;
  for (int i = 0; i < shards; ++i) {
    writers[i].Flush(&s.dbs[i]);
    s.dbs[i].commit();
    s.all.add_database(s.dbs[i]);
    plain.push_back(s.dbs[i]);
  }
  s.names = std::make_unique<FacetCache>(plain);
  return s;
}

Sharded Build(int shards) { return BuildDocs(shards, kDocs); }

std::map<std::string, std::vector<FacetValue>> Count(const Xapian::Database& db, bool stock,
                                                     const std::string& term, int limit,
                                                     FacetCache* names) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term));
  FacetCounter counter(db, stock, names);
  counter.Attach(&enquire);
  enquire.get_mset(0, 1, db.get_doccount());
  return counter.Top(limit);
}

std::map<std::string, std::vector<FacetValue>> Count(Sharded& s, bool stock,
                                                     const std::string& term, int limit) {
  return Count(s.all, stock, term, limit, s.names.get());
}

std::vector<std::pair<std::string, long>> Flat(const std::vector<FacetValue>& values) {
  std::vector<std::pair<std::string, long>> out;
  for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
  return out;
}

using Counts = std::vector<std::pair<std::string, long>>;

const struct {
  int shards;
  bool stock;
} kPaths[] = {{1, false}, {1, true}, {2, false}, {2, true}, {3, false}};

TEST(FacetCounterTest, CountsEveryMatchOnEveryPath) {
  for (const auto& c : kPaths) {
    SCOPED_TRACE("shards " + std::to_string(c.shards) + (c.stock ? " stock spies" : ""));
    Sharded s = Build(c.shards);
    auto top = Count(s, c.stock, "q", 20);
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
    Sharded s = Build(1);
    auto top = Count(s, stock, "all", 1);
    EXPECT_EQ(Flat(top["org"]), (Counts{{"Минпромторг", 3}}));  // ties with РЭЦ: by value
    EXPECT_EQ(Flat(top["source"]), (Counts{{"ТАСС", 4}}));
  }
}

TEST(FacetCounterTest, NoMatchNoCounts) {
  for (bool stock : {false, true}) {
    Sharded s = Build(2);
    auto top = Count(s, stock, "absent", 20);
    EXPECT_EQ(top.size(), 5u);
    for (const auto& [facet, values] : top) EXPECT_TRUE(values.empty()) << facet;
  }
}

TEST(FacetCounterTest, CaseVariantsAreOneEntityUnderTheCommonestName) {
  // The extractor writes one institution two ways; the key (EntityKey) is
  // one, and the facet shows the spelling most documents use, whatever the
  // sharding and the order the documents came in.
  std::vector<Doc> docs = {{{"Администрация Президента"}, "", "", true},
                           {{"Администрация президента"}, "", "", true},
                           {{"Администрация президента", "МИД"}, "", "", true},
                           {{"Мид"}, "", "", true},
                           {{"МИД"}, "", "", true}};
  for (const auto& c : kPaths) {
    for (bool reversed : {false, true}) {
      SCOPED_TRACE("shards " + std::to_string(c.shards) + (c.stock ? " stock" : "") +
                   (reversed ? " reversed" : ""));
      std::vector<Doc> order = docs;
      if (reversed) std::reverse(order.begin(), order.end());
      Sharded s = BuildDocs(c.shards, order);
      auto top = Count(s, c.stock, "q", 20);
      EXPECT_EQ(Flat(top["org"]), (Counts{{"Администрация президента", 3}, {"МИД", 3}}));
    }
  }
}

TEST(FacetCounterTest, SourcesGroupAsTheSourceFilterDoes) {
  // The source filter matches EntityKey(source): so does the facet count.
  std::vector<Doc> docs = {{{}, "ТАСС", "2024", true},
                           {{}, "Тасс", "2024", true},
                           {{}, "ТАСС", "2025", true},
                           {{}, "РИА Новости", "1999", true}};
  for (const auto& c : kPaths) {
    Sharded s = BuildDocs(c.shards, docs);
    auto top = Count(s, c.stock, "q", 20);
    EXPECT_EQ(Flat(top["source"]), (Counts{{"ТАСС", 3}, {"РИА Новости", 1}}));
    EXPECT_EQ(Flat(top["year"]), (Counts{{"2024", 2}, {"1999", 1}, {"2025", 1}}));
  }
}

TEST(FacetCounterTest, PersonsAndPlacesAreCountedApart) {
  // The same words as a person and as a place are two facet values.
  std::vector<Doc> docs = {{{}, "", "", true}, {{}, "", "", true}, {{}, "", "", false}};
  std::vector<std::vector<std::pair<int, std::string>>> more = {
      {{1, "Владимир Путин"}, {2, "Москва"}},
      {{1, "Владимир Путин"}, {2, "Королёв"}, {1, "Сергей Королёв"}},
      {{2, "Москва"}}};
  for (const auto& c : kPaths) {
    Sharded s = BuildDocs(c.shards, docs, more);
    auto top = Count(s, c.stock, "q", 20);
    EXPECT_EQ(Flat(top["person"]), (Counts{{"Владимир Путин", 2}, {"Сергей Королёв", 1}}));
    EXPECT_EQ(Flat(top["place"]), (Counts{{"Королёв", 1}, {"Москва", 1}}));
    EXPECT_TRUE(top["org"].empty());
  }
}

// Pseudo-random documents; the facet counts must equal a count over the
// documents themselves, on every path.
TEST(FacetCounterTest, CountsEqualABruteForceCount) {
  const std::vector<std::string> pool = {
      "Газпром", "ГАЗПРОМ", "Роснефть", "Сбербанк", "Верховная рада", "Верховная Рада",
      "Совет Федерации", "Госдума", "Минфин", "Минфин России", "Банк России", "ЦБ",
      "Росстат", "ФАС", "МЧС", "РЖД", "Аэрофлот", "Яндекс", "ВТБ", "Ростех"};
  uint64_t seed = 12345;
  auto next = [&seed](uint64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % n;
  };
  std::vector<Doc> docs;
  for (int i = 0; i < 600; ++i) {
    Doc d;
    d.matches = next(3) != 0;
    for (uint64_t k = next(5); k > 0; --k) {
      const std::string& name = pool[next(pool.size())];
      if (std::find(d.orgs.begin(), d.orgs.end(), name) == d.orgs.end()) d.orgs.push_back(name);
    }
    docs.push_back(d);
  }
  // Brute force: per EntityKey, the documents that match, and the spelling
  // most of them use (ties by byte order).
  std::map<std::string, std::set<int>> docs_of_key;
  std::map<std::string, std::map<std::string, long>> spellings;
  for (size_t i = 0; i < docs.size(); ++i) {
    for (const std::string& org : docs[i].orgs) {
      spellings[EntityKey(org)][org] += 1;
      if (docs[i].matches) docs_of_key[EntityKey(org)].insert(static_cast<int>(i));
    }
  }
  Counts expected;
  for (const auto& [key, ids] : docs_of_key) {
    std::string best;
    long best_n = 0;
    for (const auto& [name, n] : spellings[key]) {
      if (n > best_n) best = name, best_n = n;
    }
    expected.emplace_back(best, static_cast<long>(ids.size()));
  }
  std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  ASSERT_GT(expected.size(), 10u);
  for (const auto& c : kPaths) {
    SCOPED_TRACE("shards " + std::to_string(c.shards) + (c.stock ? " stock" : ""));
    Sharded s = BuildDocs(c.shards, docs);
    EXPECT_EQ(Flat(Count(s, c.stock, "q", 100)["org"]), expected);
    Counts first5(expected.begin(), expected.begin() + 5);
    EXPECT_EQ(Flat(Count(s, c.stock, "q", 5)["org"]), first5);
  }
}

TEST(FacetCounterTest, ManyTiesAtTheLimitDoNotDependOnSharding) {
  std::vector<Doc> docs;
  for (int i = 0; i < 2000; ++i) {
    docs.push_back({{"орг " + std::to_string(i), "общая", "орг " + std::to_string(i % 7)},
                    "", "", true});
  }
  Counts reference;
  for (const auto& c : kPaths) {
    Sharded s = BuildDocs(c.shards, docs);
    Counts top = Flat(Count(s, c.stock, "q", 4)["org"]);
    ASSERT_EQ(top.size(), 4u);
    // орг 0..6: 286 documents each (a document names "орг 0" once even
    // when it is also its own number); seven ties, named and sorted.
    EXPECT_EQ(top[0], (std::pair<std::string, long>{"общая", 2000}));
    EXPECT_EQ(top[1], (std::pair<std::string, long>{"орг 0", 286}));
    EXPECT_EQ(top[2], (std::pair<std::string, long>{"орг 1", 286}));
    EXPECT_EQ(top[3], (std::pair<std::string, long>{"орг 2", 286}));
    if (reference.empty()) reference = top;
    EXPECT_EQ(top, reference);
    // Past the named ties: 1,993 names counted once, chosen by id.
    Counts many = Flat(Count(s, c.stock, "q", 20)["org"]);
    ASSERT_EQ(many.size(), 20u);
    EXPECT_EQ(many[19].second, 1);
  }
}

TEST(FacetCounterTest, OpensTheShardsOfAStubForNames) {
  char tmpl[] = "/tmp/pressa-facet-names-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  std::vector<Doc> docs = {{{"Верховная Рада"}, "", "", true},
                           {{"Верховная рада"}, "", "", true},
                           {{"Верховная рада"}, "", "", true}};
  for (int shard = 0; shard < 2; ++shard) {
    Xapian::WritableDatabase db(dir + "/s" + std::to_string(shard),
                                Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    facet_ids::NameTableWriter names;
    // Shard 0 holds the capitalized spelling once, shard 1 the other twice.
    for (size_t i = shard; i < docs.size(); i += 2) db.add_document(Make(docs[i], &names));
    names.Flush(&db);
    db.commit();
  }
  std::ofstream(dir + "/all.stub") << "auto s0\nglass " << dir << "/s1\n";
  Xapian::Database all(dir + "/all.stub");
  FacetCache names(dir + "/all.stub");
  auto top = Count(all, false, "q", 20, &names);
  EXPECT_EQ(Flat(top["org"]), (Counts{{"Верховная рада", 3}}));
  // Without the shards, the first shard's table alone names it.
  top = Count(all, false, "q", 20, nullptr);
  EXPECT_EQ(Flat(top["org"]), (Counts{{"Верховная Рада", 3}}));
  std::filesystem::remove_all(dir);
}

// A glass database at `path` holding `docs`, with its name table.
void WriteGlass(const std::string& path, const std::vector<Doc>& docs) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  facet_ids::NameTableWriter names;
  for (const Doc& d : docs) db.add_document(Make(d, &names));
  names.Flush(&db);
  db.commit();
}

TEST(FacetCounterTest, FollowsAShardSwappedForANewGeneration) {
  char tmpl[] = "/tmp/pressa-facet-swap-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  // Two Pressa index directories (DIR/XAPIANDB names the live generation).
  for (const char* shard : {"a", "b"}) {
    WriteGlass(dir + "/" + shard + "/g1", {{{shard[0] == 'a' ? "Альфа" : "Бета"}, "", "", true}});
    std::ofstream(dir + "/" + shard + "/XAPIANDB") << "auto g1\n";
  }
  std::ofstream(dir + "/all.stub") << "auto a\nauto b\n";
  FacetCache cache(dir + "/all.stub");
  {
    Xapian::Database all(dir + "/all.stub");
    EXPECT_EQ(Flat(Count(all, false, "q", 20, &cache)["org"]),
              (Counts{{"Альфа", 1}, {"Бета", 1}}));
  }
  // Shard a is rebuilt: a new generation swapped in, the old one removed.
  WriteGlass(dir + "/a/g2", {{{"Альфа"}, "", "", true}, {{"Гамма"}, "", "", true}});
  std::ofstream(dir + "/a/XAPIANDB") << "auto g2\n";
  std::filesystem::remove_all(dir + "/a/g1");
  Xapian::Database all(dir + "/all.stub");  // as the searcher reopens
  EXPECT_EQ(Flat(Count(all, false, "q", 20, &cache)["org"]),
            (Counts{{"Альфа", 1}, {"Бета", 1}, {"Гамма", 1}}));
  std::filesystem::remove_all(dir);
}

TEST(FacetCounterTest, ColumnInMemoryCountsAsTheStreamAndFollowsCommits) {
  char tmpl[] = "/tmp/pressa-facet-column-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  std::vector<Doc> docs = kDocs;
  docs.push_back({{"Минпромторг"}, "ТАСС", "2024", false});  // not a match
  WriteGlass(dir + "/db", docs);
  FacetCache cache(dir + "/db");
  Counts want = {{"Минпромторг", 2}, {"РЭЦ", 2}, {"МАЗ", 1}, {"Центр поддержки экспорта", 1}};
  {
    Xapian::Database db(dir + "/db");
    // The first search streams, the second loads the column, the third uses it.
    for (int search = 0; search < 3; ++search) {
      auto top = Count(db, false, "q", 20, &cache);
      EXPECT_EQ(Flat(top["org"]), want) << "search " << search;
      EXPECT_EQ(Flat(top["year"]), (Counts{{"2024", 3}, {"2023", 1}})) << "search " << search;
    }
    EXPECT_TRUE(Count(db, false, "absent", 20, &cache)["org"].empty());
  }
  {
    Xapian::WritableDatabase db(dir + "/db", Xapian::DB_OPEN);
    facet_ids::NameTableWriter names;
    db.add_document(Make({{"МАЗ"}, "", "", true}, &names));
    names.Flush(&db);
    db.commit();
  }
  Xapian::Database db(dir + "/db");  // a new revision: the column is stale
  want = {{"МАЗ", 2}, {"Минпромторг", 2}, {"РЭЦ", 2}, {"Центр поддержки экспорта", 1}};
  for (int search = 0; search < 3; ++search) {
    EXPECT_EQ(Flat(Count(db, false, "q", 20, &cache)["org"]), want) << "search " << search;
  }
  std::filesystem::remove_all(dir);
}

class ShardsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE((dir_ = tmp_.path()).empty()); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << text;
    return path;
  }
  TempDir tmp_{"pressa-shards-test"};
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
    EXPECT_EQ(KindsOfShards(path).remote, c.remote) << c.name;
  }
  EXPECT_TRUE(KindsOfShards(dir_ + "/stubdir").remote);
  EXPECT_FALSE(KindsOfShards(dir_ + "/missing").remote);
  EXPECT_FALSE(KindsOfShards(dir_).remote);  // a directory without XAPIANDB
}

TEST_F(ShardsTest, ListsTheDatabasesOfNestedStubs) {
  Write("tcp.stub", "remote 127.0.0.1:6431\n");
  Write("gen-1/iamglass", "binary");
  Write("index/XAPIANDB", "auto ../gen-1\n");
  std::string top = Write("top.stub", "# shards\nauto index\nauto tcp.stub\nglass /abs/g\n"
                                      "remote :xapian-progsrv /db\n");
  std::vector<ShardSpec> shards = ListShards(top);
  ASSERT_EQ(shards.size(), 4u);
  EXPECT_FALSE(shards[0].remote);
  EXPECT_EQ(shards[0].target, dir_ + "/index/../gen-1");
  EXPECT_TRUE(shards[1].remote);
  EXPECT_EQ(shards[1].target, "127.0.0.1:6431");
  EXPECT_EQ(shards[2].target, "/abs/g");
  EXPECT_EQ(shards[3].target, ":xapian-progsrv /db");
  // A database that is not a stub is its own only shard.
  ASSERT_EQ(ListShards(dir_ + "/gen-1").size(), 1u);
  EXPECT_TRUE(ListShards(dir_ + "/missing").empty());
  Write("bad.stub", "chert /old\n");
  EXPECT_TRUE(ListShards(dir_ + "/bad.stub").empty());
}

TEST_F(ShardsTest, BinaryFileIsNotAStub) {
  std::string path = Write("single.glass", std::string("\0\1remote 1.2.3.4:5\n", 19));
  EXPECT_FALSE(KindsOfShards(path).remote);
}

}  // namespace
}  // namespace pressa

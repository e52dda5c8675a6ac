// A stub of local shards answers as one index of the same articles where the
// searcher first asks whether a query matches at all (strict or relaxed, the
// suggestion): Xapian 1.4 ends such a boolean match at its first document
// only on one database, so over shards the searcher lists the matches from
// the posting lists, or stops the matcher at its first match itself.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "tests/temp_dir.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

class ShardedSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(tmp_.path().empty());
    // The organization by its short name in some articles and by its full
    // name (a phrase the searcher checks by positions) in others, with or
    // without the other words the queries ask for.
    const char* kTexts[] = {
        "Минпромторг поддержал новый завод в Казани",
        "Министерство промышленности и торговли России открыло выставку станков",
        "Министерство промышленности и торговли России выделило заводу субсидию",
        "Минпромторг провёл совещание о поставках",
        "Футбольный клуб сыграл вничью в Перми",
        "Новый завод выпустил первую партию станков",
    };
    for (int shard = 0; shard < 2; ++shard) {
      fs::create_directories(Path("src" + std::to_string(shard)));
      std::ofstream out(Path("src" + std::to_string(shard) + "/a.jsonl"));
      for (int n = 0; n < 24; ++n) {
        out << "{\"id\": \"s" << shard << "-" << n << "\", \"date\": \"2024-0" << 1 + n % 9
            << "-1" << n % 10 << "\", \"text\": \"" << kTexts[(n + shard) % 6] << ". Номер "
            << n << ".\"}\n";
      }
    }
    for (int shard = 0; shard < 2; ++shard) {
      Index("shard" + std::to_string(shard), {Path("src" + std::to_string(shard))});
    }
    Index("single", {Path("src0"), Path("src1")});
    std::ofstream(Path("all.stub")) << "auto shard0\nauto shard1\n";
  }

  std::string Path(const std::string& name) const { return tmp_.path() + "/" + name; }

  void Index(const std::string& db, const std::vector<std::string>& paths) {
    IndexOptions options;
    options.db = Path(db);
    options.paths = paths;
    IndexSummary summary;
    Status s = RunIndex(options, &summary);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  TempDir tmp_{"pressa-sharded-search"};
};

// Total, hits (id, score), facets and suggestion of `query`, as text. Hits
// of equal score are listed by id: Xapian orders them by document id, which
// the shards interleave.
std::string Answer(Searcher* searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.limit = 50;
  request.facets = true;
  request.collapse = false;  // which reprint comes first depends on the ids
  Result<SearchResults> results = searcher->Search(request);
  EXPECT_TRUE(results.ok()) << results.status().ToString();
  if (!results.ok()) return "";
  std::vector<std::pair<std::string, std::string>> hits;  // (score, id)
  for (const SearchHit& hit : results->hits) hits.emplace_back(std::to_string(hit.score), hit.id);
  std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? std::stod(a.first) > std::stod(b.first) : a.second < b.second;
  });
  std::string out = std::to_string(results->total) + " " + results->suggestion + "\n";
  for (const auto& [score, id] : hits) out += id + " " + score + "\n";
  for (const auto& [kind, values] : results->facets) {
    for (const FacetValue& v : values) out += kind + " " + v.value + " " + std::to_string(v.count) + "\n";
  }
  return out;
}

long Total(Searcher* searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  Result<SearchResults> results = searcher->Search(request);
  return results.ok() ? results->total : -1;
}

TEST_F(ShardedSearchTest, StrictAndRelaxedQueriesAnswerAsOneIndex) {
  auto single = Searcher::Open(Path("single"));
  auto stub = Searcher::Open(Path("all.stub"));
  ASSERT_TRUE(single.ok()) << single.status().ToString();
  ASSERT_TRUE(stub.ok()) << stub.status().ToString();
  // Every word in some article: the strict query, on the matches it has.
  // "Минпромторг" also asks for its full name as a phrase.
  EXPECT_EQ(Total(single->get(), "Минпромторг"), 32);
  EXPECT_EQ(Total(single->get(), "Минпромторг станков"), 8);
  EXPECT_EQ(Total(single->get(), "завод Казани"), 8);
  // No article holds both: the relaxed query, on every article with either.
  EXPECT_EQ(Total(single->get(), "Минпромторг футбольный"), 40);
  EXPECT_EQ(Total(single->get(), "завод вничью"), 32);
  for (const char* query : {"Минпромторг", "Минпромторг станков", "завод Казани",
                            "Минпромторг футбольный", "завод вничью",
                            "\"промышленности и торговли\" субсидию", "станков -завод"}) {
    std::string expected = Answer(single->get(), query);
    EXPECT_EQ(Answer(stub->get(), query), expected) << query;
  }
}

}  // namespace
}  // namespace pressa

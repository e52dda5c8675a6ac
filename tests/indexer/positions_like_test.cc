// pressa-index --positions-like: an index takes another index's choice of the
// words with Xapian positions, keeps it through later runs and rebuilds, and
// answers as it would with its own choice.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "indexer/indexer.h"
#include "searcher/searcher.h"
#include "tests/temp_dir.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

class PositionsLikeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(tmp_.path().empty());
    // Two inputs with different words: each index chooses its own.
    Write("factories/a.jsonl", "f", "Завод открыл новый цех в Казани, станки работают круглые сутки");
    Write("football/b.jsonl", "m", "Нападающий забил гол в ворота соперника на последней минуте матча");
    Write("football-more/c.jsonl", "n", "Вратарь отразил пенальти, болельщики пели на трибунах");
    fs::create_directories(Path("nothing"));
  }

  std::string Path(const std::string& name) const { return tmp_.path() + "/" + name; }

  void Write(const std::string& file, const std::string& id_prefix, const std::string& text) {
    fs::create_directories(fs::path(Path(file)).parent_path());
    std::ofstream out(Path(file));
    for (int n = 0; n < 40; ++n) {
      out << "{\"id\": \"" << id_prefix << n << "\", \"date\": \"2024-05-1" << n % 10
          << "\", \"title\": \"Новость " << n << "\", \"text\": \"" << text << ". Номер " << n
          << ".\"}\n";
    }
  }

  Status Index(const std::string& db, const std::vector<std::string>& inputs,
               const std::string& like = "", bool rebuild = false) {
    IndexOptions options;
    options.db = Path(db);
    for (const std::string& input : inputs) options.paths.push_back(Path(input));
    if (!like.empty()) options.positions_like = Path(like);
    options.rebuild = rebuild;
    options.threads = 2;
    summary_ = IndexSummary();
    return RunIndex(options, &summary_);
  }

  std::string Meta(const std::string& db, const char* key) const {
    return Xapian::Database(Path(db)).get_metadata(key);
  }
  std::string Native(const std::string& db) const {
    return Meta(db, schema::kMetaNativePositions);
  }

  TempDir tmp_{"pressa-positions-like"};
  IndexSummary summary_;
};

// Hits (id, score) and total of `query`, as text.
std::string Answer(const std::string& db, const std::string& query) {
  auto searcher = Searcher::Open(db);
  EXPECT_TRUE(searcher.ok()) << searcher.status().ToString();
  if (!searcher.ok()) return "";
  SearchRequest request;
  request.query = query;
  request.limit = 100;
  Result<SearchResults> results = (*searcher)->Search(request);
  EXPECT_TRUE(results.ok()) << results.status().ToString();
  if (!results.ok()) return "";
  std::string out = std::to_string(results->total) + "\n";
  for (const SearchHit& hit : results->hits) out += hit.id + " " + std::to_string(hit.score) + "\n";
  return out;
}

TEST_F(PositionsLikeTest, AnIndexTakesTheWordsOfAnother) {
  ASSERT_TRUE(Index("factories-db", {"factories"}).ok());
  ASSERT_TRUE(Index("own", {"football"}).ok());
  ASSERT_TRUE(Index("like", {"football"}, "factories-db").ok());
  EXPECT_EQ(summary_.documents, 40);
  // Without the option the football index chooses its own words.
  ASSERT_NE(Native("own"), Native("factories-db"));
  EXPECT_EQ(Native("like"), Native("factories-db"));
  EXPECT_EQ(Meta("like", schema::kMetaNativeShared), "1");
  EXPECT_EQ(Meta("own", schema::kMetaNativeShared), "");
  // Its words' positions now live in the compact value: the same answers.
  for (const char* query : {"\"забил гол\"", "ворота матча", "\"номер 7\""}) {
    std::string expected = Answer(Path("own"), query);
    EXPECT_NE(expected.rfind("0\n", 0), 0u) << query << " finds nothing";
    EXPECT_EQ(Answer(Path("like"), query), expected) << query;
  }
  EXPECT_EQ(Answer(Path("own"), "\"гол забил\""), "0\n");
  EXPECT_EQ(Answer(Path("like"), "\"гол забил\""), "0\n");
}

TEST_F(PositionsLikeTest, LaterRunsAndRebuildsKeepTheChoice) {
  ASSERT_TRUE(Index("factories-db", {"factories"}).ok());
  ASSERT_TRUE(Index("like", {"football"}, "factories-db").ok());
  const std::string shared = Native("factories-db");
  // An incremental run with new words, then a rebuild, without the option.
  ASSERT_TRUE(Index("like", {"football", "football-more"}).ok());
  EXPECT_EQ(summary_.mode, "incremental");
  EXPECT_EQ(Native("like"), shared);
  ASSERT_TRUE(Index("like", {"football", "football-more"}, "", /*rebuild=*/true).ok());
  EXPECT_EQ(summary_.mode, "rebuild");
  EXPECT_EQ(summary_.documents, 80);
  EXPECT_EQ(Native("like"), shared);
  EXPECT_EQ(Meta("like", schema::kMetaNativeShared), "1");
  // Asking again for the same choice rebuilds nothing.
  ASSERT_TRUE(Index("like", {"football", "football-more"}, "factories-db").ok());
  EXPECT_EQ(summary_.mode, "incremental");
  EXPECT_EQ(summary_.indexed, 0);
}

TEST_F(PositionsLikeTest, AnIndexWithItsOwnChoiceIsRebuilt) {
  ASSERT_TRUE(Index("factories-db", {"factories"}).ok());
  ASSERT_TRUE(Index("own", {"football"}).ok());
  const std::string before = Answer(Path("own"), "\"забил гол\"");
  ASSERT_TRUE(Index("own", {"football"}, "factories-db").ok());
  EXPECT_EQ(summary_.mode, "rebuild");
  EXPECT_EQ(summary_.documents, 40);
  EXPECT_EQ(Native("own"), Native("factories-db"));
  EXPECT_EQ(Answer(Path("own"), "\"забил гол\""), before);
}

TEST_F(PositionsLikeTest, AMissingOrEmptyIndexIsRefusedAndNothingChanges) {
  ASSERT_TRUE(Index("own", {"football"}).ok());
  const std::string before = Native("own");
  Status missing = Index("own", {"football"}, "no-such-index");
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.ToString().find("no-such-index"), std::string::npos) << missing.ToString();
  ASSERT_TRUE(Index("empty", {"nothing"}).ok());
  Status empty = Index("own", {"football"}, "empty");
  EXPECT_FALSE(empty.ok());
  EXPECT_NE(empty.ToString().find("no articles"), std::string::npos) << empty.ToString();
  EXPECT_EQ(Native("own"), before);
  EXPECT_EQ(Xapian::Database(Path("own")).get_doccount(), 40u);
}

}  // namespace
}  // namespace pressa

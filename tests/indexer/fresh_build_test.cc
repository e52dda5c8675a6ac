// A fresh build whose workers write their shards in several parts (as a
// large corpus does) gives the same index as one written in one part each,
// however many parts there are and however they are merged.
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/indexer.h"
#include "searcher/searcher.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

class FreshBuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/pressa-fresh-XXXXXX";
    root_ = mkdtemp(tmpl);
    src_ = root_ + "/src";
    fs::create_directories(src_);
    // Articles naming organizations and places, and ids that come back
    // later in the input with a corrected text (which replaces the first).
    const char* kOrgs[] = {"Газпром нефть", "Сбербанк", "Росатом", "РЖД"};
    const char* kPlaces[] = {"Казани", "Перми", "Томске"};
    for (int file = 0; file < 3; ++file) {
      std::ofstream out(src_ + "/part" + std::to_string(file) + ".jsonl");
      for (int n = 0; n < 60; ++n) {
        int id = file < 2 ? file * 60 + n : n * 2;  // the third file repeats ids 0, 2, ...
        out << "{\"id\": \"a" << id << "\", \"date\": \"2024-0" << 1 + n % 9 << "-1" << n % 10
            << "\", \"title\": \"Новость " << id << "\", \"text\": \"Компания "
            << kOrgs[(id + file) % 4] << " открыла завод в " << kPlaces[n % 3]
            << ". Газета пишет о заводе номер " << id << " версия " << file << ".\"}\n";
      }
    }
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string Build(const std::string& name, long part_bytes, int merge_fan_in = 0) {
    IndexOptions options;
    options.db = root_ + "/" + name;
    options.paths = {src_};
    options.threads = 2;
    options.batch_size = 7;
    options.shard_part_bytes = part_bytes;
    options.merge_fan_in = merge_fan_in;
    IndexSummary summary;
    Status s = RunIndex(options, &summary);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(summary.documents, 120);
    return options.db;
  }

  std::string root_, src_;
};

// Every hit (id, score) and facet of `request`, as text.
std::string Answer(Searcher* searcher, SearchRequest request) {
  request.facets = true;
  request.limit = 100;
  Result<SearchResults> results = searcher->Search(request);
  EXPECT_TRUE(results.ok()) << results.status().ToString();
  if (!results.ok()) return "";
  std::string out = std::to_string(results->total) + "\n";
  for (const SearchHit& hit : results->hits) {
    out += hit.id + " " + std::to_string(hit.score) + "\n";
  }
  for (const auto& [kind, values] : results->facets) {
    for (const FacetValue& v : values) out += kind + " " + v.value + " " + std::to_string(v.count) + "\n";
  }
  return out;
}

// Every answer of `parts` equals that of `whole`.
void ExpectSameAnswers(Searcher* whole, Searcher* parts) {
  std::vector<SearchRequest> requests(6);
  requests[0].query = "завод";
  requests[1].query = "\"версия 2\"";  // the corrected copies, once each
  requests[2].query = "газета Казани";
  requests[3].orgs = {"Росатом"};
  requests[4].query = "новость";
  requests[4].from = "2024-03-01";
  requests[4].to = "2024-06-30";
  requests[5].places = {"Пермь"};
  for (size_t i = 0; i < requests.size(); ++i) {
    std::string expected = Answer(whole, requests[i]);
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(Answer(parts, requests[i]), expected) << "request " << i;
  }
}

TEST_F(FreshBuildTest, ShardsWrittenInPartsGiveTheSameIndex) {
  auto whole = Searcher::Open(Build("whole", 0));
  // About three articles a part: a repeated id goes back to a closed part.
  auto parts = Searcher::Open(Build("parts", 300));
  ASSERT_TRUE(whole.ok() && parts.ok());
  ExpectSameAnswers(whole->get(), parts->get());
  SearchRequest corrected;
  corrected.query = "\"версия 2\"";
  Result<SearchResults> results = (*parts)->Search(corrected);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->total, 60);
  corrected.query = "\"номер 2 версия 0\"";  // replaced by its correction
  results = (*parts)->Search(corrected);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->total, 0);
}

TEST_F(FreshBuildTest, PartsMergedInGroupsGiveTheSameIndex) {
  auto whole = Searcher::Open(Build("whole", 0));
  // About 40 parts and the run's state, merged three at a time: four passes
  // of intermediate merges before the last.
  auto grouped = Searcher::Open(Build("grouped", 300, 3));
  ASSERT_TRUE(whole.ok() && grouped.ok());
  ExpectSameAnswers(whole->get(), grouped->get());
}

// About one article a part: 120 parts, with repeats that go back to some 60
// of them. Under 128 open files neither fits at once: one merge of every part
// (Xapian opens each one's tables), or every part a repeat reopened.
TEST_F(FreshBuildTest, ManyPartsBuildUnderALowOpenFileLimit) {
  auto whole = Searcher::Open(Build("whole", 0));
  ASSERT_TRUE(whole.ok());
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = std::min<rlim_t>(128, saved.rlim_cur);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  std::string db = Build("tiny-parts", 100);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
  auto parts = Searcher::Open(db);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ExpectSameAnswers(whole->get(), parts->get());
}

}  // namespace
}  // namespace pressa

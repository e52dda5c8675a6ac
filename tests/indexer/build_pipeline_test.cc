// The incremental run's build pipeline: documents come back in input order,
// a writer's error stops it, and an incremental run with workers writes the
// very index that one thread writes.
#include "indexer/build_pipeline.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/schema.h"
#include "indexer/indexer.h"
#include "tests/temp_dir.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

Article MakeArticle(int n) {
  Article a;
  a.id = "p" + std::to_string(n);
  a.title = "Новость " + std::to_string(n);
  // Texts of very different lengths, so that workers finish out of order.
  a.text = "Компания Газпром открыла завод в Казани. ";
  for (int k = 0; k < (n * 37) % 23; ++k) a.text += "Завод номер " + std::to_string(k) + ". ";
  return a;
}

TEST(BuildPipelineTest, WritesEveryDocumentInInputOrder) {
  BuildPipeline::Options options;
  options.workers = 3;
  options.max_bytes = 2000;  // a few articles in flight: Submit waits and writes
  auto pipeline = BuildPipeline::Start(options);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  std::vector<std::string> written;
  size_t with_names = 0;
  auto write = [&](BuiltDocument* built) {
    written.push_back(built->article.id);
    // The document is the article's, stamped, with its entities' names.
    Xapian::TermIterator t = built->doc.termlist_begin();
    t.skip_to(schema::IdTerm(built->article.id));
    EXPECT_TRUE(t != built->doc.termlist_end() && *t == schema::IdTerm(built->article.id));
    EXPECT_FALSE(built->article.entities.empty()) << built->article.id;
    with_names += built->names.empty() ? 0 : 1;
    return Status::OK();
  };
  std::vector<std::string> submitted;
  for (int n = 0; n < 300; ++n) {
    Article a = MakeArticle(n);
    submitted.push_back(a.id);
    ASSERT_TRUE((*pipeline)->Submit(&a, n, write).ok());
  }
  ASSERT_TRUE((*pipeline)->Drain(write).ok());
  EXPECT_EQ(written, submitted);
  EXPECT_EQ(with_names, submitted.size());
}

TEST(BuildPipelineTest, AWritersErrorStopsTheWriting) {
  BuildPipeline::Options options;
  options.workers = 2;
  options.max_bytes = 500;
  auto pipeline = BuildPipeline::Start(options);
  ASSERT_TRUE(pipeline.ok());
  int calls = 0;
  auto write = [&](BuiltDocument*) {
    return ++calls == 5 ? Status::IOError("disk full") : Status::OK();
  };
  Status s;
  for (int n = 0; n < 100 && s.ok(); ++n) {
    Article a = MakeArticle(n);
    s = (*pipeline)->Submit(&a, n, write);
  }
  if (s.ok()) s = (*pipeline)->Drain(write);
  EXPECT_EQ(s.code(), Status::Code::kIOError);
  EXPECT_EQ(calls, 5);
}

// Every document (terms with wdf and positions, values, data) and every
// metadata entry (file states, name table) of the index at `db`, as text.
std::string Dump(const std::string& db) {
  Xapian::Database d(db);
  std::string out = "docs " + std::to_string(d.get_doccount()) + "\n";
  for (Xapian::PostingIterator it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    Xapian::Document doc = d.get_document(*it);
    out += "doc " + std::to_string(*it) + "\n";
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out += " " + *t + " " + std::to_string(t.get_wdf());
      for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        out += " " + std::to_string(*p);
      }
      out += "\n";
    }
    for (Xapian::ValueIterator v = doc.values_begin(); v != doc.values_end(); ++v) {
      out += " value " + std::to_string(v.get_valueno()) + " " + *v + "\n";
    }
    out += " data " + doc.get_data() + "\n";
  }
  for (Xapian::TermIterator k = d.metadata_keys_begin(); k != d.metadata_keys_end(); ++k) {
    out += "meta " + *k + " " + d.get_metadata(*k) + "\n";
  }
  return out;
}

class IncrementalPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(src_); }

  void WriteLines(const std::string& name, const std::vector<int>& ids, int version) {
    static const char* kOrgs[] = {"Газпром нефть", "Сбербанк", "Росатом", "РЖД"};
    static const char* kPlaces[] = {"Казани", "Перми", "Томске"};
    std::ofstream out(src_ + "/" + name);
    for (int id : ids) {
      out << "{\"id\": \"a" << id << "\", \"date\": \"2024-0" << 1 + id % 9 << "-1" << id % 10
          << "\", \"title\": \"Новость " << id << "\", \"text\": \"Компания "
          << kOrgs[(id + version) % 4] << " открыла завод в " << kPlaces[id % 3]
          << ". Газета пишет о заводе номер " << id << " версия " << version << ".";
      for (int k = 0; k < id % 7; ++k) out << " Завод в " << kPlaces[(id + k) % 3] << ".";
      out << "\"}\n";
    }
  }

  IndexSummary Index(const std::string& db, int threads) {
    IndexOptions options;
    options.db = db;
    options.paths = {src_};
    options.threads = threads;
    options.batch_size = 7;
    IndexSummary summary;
    Status s = RunIndex(options, &summary);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return summary;
  }

  TempDir tmp_{"pressa-pipeline"};
  const std::string root_ = tmp_.path();
  const std::string src_ = root_ + "/src";
};

TEST_F(IncrementalPipelineTest, WorkersWriteTheIndexOneThreadWrites) {
  std::vector<int> a, b;
  for (int id = 0; id < 60; ++id) a.push_back(id);
  for (int id = 100; id < 140; ++id) b.push_back(id);
  WriteLines("a.jsonl", a, 0);
  WriteLines("b.jsonl", b, 0);
  const std::string one = root_ + "/one", many = root_ + "/many";
  EXPECT_EQ(Index(one, 2).mode, "fresh");
  fs::copy(one, many, fs::copy_options::recursive);

  // Changed texts and new lines, a file cut short, a new file that takes
  // ids from the others and repeats its own: replaced and deleted
  // documents, names counted down and up again.
  for (int id = 60; id < 90; ++id) a.push_back(id);
  WriteLines("a.jsonl", a, 1);
  b.resize(25);
  WriteLines("b.jsonl", b, 0);
  std::vector<int> c = {5, 7, 200, 201, 202, 120, 200, 203, 7};
  WriteLines("c.jsonl", c, 2);

  IndexSummary by_one = Index(one, 1);
  IndexSummary by_many = Index(many, 3);
  EXPECT_EQ(by_one.mode, "incremental");
  EXPECT_EQ(by_many.mode, "incremental");
  EXPECT_GT(by_many.updated, 0);
  EXPECT_GT(by_many.deleted, 0);
  EXPECT_EQ(by_many.added, by_one.added);
  EXPECT_EQ(by_many.updated, by_one.updated);
  EXPECT_EQ(by_many.deleted, by_one.deleted);
  EXPECT_EQ(by_many.documents, by_one.documents);
  std::string expected = Dump(one);
  EXPECT_GT(expected.size(), 10000u);
  EXPECT_EQ(Dump(many), expected);
}

}  // namespace
}  // namespace pressa

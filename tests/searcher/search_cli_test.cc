// Tests of pressa-search's command line as a function (RunSearchCli) and of
// the front end's --db scan (DbArgument), including that the scan never names
// another index than the option parser itself would open.
#include "searcher/search_cli.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "searcher/db_argument.h"

namespace pressa {
namespace {

std::string Scan(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"pressa-search"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  return DbArgument(static_cast<int>(args.size() + 1), argv.data());
}

TEST(DbArgumentTest, Cases) {
  const struct {
    std::vector<std::string> args;
    const char* db;
  } cases[] = {
      {{"--db", "/srv/db", "экспорт"}, "/srv/db"},
      {{"--db=/srv/db", "экспорт"}, "/srv/db"},
      {{"экспорт", "--format", "json", "--db", "rel/db"}, "rel/db"},
      {{"--db", "/srv/db", "--", "--db", "/elsewhere"}, "/srv/db"},  // after "--": words
      {{"--db", "/srv/db", "-слово", "--d"}, ""},                    // an abbreviation
      {{"--d", "/srv/db"}, ""},
      {{"--d=/srv/db"}, ""},
      {{"--dbx", "/srv/db"}, ""},
      {{"--db", "/a", "--db", "/b"}, ""},
      {{"--db", "/a", "--db=/a"}, ""},  // twice, even the same
      {{"--", "--db", "/srv/db"}, ""},
      {{"--db"}, ""},
      {{"--db", ""}, ""},
      {{"--db="}, ""},
      {{"--db", "-x"}, ""},  // pressa-search hides "-x" from the parser
      {{"--db", "--"}, ""},
      {{"--db=-x"}, ""},
      {{"экспорт"}, ""},
      {{}, ""},
      {{"-d", "/srv/db"}, ""},  // no short form: a "-word" query term
      {{"--from", "2024-01-01", "--db", "/srv/db"}, "/srv/db"},
  };
  for (const auto& c : cases) {
    std::string joined;
    for (const std::string& a : c.args) joined += a + " ";
    EXPECT_EQ(Scan(c.args), c.db) << joined;
  }
  EXPECT_EQ(DbArgument(0, nullptr), "");  // argc 0: argv may hold nothing
}

// Random command lines of options, values, "--" and look-alikes: wherever the
// scan names an index, the option parser opens that one or none at all (a
// usage error, whose bytes do not depend on the index).
TEST(DbArgumentTest, AgreesWithTheOptionParser) {
  const std::string pool[] = {
      "--db",   "--db=/nx/A", "/nx/B",  "/nx/C",    "--",      "--d",         "--d=/nx/D",
      "--dbx",  "--format",   "json",   "--from",   "--db=",   "-слово",      "слово",
      "--limit", "3",         "--org",  "--facets", "-",       "--no-collapse", "--db=/nx/E",
  };
  std::mt19937 rng(7);
  int named = 0, opened = 0;
  for (int i = 0; i < 4000; ++i) {
    std::vector<std::string> args(rng() % 8);
    for (std::string& a : args) a = pool[rng() % std::size(pool)];
    std::string db = Scan(args);
    if (db.empty()) continue;
    ++named;
    std::ostringstream out, err;
    int code = RunSearchCli(args, false, nullptr, out, err);
    const std::string marker = "cannot open index ";
    size_t at = err.str().find(marker);
    std::string joined;
    for (const std::string& a : args) joined += a + " ";
    if (at == std::string::npos) {
      EXPECT_EQ(code, kSearchCliUsage) << joined << "\n" << err.str();
      continue;
    }
    ++opened;
    size_t end = err.str().find(": ", at + marker.size());
    EXPECT_EQ(err.str().substr(at + marker.size(), end - at - marker.size()), db) << joined;
    EXPECT_EQ(code, kSearchCliFailure);
  }
  EXPECT_GT(named, 100);
  EXPECT_GT(opened, 50);
}

TEST(SearchCliTest, HelpUsageErrorsAndExitCodes) {
  std::ostringstream out, err;
  EXPECT_EQ(RunSearchCli({"--help"}, false, nullptr, out, err), kSearchCliOk);
  EXPECT_EQ(out.str().rfind("Usage: pressa-search --db DIR", 0), 0u);
  EXPECT_EQ(err.str(), "");

  std::ostringstream out2, err2;
  EXPECT_EQ(RunSearchCli({"экспорт"}, false, nullptr, out2, err2), kSearchCliUsage);
  EXPECT_EQ(out2.str(), "");
  EXPECT_EQ(err2.str().rfind("pressa-search: --db DIR is required\n\nUsage:", 0), 0u);

  std::ostringstream out3, err3;
  EXPECT_EQ(RunSearchCli({"--db", "/nx", "--format", "xml"}, false, nullptr, out3, err3),
            kSearchCliUsage);
  EXPECT_EQ(err3.str(), "pressa-search: --format must be text or json\n");

  std::ostringstream out4, err4;
  EXPECT_EQ(RunSearchCli({"--db", "/nonexistent-pressa-index", "x"}, false, nullptr, out4, err4),
            kSearchCliFailure);
  EXPECT_EQ(out4.str(), "");
  EXPECT_NE(err4.str().find("/nonexistent-pressa-index"), std::string::npos);
}

}  // namespace
}  // namespace pressa

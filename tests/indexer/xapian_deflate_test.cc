// The indexer's zlib setting for Xapian (indexer/xapian_deflate.h): Xapian's
// term lists go through it and read back whole; other streams are untouched.
#include "indexer/xapian_deflate.h"

#include <stdlib.h>
#include <xapian.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pressa {
namespace {

namespace fs = std::filesystem;

// Raw deflate of `text` by a stream opened with these parameters.
std::string Deflate(const std::string& text, int level, int mem_level) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, level, Z_DEFLATED, -15, mem_level, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Inflate(const std::string& packed, size_t size) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, -15), Z_OK);
  std::string out(size, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

// Term-list-like text: sorted words with small counts, where zlib's levels
// 1 and 6 choose different matches.
std::string TermListText() {
  std::string text;
  for (int i = 0; i < 400; ++i) {
    text += "термин" + std::to_string(i * 7919 % 1000) + (i % 3 ? "ами" : "ого") + '\x01';
  }
  return text;
}

TEST(XapianDeflateTest, XapianTermListsTakeTheFastSettingAndReadBackWhole) {
  char tmpl[] = "/tmp/pressa-deflate-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = std::string(tmpl) + "/db";
  const long before = FastXapianDeflateStreams();
  std::vector<std::string> terms;
  {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    Xapian::Document doc;
    for (int i = 0; i < 300; ++i) {
      terms.push_back("слово" + std::to_string(i));
      doc.add_posting(terms.back(), i + 1);
    }
    db.add_document(doc);
    db.commit();
  }
  // A new database deflates its term list with a stream of its own.
  EXPECT_GT(FastXapianDeflateStreams(), before);
  Xapian::Database db(dir);
  std::vector<std::string> read(db.termlist_begin(1), db.termlist_end(1));
  std::sort(terms.begin(), terms.end());
  EXPECT_EQ(read, terms);
  fs::remove_all(tmpl);
}

TEST(XapianDeflateTest, XapiansParametersGiveLevelOneAndOthersAreLeftAlone) {
  const std::string text = TermListText();
  const long before = FastXapianDeflateStreams();
  const std::string as_xapian = Deflate(text, Z_DEFAULT_COMPRESSION, 9);
  EXPECT_EQ(FastXapianDeflateStreams(), before + 1);
  const std::string level1 = Deflate(text, 1, 8);
  const std::string level6 = Deflate(text, 6, 9);  // an explicit level passes unchanged
  EXPECT_EQ(FastXapianDeflateStreams(), before + 1);
  EXPECT_EQ(as_xapian, level1);
  EXPECT_NE(level1, level6);
  EXPECT_EQ(Inflate(as_xapian, text.size()), text);
  EXPECT_EQ(Inflate(level6, text.size()), text);
}

}  // namespace
}  // namespace pressa

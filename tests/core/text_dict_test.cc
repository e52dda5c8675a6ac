// Tests of the per-index stored-text dictionaries.
#include "core/text_dict.h"

#include <gtest/gtest.h>
#include <zdict.h>
#include <zstd.h>

#include <random>
#include <string>
#include <vector>

#include "core/schema.h"

namespace pressa::textdict {
namespace {

// News-like articles: a fixed vocabulary in varied order, as a corpus has.
std::vector<std::string> Articles(unsigned seed, int n) {
  const char* words[] = {"правительство", "области",  "губернатор", "сообщил",   "экспорт",
                         "предприятие",  "Смоленск", "Москва",     "министр",   "заявил",
                         "в",            "на",       "по",         "рублей",    "году",
                         "выставка",     "завод",    "продукции",  "поддержки", "центр"};
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    std::string text = "МОСКВА, " + std::to_string(1 + rng() % 28) + " мар — РИА Новости. ";
    for (int w = 0; w < 700; ++w) {
      text += words[rng() % 20];
      text += (w % 12 == 11) ? ". " : " ";
    }
    out.push_back(text);
  }
  return out;
}

TEST(TextDictTest, TooLittleSampleTrainsNothing) {
  EXPECT_EQ(Train({}), "");
  EXPECT_EQ(Train({"одна короткая статья", "другая"}), "");
  EXPECT_EQ(Register("not a dictionary"), 0u);
  EXPECT_TRUE(Known(0));
}

TEST(TextDictTest, StoredDocsRoundTripSmallerWithTheDictionary) {
  std::string dict = Train(Articles(1, 400));
  ASSERT_FALSE(dict.empty());
  EXPECT_LE(dict.size(), kMaxDictBytes);
  unsigned id = Register(dict);
  ASSERT_NE(id, 0u);
  EXPECT_TRUE(Known(id));
  EXPECT_EQ(Register(dict), id);  // once

  schema::StoredDoc doc;
  doc.id = "ria-1";
  doc.title = "Экспорт продукции";
  doc.text = Articles(2, 1)[0].substr(0, 1500);  // an article the dictionary never saw
  std::string with = schema::EncodeStoredDoc(doc, id);
  std::string without = schema::EncodeStoredDoc(doc, 0);
  EXPECT_EQ(schema::StoredDocDictionary(with), id);
  EXPECT_EQ(schema::StoredDocDictionary(without), 0u);
  EXPECT_LT(with.size(), without.size());
  for (const std::string& data : {with, without}) {
    auto decoded = schema::DecodeStoredDoc(data);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(decoded->text, doc.text);
    EXPECT_EQ(decoded->title, doc.title);
  }
}

TEST(TextDictTest, UnknownDictionaryIsAClearError) {
  std::string dict = Train(Articles(3, 400));  // trained, never registered
  ASSERT_FALSE(dict.empty());
  unsigned id = ZDICT_getDictID(dict.data(), dict.size());
  ASSERT_FALSE(Known(id));
  schema::StoredDoc doc;
  doc.text = "Губернатор Смоленской области заявил о поддержке экспорта.";
  // The body, recompressed with the unregistered dictionary.
  std::string plain = schema::EncodeStoredDoc(doc, 0);
  std::string_view frame(plain.data() + 2, plain.size() - 2);
  std::string body(ZSTD_getFrameContentSize(frame.data(), frame.size()), '\0');
  size_t frame_size = ZSTD_findFrameCompressedSize(frame.data(), frame.size());
  ASSERT_EQ(ZSTD_decompress(body.data(), body.size(), frame.data(), frame_size), body.size());
  std::string out(ZSTD_compressBound(body.size()), '\0');
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  size_t n = ZSTD_compress_usingDict(cctx, out.data(), out.size(), body.data(), body.size(),
                                     dict.data(), dict.size(), 3);
  ZSTD_freeCCtx(cctx);
  ASSERT_FALSE(ZSTD_isError(n));
  std::string data = std::string(plain.data(), 2) + out.substr(0, n);
  EXPECT_EQ(schema::StoredDocDictionary(data), id);
  auto decoded = schema::DecodeStoredDoc(data);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.status().message().find("dictionary " + std::to_string(id)),
            std::string::npos);
  ASSERT_EQ(Register(dict), id);  // once the index's dictionary is read
  auto again = schema::DecodeStoredDoc(data);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->text, doc.text);
}

}  // namespace
}  // namespace pressa::textdict

// Tests of the persistent schema encodings.
#include "core/schema.h"

#include <gtest/gtest.h>
#include <xapian.h>

namespace pressa::schema {
namespace {

TEST(SchemaTest, DateSlotRoundTrip) {
  struct Case {
    const char* date;
    const char* slot;
  } cases[] = {
      {"2026-02-08", "20260208"}, {"2024-02-29", "20240229"}, {"2026-02-30", ""},
      {"2025-02-29", ""},         {"2026-13-01", ""},         {"2026-00-10", ""},
      {"2026-2-8", ""},           {"", ""},                   {"abcd-ef-gh", ""},
      {"1900-02-29", ""},         {"2000-02-29", "20000229"}, {"2026-12-31", "20261231"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DateToSlot(c.date), c.slot) << c.date;
    if (*c.slot) {
      EXPECT_EQ(SlotToDate(c.slot), c.date);
    }
  }
}

TEST(SchemaTest, DateTerms) {
  EXPECT_EQ(DateTerms("2026-02-08"),
            (std::vector<std::string>{"Y2026", "M202602", "D20260208"}));
  EXPECT_TRUE(DateTerms("2026-02-30").empty());
}

TEST(SchemaTest, LongIdsAreHashedBelowTheTermLimit) {
  EXPECT_EQ(IdTerm("000_79f07d462ba013fb"), "Q000_79f07d462ba013fb");
  std::string long_id(300, 'x');
  std::string term = IdTerm(long_id);
  EXPECT_LE(term.size(), kMaxTermBytes);
  EXPECT_NE(term, IdTerm(long_id + "y"));
  EXPECT_EQ(term, IdTerm(long_id));
  // Cyrillic ids are two bytes a letter.
  std::string cyr;
  for (int i = 0; i < 130; ++i) cyr += "ж";
  EXPECT_LE(IdTerm(cyr).size(), kMaxTermBytes);
}

TEST(SchemaTest, ListRoundTrip) {
  std::vector<std::string> items{"Российский экспортный центр", "МАЗ", "Лазертаг"};
  EXPECT_EQ(DecodeList(EncodeList(items)), items);
  EXPECT_TRUE(DecodeList(EncodeList({})).empty());
}

TEST(SchemaTest, StoredDocRoundTrip) {
  StoredDoc doc;
  doc.id = "001";
  doc.title = "Заголовок";
  doc.text = std::string("текст с \0 нулём", 24);
  doc.date = "2026-02-08";
  doc.date_source = "field";
  doc.source = "РИА Новости";
  doc.url = "https://example.org/a?b=1&c=2";
  doc.entities.push_back({Entity::Type::kPerson, "Василий Анохин", "Анохина", 10, 17});
  doc.entities.push_back({Entity::Type::kPlace, "Беларусь", "Белоруссией", 20, 31});
  doc.entities.push_back({Entity::Type::kPerson, "Василий Анохин", "Анохин", 40, 46});
  doc.entities.push_back({Entity::Type::kOrg, "Беларусь", "Беларусь", 50, 58});
  auto decoded = DecodeStoredDoc(EncodeStoredDoc(doc));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->id, doc.id);
  EXPECT_EQ(decoded->title, doc.title);
  EXPECT_EQ(decoded->text, doc.text);
  EXPECT_EQ(decoded->date, doc.date);
  EXPECT_EQ(decoded->source, doc.source);
  EXPECT_EQ(decoded->url, doc.url);
  // The distinct names per kind, in first-mention order; no mention details.
  ASSERT_EQ(decoded->entities.size(), 3u);
  EXPECT_EQ(decoded->entities[0].type, Entity::Type::kPerson);
  EXPECT_EQ(decoded->entities[0].name, "Василий Анохин");
  EXPECT_EQ(decoded->entities[1].type, Entity::Type::kPlace);
  EXPECT_EQ(decoded->entities[1].name, "Беларусь");
  EXPECT_EQ(decoded->entities[2].type, Entity::Type::kOrg);
  EXPECT_EQ(decoded->entities[0].text, "");
  EXPECT_EQ(decoded->entities[0].end, 0);
}

TEST(SchemaTest, StoredDocIsCompressed) {
  StoredDoc doc;
  doc.id = "rt-1";
  for (int i = 0; i < 50; ++i) {
    doc.text += "Правительство Смоленской области сообщило о новых мерах поддержки. ";
  }
  std::string data = EncodeStoredDoc(doc);
  EXPECT_LT(data.size(), doc.text.size() / 5);
  auto decoded = DecodeStoredDoc(data);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->text, doc.text);
}

// Indexes written before version 2 stored every mention, uncompressed.
TEST(SchemaTest, DecodesVersionOneData) {
  auto put = [](std::string* out, const std::string& s) {
    out->push_back(static_cast<char>(s.size()));
    out->append(s);
  };
  std::string v1 = {'P', 1};
  for (const char* field : {"001", "Заголовок", "текст", "2026-02-08", "field", "", ""}) {
    put(&v1, field);
  }
  v1.push_back(1);  // one mention
  v1.push_back(1);  // kPerson
  put(&v1, "Василий Анохин");
  put(&v1, "Анохина");
  v1.push_back(10);
  v1.push_back(17);
  auto decoded = DecodeStoredDoc(v1);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->title, "Заголовок");
  ASSERT_EQ(decoded->entities.size(), 1u);
  EXPECT_EQ(decoded->entities[0].name, "Василий Анохин");
  EXPECT_EQ(decoded->entities[0].text, "Анохина");
  EXPECT_EQ(decoded->entities[0].end, 17);
}

TEST(SchemaTest, StoredDocBytesReadTheSlotElseTheDocumentData) {
  StoredDoc stored;
  stored.id = "a1";
  stored.text = "текст статьи";
  const std::string bytes = EncodeStoredDoc(stored);
  Xapian::Document current;
  current.add_value(kSlotStoredDoc, bytes);
  EXPECT_EQ(StoredDocBytes(current), bytes);
  EXPECT_EQ(current.get_data(), "");
  Xapian::Document schema5;  // stored in the document data, zero tail and all
  schema5.set_data(bytes + std::string(128, '\0'));
  auto decoded = DecodeStoredDoc(StoredDocBytes(schema5));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->text, "текст статьи");
  EXPECT_EQ(StoredDocBytes(Xapian::Document()), "");
}

TEST(SchemaTest, ForeignOrTruncatedDataIsCorruption) {
  EXPECT_FALSE(DecodeStoredDoc("").ok());
  EXPECT_FALSE(DecodeStoredDoc("url=http://omega-style").ok());
  StoredDoc doc;
  doc.text = "some text";
  std::string frame = EncodeStoredDoc(doc);
  // Up to schema 5 the document data had a zero tail after the zstd frame;
  // such data still reads. The frame itself may not be cut.
  std::string data = frame + std::string(128, '\0');
  auto tailed = DecodeStoredDoc(data);
  ASSERT_TRUE(tailed.ok()) << tailed.status().ToString();
  EXPECT_EQ(tailed->text, "some text");
  auto truncated = DecodeStoredDoc(frame.substr(0, frame.size() - 3));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), Status::Code::kCorruption);
  std::string flipped = data;
  flipped[flipped.size() / 2] ^= 0x55;
  auto damaged = DecodeStoredDoc(flipped);  // an error, never a crash
  if (damaged.ok()) {
    EXPECT_NE(damaged->text, "");
  }
  std::string huge = {'P', 3, '\x28', '\xb5', '\x2f', '\xfd', '\x00', '\x00'};
  EXPECT_FALSE(DecodeStoredDoc(huge).ok());
}

}  // namespace
}  // namespace pressa::schema

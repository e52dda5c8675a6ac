// Tests of entity ids, their slot encoding and the name table (core/facet_ids.h).
#include "core/facet_ids.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace pressa::facet_ids {
namespace {

std::vector<std::pair<int, uint64_t>> Decode(const std::string& value, bool* ok) {
  std::vector<std::pair<int, uint64_t>> out;
  *ok = ForEachId(value, [&](int kind, uint64_t id) { out.emplace_back(kind, id); });
  return out;
}

TEST(FacetIdsTest, IdsAreFortyEightBitsAndDependOnTheKind) {
  uint64_t org = EntityId(0, "москва");
  EXPECT_LT(org, 1ULL << 48);
  EXPECT_NE(org, EntityId(2, "москва"));
  EXPECT_EQ(org, EntityId(0, "москва"));
  // Persistent: an index written today must read the same id tomorrow.
  EXPECT_EQ(NameKey(0x0123456789abULL), "pressa.n:0123456789ab");
}

TEST(FacetIdsTest, SlotValueRoundTrips) {
  const struct {
    std::vector<uint64_t> ids[kKinds];
  } cases[] = {
      {{{1, (1ULL << 48) - 1}, {}, {42}}},
      {{{}, {7}, {}}},
      {{{}, {}, {}}},
  };
  for (const auto& c : cases) {
    std::string value = EncodeIds(c.ids);
    bool ok = false;
    auto decoded = Decode(value, &ok);
    EXPECT_TRUE(ok);
    std::vector<std::pair<int, uint64_t>> expected;
    for (int kind = 0; kind < kKinds; ++kind) {
      for (uint64_t id : c.ids[kind]) expected.emplace_back(kind, id);
    }
    EXPECT_EQ(decoded, expected);
  }
  EXPECT_TRUE(EncodeIds(cases[2].ids).empty());
  EXPECT_EQ(EncodeIds(cases[1].ids).size(), 2 + kIdBytes);  // trailing kinds left out
}

TEST(FacetIdsTest, MalformedSlotValuesAreRefused) {
  for (const std::string& value : {std::string("\x02\x00\x00\x00\x00\x00\x01", 7),
                                   std::string("\x80", 1), std::string("\x00\x00\x00\x05", 4)}) {
    bool ok = true;
    Decode(value, &ok);
    EXPECT_FALSE(ok);
  }
}

TEST(FacetIdsTest, VariantsMergeAndTheCommonestWins) {
  std::string a = EncodeVariants({{"Верховная Рада", 1}, {"Верховная рада", 2}});
  std::string b = EncodeVariants({{"Верховная Рада", 2}});
  EXPECT_EQ(BestVariant(a), "Верховная рада");
  EXPECT_EQ(BestVariant(MergeVariants(a, b)), "Верховная Рада");  // 3 against 2
  // Equal counts: byte order, so any order of merging gives one answer.
  std::string c = EncodeVariants({{"Верховная рада", 1}});
  EXPECT_EQ(BestVariant(MergeVariants(b, EncodeVariants({{"Верховная рада", 2}}))),
            "Верховная Рада");
  EXPECT_EQ(BestVariant(MergeVariants(c, EncodeVariants({{"Верховная Рада", 1}}))),
            BestVariant(MergeVariants(EncodeVariants({{"Верховная Рада", 1}}), c)));
  EXPECT_EQ(BestVariant(""), "");
  EXPECT_EQ(DecodeVariants(std::string("\x05\x20", 2)).size(), 0u);  // truncated
}

TEST(FacetIdsTest, WriterSessionsAddUpAndCompactionMergesShards) {
  char tmpl[] = "/tmp/pressa-facet-ids-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  uint64_t id = EntityId(0, "верховная рада");
  for (int shard = 0; shard < 2; ++shard) {
    Xapian::WritableDatabase db(dir + "/s" + std::to_string(shard),
                                Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    db.set_metadata("other", "shard " + std::to_string(shard));
    NameTableWriter names;
    names.Add(id, shard == 0 ? "Верховная Рада" : "Верховная рада");
    names.Flush(&db);
    // A second session adds to what the first wrote.
    names.Add(id, "Верховная рада");
    EXPECT_EQ(names.pending(), 1u);
    names.Flush(&db);
    EXPECT_EQ(names.pending(), 0u);
    db.commit();
  }
  Xapian::Database both;
  both.add_database(Xapian::Database(dir + "/s0"));
  both.add_database(Xapian::Database(dir + "/s1"));
  NameTableCompactor compactor;
  both.compact(dir + "/out", Xapian::Compactor::FULL, 0, compactor);
  Xapian::Database out(dir + "/out");
  Variants merged = DecodeVariants(out.get_metadata(NameKey(id)));
  std::sort(merged.begin(), merged.end());
  EXPECT_EQ(merged, (Variants{{"Верховная Рада", 1}, {"Верховная рада", 3}}));
  EXPECT_EQ(out.get_metadata("other"), "shard 0");  // other keys: the first value
  std::filesystem::remove_all(dir);
}

TEST(NameTableTest, RemovedNamesLeaveTheTable) {
  char tmpl[] = "/tmp/pressa-facet-ids-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  uint64_t id = EntityId(0, "верховная рада"), other = EntityId(0, "кнессет");
  {
    Xapian::WritableDatabase db(dir + "/db", Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    NameTableWriter names;
    names.Add(id, "Верховная Рада");
    names.Add(id, "Верховная Рада");
    names.Add(id, "Верховная рада");
    names.Add(other, "Кнессет");
    names.Flush(&db);
    // Two documents that wrote "Верховная Рада" are replaced, the only one
    // that named the Knesset is deleted.
    names.Remove(id, "Верховная Рада");
    names.Remove(id, "Верховная Рада");
    names.Remove(other, "Кнессет");
    names.Flush(&db);
    db.commit();
  }
  Xapian::Database db(dir + "/db");
  EXPECT_EQ(DecodeVariants(db.get_metadata(NameKey(id))), (Variants{{"Верховная рада", 1}}));
  EXPECT_EQ(db.get_metadata(NameKey(other)), "");
  EXPECT_EQ(db.metadata_keys_begin(NameKey(other)), db.metadata_keys_end(NameKey(other)));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pressa::facet_ids

// The index schema: term prefixes, value slots and document data encoding.
//
// THIS IS A PERSISTENT FORMAT. Do not change the values of existing entries:
// indexes written by earlier versions rely on them. Add new entries instead
// and bump kSchemaVersion when old indexes can no longer be read.
#ifndef PRESSA_CORE_SCHEMA_H_
#define PRESSA_CORE_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/status.h"

namespace Xapian {
class Document;
}

namespace pressa::schema {

// Written to the database metadata key kMetaSchema on every commit.
// 2: entity facets as compact ids (kSlotEntityIds + a name table,
//    core/facet_ids.h) instead of name lists in slots 2-4.
// 3: source and year facets in kSlotEntityIds too (slots 1 and 5 dropped).
// 4: stored documents compressed with the index's own zstd dictionary
//    (core/text_dict.h), trained on its first build.
// 5: the positions of rare terms in one compact value per document
//    (kSlotPositions, core/positions.h); Xapian positional postings only for
//    the frequent terms (kMetaNativePositions), or all with --positions.
// 6: the stored document in a value slot (kSlotStoredDoc) instead of the
//    document data, which Xapian deflates on every write.
inline constexpr int kSchemaVersion = 6;
inline constexpr const char* kMetaSchema = "pressa.schema";
// The entity alias table the index was built with (AliasTable::Serialize()).
inline constexpr const char* kMetaAliases = "pressa.aliases";
// The terms whose positions are Xapian positional postings (the others' are
// in kSlotPositions): positions::NativeTerms::Encode(). "*" for all terms, as
// an index served to remote searchers through xapian-tcpsrv needs.
inline constexpr const char* kMetaNativePositions = "pressa.native_positions";
// "1" when kMetaNativePositions was taken from another index
// (pressa-index --positions-like), so that the shards of a stub agree on it:
// a rebuild keeps the list instead of choosing one from its own articles.
inline constexpr const char* kMetaNativeShared = "pressa.native_positions_shared";

// ---- Term prefixes (Xapian conventions: X... for our own) ----
// Free-text terms are unprefixed: the Russian stem of each normalized word.
// Their positions are Xapian positional postings for frequent terms and in
// kSlotPositions for the others (kMetaNativePositions). Stopwords are not
// indexed but keep their positions.
inline constexpr const char* kPrefixId = "Q";         // Q<id> (hashed if long)
inline constexpr const char* kPrefixAcronym = "XA";   // XA<lowercase acronym>, positional
inline constexpr const char* kPrefixYear = "Y";       // Y2026
inline constexpr const char* kPrefixMonth = "M";      // M202602
inline constexpr const char* kPrefixDay = "D";        // D20260208
inline constexpr const char* kPrefixSource = "XS";    // XS<normalized source>
inline constexpr const char* kPrefixOrg = "XO";       // XO<entity key>
inline constexpr const char* kPrefixPerson = "XP";    // XP<entity key>
inline constexpr const char* kPrefixPlace = "XL";     // XL<entity key>
inline constexpr const char* kPrefixFile = "XF";      // XF<16 hex FNV-1a of origin path>, boolean

// Position gap between the title and the body so that phrases never span them.
inline constexpr unsigned kTitleBodyGap = 100;
// Within-document frequency given to a title word (a body word gets 1).
inline constexpr unsigned kTitleWdf = 3;

// ---- Value slots ----
inline constexpr unsigned kSlotDate = 0;      // "YYYYMMDD", sortable; absent if undated
// Slot 1 held the year "YYYY" up to schema 2; do not reuse it.
// Slots 2-4 held EncodeList()s of entity display names up to schema 1; do
// not reuse them.
// Slot 5 held the display source up to schema 2; do not reuse it.
inline constexpr unsigned kSlotSignature = 6; // NearDuplicateSignature() of the body
// Incremental-indexing stamp: 8 bytes FNV-1a(origin path) + 8 bytes content
// hash of the article's source (file or JSON line), both big-endian
// (indexer/index_state.h, StampValue).
inline constexpr unsigned kSlotStamp = 7;
// The document's distinct entities per kind, its source and its year as
// ids, for facet counting (facet_ids::EncodeIds; names in the facet_ids
// name table).
inline constexpr unsigned kSlotEntityIds = 8;
// The word positions of the title and body for the terms without Xapian
// positional postings: positions::Encoder's value.
inline constexpr unsigned kSlotPositions = 9;
// The stored document (EncodeStoredDoc); up to schema 5 it was the document
// data. Xapian 1.4 runs zlib over every document data it writes and keeps
// the result when smaller, which a zstd frame never is: that deflate was 5%
// of a fresh build's instructions. Values are stored as they are.
inline constexpr unsigned kSlotStoredDoc = 10;

// Longest term Xapian stores reliably; longer ids are hashed.
inline constexpr size_t kMaxTermBytes = 240;

// The unique id term for an article id ("Q" + id, or "Q#" + hex hash when long).
std::string IdTerm(std::string_view id);

// Prefixed boolean terms for a date "YYYY-MM-DD" (Y, M, D); empty if malformed.
std::vector<std::string> DateTerms(std::string_view date);

// "YYYY-MM-DD" -> "YYYYMMDD" for kSlotDate; empty if malformed or not a
// calendar date (2026-02-30).
std::string DateToSlot(std::string_view date);
// "YYYYMMDD" -> "YYYY-MM-DD"; empty if malformed.
std::string SlotToDate(std::string_view slot);

// A list of strings in one value slot: each item followed by '\0'.
std::string EncodeList(const std::vector<std::string>& items);
std::vector<std::string> DecodeList(std::string_view encoded);

// What a document stores for display (its Xapian document data).
struct StoredDoc {
  std::string id;
  std::string title;
  std::string text;
  std::string date;         // "YYYY-MM-DD" or empty
  std::string date_source;  // DateSourceName()
  std::string source;
  std::string url;
  std::vector<Entity> entities;
};

// Compressed with dictionary `text_dict` (core/text_dict.h; registered in
// this process), or with none for 0.
std::string EncodeStoredDoc(const StoredDoc& doc, unsigned text_dict = 0);
// Needs the dictionary the data names (StoredDocDictionary) registered.
Result<StoredDoc> DecodeStoredDoc(std::string_view data);
// A document's stored bytes for DecodeStoredDoc: kSlotStoredDoc, or the
// document data where an older index (or shard) kept them.
std::string StoredDocBytes(const Xapian::Document& doc);
// The id of the dictionary that stored document data needs; 0 for none.
unsigned StoredDocDictionary(std::string_view data);

}  // namespace pressa::schema

#endif  // PRESSA_CORE_SCHEMA_H_

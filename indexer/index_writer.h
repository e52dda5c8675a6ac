// The index writer: one WritableDatabase, batched commits, schema metadata.
#ifndef PRESSA_INDEXER_INDEX_WRITER_H_
#define PRESSA_INDEXER_INDEX_WRITER_H_

#include <memory>
#include <string>

#include <xapian.h>

#include "core/facet_ids.h"
#include "core/status.h"
#include "core/xapian_status.h"

namespace pressa {

class IndexWriter {
 public:
  // Opens or creates the index at `dir`. Locked if another process writes it.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& dir);

  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;
  // Xapian commits an unfinished batch implicitly here, swallowing errors:
  // call Commit() to know it succeeded.
  ~IndexWriter();

  // Adds or replaces the document whose unique id term is `id_term`;
  // `*existed` (optional) tells which. A replaced document's names leave the
  // name table (ForgetNames).
  Status Put(const std::string& id_term, const Xapian::Document& doc, bool* existed = nullptr);
  // Document `did` is about to be deleted: its names leave the name table
  // at the next commit. A document whose stored data cannot be read keeps
  // its names there (they only ever name facets of other documents).
  void ForgetNamesOf(Xapian::docid did);
  // Stores a metadata value (written with the next commit).
  Status SetMetadata(const std::string& key, const std::string& value);
  // Commits everything so far (and the schema version).
  Status Commit();
  // Entity names to flush into the name table before each commit (the
  // DocumentBuilder's that builds the documents Put here); may be null.
  void SetNameTable(facet_ids::NameTableWriter* names) { names_ = names; }

  Xapian::WritableDatabase& db() { return db_; }

 private:
  explicit IndexWriter(Xapian::WritableDatabase db) : db_(std::move(db)) {}
  Xapian::WritableDatabase db_;
  facet_ids::NameTableWriter* names_ = nullptr;
  facet_ids::NameTableWriter forgotten_;  // names of replaced and deleted documents
};

}  // namespace pressa

#endif  // PRESSA_INDEXER_INDEX_WRITER_H_

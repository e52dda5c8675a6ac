// IndexWriter: Xapian errors become Status values here.
#include "indexer/index_writer.h"

#include "core/schema.h"
#include "indexer/document_builder.h"
#include "core/xapian_status.h"

namespace pressa {

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& dir) {
  try {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(db)));
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot open index " + dir);
  }
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::ForgetNamesOf(Xapian::docid did) {
  ForgetDocumentNames(db_, did, &forgotten_);
}

Status IndexWriter::Put(const std::string& id_term, const Xapian::Document& doc, bool* existed) {
  try {
    Xapian::PostingIterator old = db_.postlist_begin(id_term);
    bool replaces = old != db_.postlist_end(id_term);
    if (existed != nullptr) *existed = replaces;
    if (replaces) ForgetNamesOf(*old);
    db_.replace_document(id_term, doc);
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot write document");
  }
}

Status IndexWriter::SetMetadata(const std::string& key, const std::string& value) {
  try {
    if (db_.get_metadata(key) == value) return Status::OK();
    db_.set_metadata(key, value);
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot write metadata");
  }
}

Status IndexWriter::Commit() {
  try {
    // Only when it differs: a run that changed nothing then writes no new revision.
    std::string version = std::to_string(schema::kSchemaVersion);
    if (db_.get_metadata(schema::kMetaSchema) != version) {
      db_.set_metadata(schema::kMetaSchema, version);
    }
    if (names_ != nullptr) names_->Flush(&db_);
    forgotten_.Flush(&db_);
    db_.commit();
    return Status::OK();
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot commit the index");
  }
}

}  // namespace pressa

// StatusFromXapian.
#include "core/xapian_status.h"

namespace pressa {

Status StatusFromXapian(const Xapian::Error& e, const std::string& context) {
  std::string msg = context + ": " + e.get_msg();
  // The system's reason, when there is one: "Couldn't open ... read/write"
  // alone did not say that the limit on open files was reached.
  if (e.get_error_string() != nullptr) msg += std::string(" (") + e.get_error_string() + ")";
  std::string type = e.get_type();
  if (type == "DatabaseLockError") {
    return Status::Locked(context + ": the index is locked by another writer");
  }
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
    return Status::NotFound(msg);
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    return Status::Corruption(msg);
  }
  if (type == "InvalidArgumentError" || type == "QueryParserError") {
    return Status::InvalidArgument(msg);
  }
  return Status::IOError(msg);
}

}  // namespace pressa

// Converts Xapian exceptions into Status values, in the .cc files that call Xapian.
#ifndef PRESSA_CORE_XAPIAN_STATUS_H_
#define PRESSA_CORE_XAPIAN_STATUS_H_

#include <string>

#include <xapian.h>

#include "core/status.h"

namespace pressa {

// DatabaseLockError → Locked, opening/not-found → NotFound, corrupt or
// version errors → Corruption, invalid arguments → InvalidArgument, the rest
// → IOError. The message starts with `context`.
Status StatusFromXapian(const Xapian::Error& e, const std::string& context);

}  // namespace pressa

#endif  // PRESSA_CORE_XAPIAN_STATUS_H_

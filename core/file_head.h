// Reading the start of a small file with POSIX calls only: the static front
// ends link no iostreams, and in the other programs a first iostream costs a
// cold process more than the search of a rare word.
#ifndef PRESSA_CORE_FILE_HEAD_H_
#define PRESSA_CORE_FILE_HEAD_H_

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <string>

namespace pressa {

// Up to `limit` bytes from the start of the file at `path` into *out; false
// if it cannot be opened.
inline bool ReadFileHead(const std::string& path, size_t limit, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out->resize(limit);
  size_t got = 0;
  while (got < limit) {
    ssize_t n = ::read(fd, &(*out)[got], limit - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  out->resize(got);
  return true;
}

}  // namespace pressa

#endif  // PRESSA_CORE_FILE_HEAD_H_

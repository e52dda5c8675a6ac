// The socket plumbing of pressa-searchd (query_server.cc): timeouts, whole
// reads and writes, and claiming the socket's path.
#ifndef PRESSA_SEARCHER_SERVER_SOCKET_H_
#define PRESSA_SEARCHER_SERVER_SOCKET_H_

#include <sys/un.h>

#include <cstddef>
#include <string>

#include "core/status.h"

namespace pressa::serversock {

// `what` and strerror(errno).
std::string Errno(const std::string& what);

// Send and receive timeouts of `fd` (SO_RCVTIMEO, SO_SNDTIMEO).
void SetTimeouts(int fd, double seconds);

// Bytes read before EOF, a timeout or an error.
size_t ReadFull(int fd, char* buf, size_t n);

// Sends all of `data` (MSG_NOSIGNAL added to `flags`); false on an error or
// a timeout.
bool WriteFull(int fd, const std::string& data, int flags);

// A Unix-domain address for `path`; false if it does not fit.
bool MakeAddress(const std::string& path, sockaddr_un* addr);

// Refuses a path that is not a socket or where a server answers; removes
// the socket file a dead server left.
Status ClaimSocketPath(const std::string& path, const sockaddr_un& addr);

}  // namespace pressa::serversock

#endif  // PRESSA_SEARCHER_SERVER_SOCKET_H_

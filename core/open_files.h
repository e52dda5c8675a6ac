// The limit on open files of the search processes, raised for many shards.
#ifndef PRESSA_CORE_OPEN_FILES_H_
#define PRESSA_CORE_OPEN_FILES_H_

namespace pressa {

// Raises this process's soft limit on open files to its hard limit. A search
// over a stub of many shards (an archive sharded by month: hundreds) holds
// each shard's tables open, and under the usual soft limit of 1,024 it failed
// with "Too many open files"; the hard limit is what the administrator
// allows. Called at the start of the search binaries' main; never fails (a
// limit that cannot be read or raised stays as it was). Xapian 1.4 waits on
// its remote connections with poll(), so descriptors past FD_SETSIZE are safe.
void RaiseOpenFileLimit();

}  // namespace pressa

#endif  // PRESSA_CORE_OPEN_FILES_H_

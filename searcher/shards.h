// Index shards: what a Xapian stub database lists, for the searcher's choice of
// facet counting (a stock xapian-tcpsrv runs only Xapian's own match spies).
#ifndef PRESSA_SEARCHER_SHARDS_H_
#define PRESSA_SEARCHER_SHARDS_H_

#include <string>
#include <vector>

namespace pressa {

// Which kinds of database `db_path` opens: `remote` if it is a Xapian stub
// database (a stub file, or a directory holding XAPIANDB) that lists a
// `remote` shard, directly or through nested stubs; `local` if it opens a
// local one. A glass directory is one local database; an unreadable path or
// a malformed stub gives neither, and Xapian itself reports those when it
// opens the path.
struct ShardKinds {
  bool local = false;
  bool remote = false;
};
ShardKinds KindsOfShards(const std::string& db_path);

// One database of a stub, nested stubs followed: a local database path, or a
// remote one as its stub line gives it ("HOST:PORT" or ":PROGRAM ARGS").
struct ShardSpec {
  bool remote = false;
  std::string target;
};

// The databases `db_path` opens, in Xapian's order: the path itself when it
// is not a stub. Empty for a malformed or unreadable stub.
std::vector<ShardSpec> ListShards(const std::string& db_path);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SHARDS_H_

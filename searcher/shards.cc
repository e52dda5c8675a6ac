// Reads Xapian stub database files (one shard per line: `auto PATH`, `glass
// PATH`, `remote HOST:PORT`, `remote :PROGRAM ARGS`, `inmemory`, `#` comments)
// the way Xapian 1.4 does, to find remote shards.
#include "searcher/shards.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace pressa {
namespace {

constexpr int kMaxStubDepth = 8;  // stubs may nest; a loop must not hang us

bool HasRemoteAt(const std::string& db_path, int depth);

bool StubHasRemote(const std::string& stub_file, int depth) {
  std::ifstream in(stub_file, std::ios::binary);
  if (!in) return false;
  std::string dir = stub_file.substr(0, stub_file.find_last_of('/') + 1);
  std::string line;
  while (std::getline(in, line)) {
    // A single-file glass database is binary; stubs are text.
    if (line.find('\0') != std::string::npos) return false;
    std::istringstream words(line);
    std::string type, path;
    words >> type;
    if (type.empty() || type[0] == '#') continue;
    if (type == "remote") return true;
    std::getline(words >> std::ws, path);
    if (type != "auto" || path.empty()) continue;
    // Relative paths are relative to the stub file's directory, as in Xapian.
    if (path[0] != '/') path = dir + path;
    if (HasRemoteAt(path, depth + 1)) return true;
  }
  return false;
}

bool HasRemoteAt(const std::string& db_path, int depth) {
  if (depth > kMaxStubDepth) return false;
  struct stat st;
  if (stat(db_path.c_str(), &st) != 0) return false;
  if (S_ISREG(st.st_mode)) return StubHasRemote(db_path, depth);
  if (!S_ISDIR(st.st_mode)) return false;
  std::string stub = db_path + "/XAPIANDB";
  return stat(stub.c_str(), &st) == 0 && StubHasRemote(stub, depth);
}

}  // namespace

bool HasRemoteShards(const std::string& db_path) { return HasRemoteAt(db_path, 0); }

}  // namespace pressa

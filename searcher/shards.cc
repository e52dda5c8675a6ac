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

bool ListAt(const std::string& db_path, int depth, std::vector<ShardSpec>* out);

// Appends the databases of a stub file; false if it is not one we can read.
bool ListStub(const std::string& stub_file, int depth, std::vector<ShardSpec>* out) {
  std::ifstream in(stub_file, std::ios::binary);
  if (!in) return false;
  std::string dir = stub_file.substr(0, stub_file.find_last_of('/') + 1);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find('\0') != std::string::npos) return false;
    std::istringstream words(line);
    std::string type, target;
    words >> type;
    if (type.empty() || type[0] == '#') continue;
    std::getline(words >> std::ws, target);
    if (type == "remote") {
      out->push_back({true, target});
      continue;
    }
    if ((type != "auto" && type != "glass") || target.empty()) return false;
    if (target[0] != '/') target = dir + target;
    if (type == "glass") {
      out->push_back({false, target});
    } else if (!ListAt(target, depth + 1, out)) {
      return false;
    }
  }
  return true;
}

bool ListAt(const std::string& db_path, int depth, std::vector<ShardSpec>* out) {
  if (depth > kMaxStubDepth) return false;
  struct stat st;
  if (stat(db_path.c_str(), &st) != 0) return false;
  std::string stub = db_path + "/XAPIANDB";
  if (S_ISDIR(st.st_mode) && stat(stub.c_str(), &st) == 0) return ListStub(stub, depth, out);
  if (S_ISREG(st.st_mode)) {
    // A single-file glass database starts with binary; a stub is text.
    std::ifstream in(db_path, std::ios::binary);
    char head[16] = {};
    in.read(head, sizeof head);
    if (std::string(head, static_cast<size_t>(in.gcount())).find('\0') == std::string::npos) {
      return ListStub(db_path, depth, out);
    }
  }
  out->push_back({false, db_path});
  return true;
}

}  // namespace

std::vector<ShardSpec> ListShards(const std::string& db_path) {
  std::vector<ShardSpec> shards;
  if (!ListAt(db_path, 0, &shards)) shards.clear();
  return shards;
}

bool HasRemoteShards(const std::string& db_path) {
  for (const ShardSpec& shard : ListShards(db_path)) {
    if (shard.remote) return true;
  }
  return false;
}

}  // namespace pressa

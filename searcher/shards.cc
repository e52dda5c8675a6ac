// Reads Xapian stub database files (one shard per line: `auto PATH`, `glass
// PATH`, `remote HOST:PORT`, `remote :PROGRAM ARGS`, `inmemory`, `#` comments)
// the way Xapian 1.4 does, to find remote shards.
#include "searcher/shards.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>

#include "core/file_head.h"

namespace pressa {
namespace {

constexpr int kMaxStubDepth = 8;  // stubs may nest; a loop must not hang us

bool ListAt(const std::string& db_path, int depth, std::vector<ShardSpec>* out);

// A stub is a few short lines; anything larger is not one we read.
constexpr size_t kMaxStubBytes = 1 << 16;

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Appends the databases of a stub file; false if it is not one we can read.
bool ListStub(const std::string& stub_file, int depth, std::vector<ShardSpec>* out) {
  std::string text;
  if (!ReadFileHead(stub_file, kMaxStubBytes + 1, &text) || text.size() > kMaxStubBytes) {
    return false;
  }
  if (text.find('\0') != std::string::npos) return false;
  std::string dir = stub_file.substr(0, stub_file.find_last_of('/') + 1);
  size_t start = 0;
  while (start < text.size()) {
    size_t eol = text.find('\n', start);
    if (eol == std::string::npos) eol = text.size();
    // "TYPE TARGET": TYPE up to the first blank, TARGET the rest of the line
    // after the blanks that follow it.
    size_t i = start;
    while (i < eol && IsSpace(text[i])) ++i;
    size_t type_end = i;
    while (type_end < eol && !IsSpace(text[type_end])) ++type_end;
    std::string type = text.substr(i, type_end - i);
    size_t t = type_end;
    while (t < eol && IsSpace(text[t])) ++t;
    std::string target = text.substr(t, eol - t);
    start = eol + 1;
    if (type.empty() || type[0] == '#') continue;
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
    std::string head;
    if (ReadFileHead(db_path, 16, &head) && head.find('\0') == std::string::npos) {
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

ShardKinds KindsOfShards(const std::string& db_path) {
  ShardKinds kinds;
  for (const ShardSpec& shard : ListShards(db_path)) {
    (shard.remote ? kinds.remote : kinds.local) = true;
  }
  return kinds;
}

}  // namespace pressa

// IndexDir: flock-based writer lock, stub-file generations, atomic swap.
#include "indexer/index_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pressa {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStub = "XAPIANDB";
constexpr const char* kLockFile = "pressa-index.lock";
constexpr const char* kGenPrefix = "gen-";
constexpr const char* kBuildPrefix = "build-";

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// "gen-000012" → 12; -1 if the name is not a generation of `prefix`.
int NumberOf(const std::string& name, const std::string& prefix) {
  if (name.compare(0, prefix.size(), prefix) != 0 || name.size() == prefix.size()) return -1;
  int n = 0;
  for (size_t i = prefix.size(); i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || n > 100000000) return -1;
    n = n * 10 + (name[i] - '0');
  }
  return n;
}

std::string GenName(const char* prefix, int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%06d", prefix, n);
  return buf;
}

Status SyncPath(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return Status::IOError(Errno("cannot open " + path));
  int rc = ::fsync(fd);
  ::close(fd);
  // Some filesystems refuse fsync on a directory; the data files matter most.
  if (rc != 0 && !(directory && errno == EINVAL)) return Status::IOError(Errno("fsync " + path));
  return Status::OK();
}

// Files of a glass database that a plain-layout DIR holds.
bool IsGlassFile(const std::string& name) {
  return name == "iamglass" || name == "flintlock" ||
         (name.size() > 6 && name.compare(name.size() - 6, 6, ".glass") == 0);
}

}  // namespace

Result<std::unique_ptr<IndexDir>> IndexDir::Lock(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    return Status::IOError("cannot create index directory " + dir +
                           (ec ? ": " + ec.message() : ": not a directory"));
  }
  std::string lock_path = (fs::path(dir) / kLockFile).string();
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(Errno("cannot open lock file " + lock_path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Status::Locked("another pressa-index is updating " + dir + " (lock " + lock_path +
                            "); try again when it has finished");
    }
    errno = err;
    return Status::IOError(Errno("cannot lock " + lock_path));
  }
  return std::unique_ptr<IndexDir>(new IndexDir(dir, fd));
}

IndexDir::~IndexDir() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string IndexDir::StubTarget() const {
  std::ifstream in(fs::path(dir_) / kStub);
  std::string type, target;
  if (!(in >> type >> target)) return "";
  fs::path p(target);
  return (p.is_absolute() ? p : fs::path(dir_) / p).string();
}

IndexDir::Layout IndexDir::layout() const {
  std::error_code ec;
  // Xapian prefers a glass database over a stub in the same directory.
  if (fs::exists(fs::path(dir_) / "iamglass", ec)) return Layout::kPlain;
  if (!StubTarget().empty()) return Layout::kGenerations;
  return Layout::kEmpty;
}

std::string IndexDir::LivePath() const {
  switch (layout()) {
    case Layout::kPlain: return dir_;
    case Layout::kGenerations: return StubTarget();
    case Layout::kEmpty: break;
  }
  return "";
}

int IndexDir::MaxGeneration() const {
  int max = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    max = std::max({max, NumberOf(name, kGenPrefix), NumberOf(name, kBuildPrefix)});
  }
  return max;
}

void IndexDir::RemoveStale(std::vector<std::string>* removed) {
  std::string live = layout() == Layout::kGenerations ? StubTarget() : "";
  std::string live_name = live.empty() ? "" : fs::path(live).filename().string();
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    bool gen = NumberOf(name, kGenPrefix) >= 0 || NumberOf(name, kBuildPrefix) >= 0;
    bool tmp = name.compare(0, std::strlen(kStub) + 1, std::string(kStub) + ".") == 0;
    // Files of a plain layout whose conversion was interrupted after the swap.
    bool old_glass = !live.empty() && entry.is_regular_file() && IsGlassFile(name);
    if ((gen && name != live_name) || tmp || old_glass) stale.push_back(entry.path());
  }
  for (const fs::path& p : stale) {
    std::error_code rm;
    fs::remove_all(p, rm);
    if (!rm && removed != nullptr) removed->push_back(p.string());
  }
}

Status IndexDir::NextGeneration(std::string* gen_path, std::string* scratch_path) {
  int n = MaxGeneration() + 1;
  *gen_path = (fs::path(dir_) / GenName(kGenPrefix, n)).string();
  *scratch_path = (fs::path(dir_) / GenName(kBuildPrefix, n)).string();
  std::error_code ec;
  fs::remove_all(*gen_path, ec);
  fs::remove_all(*scratch_path, ec);
  fs::create_directories(*scratch_path, ec);
  if (ec) return Status::IOError("cannot create " + *scratch_path + ": " + ec.message());
  return Status::OK();
}

Status IndexDir::Publish(const std::string& gen_path) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(gen_path, ec)) {
    if (entry.is_regular_file()) {
      Status s = SyncPath(entry.path().string(), false);
      if (!s.ok()) return s;
    }
  }
  if (ec) return Status::IOError("cannot list " + gen_path + ": " + ec.message());
  Status s = SyncPath(gen_path, true);
  if (!s.ok()) return s;

  const bool was_plain = layout() == Layout::kPlain;
  std::string stub = (fs::path(dir_) / kStub).string();
  std::string tmp = stub + ".tmp";
  {
    std::string text = "auto " + fs::path(gen_path).filename().string() + "\n";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IOError(Errno("cannot write " + tmp));
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
              ::fsync(fd) == 0;
    int err = errno;
    ::close(fd);
    if (!ok) {
      ::unlink(tmp.c_str());
      errno = err;
      return Status::IOError(Errno("cannot write " + tmp));
    }
  }
  if (::rename(tmp.c_str(), stub.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Status::IOError(Errno("cannot replace " + stub));
  }
  if (was_plain) {
    // The stub takes over only once iamglass is gone: this unlink is the swap.
    if (::unlink((fs::path(dir_) / "iamglass").c_str()) != 0) {
      return Status::IOError(Errno("cannot retire the old index in " + dir_));
    }
  }
  s = SyncPath(dir_, true);
  if (!s.ok()) return s;

  if (was_plain) {
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
      if (entry.is_regular_file() && IsGlassFile(entry.path().filename().string())) {
        std::error_code rm;
        fs::remove(entry.path(), rm);
      }
    }
  }
  RemoveStale(nullptr);
  return Status::OK();
}

}  // namespace pressa

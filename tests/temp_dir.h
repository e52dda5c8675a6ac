// A fresh directory under /tmp for one test, removed with everything in it
// when the test's fixture goes.
#ifndef PRESSA_TESTS_TEMP_DIR_H_
#define PRESSA_TESTS_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace pressa {

class TempDir {
 public:
  // /tmp/PREFIX-XXXXXX; path() is empty if it could not be made.
  explicit TempDir(const std::string& prefix) {
    std::string name = "/tmp/" + prefix + "-XXXXXX";
    if (mkdtemp(name.data()) != nullptr) path_ = name;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace pressa

#endif  // PRESSA_TESTS_TEMP_DIR_H_

// RaiseOpenFileLimit lifts the soft limit on open files to the hard one.
#include "core/open_files.h"

#include <sys/resource.h>

#include <gtest/gtest.h>

namespace pressa {
namespace {

TEST(OpenFilesTest, SoftLimitRisesToTheHardLimit) {
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  if (saved.rlim_max != RLIM_INFINITY && saved.rlim_max <= 64) {
    GTEST_SKIP() << "the hard limit leaves no room below it";
  }
  rlimit low = saved;
  low.rlim_cur = 64;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  RaiseOpenFileLimit();
  rlimit now{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &now), 0);
  EXPECT_EQ(now.rlim_cur, saved.rlim_max);
  EXPECT_EQ(now.rlim_max, saved.rlim_max);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
}

}  // namespace
}  // namespace pressa

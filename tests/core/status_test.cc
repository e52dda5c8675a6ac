// Tests of Status and Result.
#include "core/status.h"

#include <gtest/gtest.h>

namespace pressa {
namespace {

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status::OK().ok());
  EXPECT_EQ(Status::OK().ToString(), "OK");
  Status s = Status::Locked("index busy");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsLocked());
  EXPECT_EQ(s.ToString(), "Locked: index busy");
  EXPECT_TRUE(Status::NotFound("x").IsNotFound());
  EXPECT_TRUE(Status::InvalidArgument("x").IsInvalidArgument());
  EXPECT_TRUE(Status::IOError("x").IsIOError());
}

TEST(StatusTest, ResultHoldsValueOrStatus) {
  Result<int> good(42);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad(Status::Corruption("broken"));
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "broken");
}

}  // namespace
}  // namespace pressa

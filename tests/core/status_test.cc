// Tests of Status and Result, and of Xapian errors turned into a Status.
#include "core/status.h"

#include <cerrno>
#include <cstring>

#include <gtest/gtest.h>
#include <xapian.h>

#include "core/xapian_status.h"

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

// A database that cannot be opened keeps its kind, and says why when the
// system said: out of descriptors is not a missing index.
TEST(StatusTest, XapianErrorsKeepTheSystemsReason) {
  Status s = StatusFromXapian(
      Xapian::DatabaseOpeningError("Couldn't open /x/postlist.glass to read", EMFILE),
      "cannot merge the new index");
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.message(), std::string("cannot merge the new index: Couldn't open "
                                     "/x/postlist.glass to read (") +
                             std::strerror(EMFILE) + ")");
  Status locked = StatusFromXapian(Xapian::DatabaseLockError("held", EAGAIN), "cannot write");
  EXPECT_TRUE(locked.IsLocked());
  Status plain = StatusFromXapian(Xapian::DatabaseCorruptError("bad block"), "cannot read");
  EXPECT_EQ(plain.code(), Status::Code::kCorruption);
  EXPECT_EQ(plain.message(), "cannot read: bad block");
}

}  // namespace
}  // namespace pressa

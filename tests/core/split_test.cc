#include "core/split.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pressa {
namespace {

using Pieces = std::vector<std::string>;

TEST(SplitTest, KeepsEveryPieceInOrder) {
  EXPECT_EQ(SplitAt("владимир владимирович путин", ' '),
            (Pieces{"владимир", "владимирович", "путин"}));
  EXPECT_EQ(SplitAt("a:b", ':'), (Pieces{"a", "b"}));
  EXPECT_EQ(SplitAt("one", ':'), (Pieces{"one"}));
}

TEST(SplitTest, EmptyPiecesCount) {
  EXPECT_EQ(SplitAt("", ':'), (Pieces{""}));
  EXPECT_EQ(SplitAt(":", ':'), (Pieces{"", ""}));
  EXPECT_EQ(SplitAt("a::b:", ':'), (Pieces{"a", "", "b", ""}));
}

}  // namespace
}  // namespace pressa

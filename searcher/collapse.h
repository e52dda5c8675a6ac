// Folding reprints in a ranked list: near-duplicate texts join the best
// ranked of them.
#ifndef PRESSA_SEARCHER_COLLAPSE_H_
#define PRESSA_SEARCHER_COLLAPSE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace pressa {

// Two texts whose estimated shingle overlap reaches this are one story.
inline constexpr double kNearDuplicateSimilarity = 0.5;

struct CollapsedGroup {
  size_t leader = 0;             // index into the ranked list
  std::vector<size_t> members;   // the leader's reprints, in rank order
};

// Groups a ranked list by NearDuplicateSignature() values (one per hit, in
// rank order; an empty signature never collapses). The groups keep the order
// of their leaders, so a page cut from them is stable.
std::vector<CollapsedGroup> CollapseNearDuplicates(const std::vector<std::string>& signatures);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_COLLAPSE_H_

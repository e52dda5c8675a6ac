// Greedy grouping: each hit joins the first earlier leader it nearly duplicates.
#include "searcher/collapse.h"

#include "core/signature.h"

namespace pressa {

std::vector<CollapsedGroup> CollapseNearDuplicates(const std::vector<std::string>& signatures) {
  std::vector<CollapsedGroup> groups;
  for (size_t i = 0; i < signatures.size(); ++i) {
    bool joined = false;
    if (!signatures[i].empty()) {
      for (CollapsedGroup& g : groups) {
        if (SignatureSimilarity(signatures[g.leader], signatures[i]) >= kNearDuplicateSimilarity) {
          g.members.push_back(i);
          joined = true;
          break;
        }
      }
    }
    if (!joined) groups.push_back(CollapsedGroup{i, {}});
  }
  return groups;
}

}  // namespace pressa

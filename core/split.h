// Splitting a string at a separator character.
#ifndef PRESSA_CORE_SPLIT_H_
#define PRESSA_CORE_SPLIT_H_

#include <string>
#include <string_view>
#include <vector>

namespace pressa {

// The pieces of `s` between the separators, in order, empty ones included:
// n separators give n + 1 pieces (an empty `s` one empty piece).
inline std::vector<std::string> SplitAt(std::string_view s, char separator) {
  std::vector<std::string> pieces;
  size_t at = 0;
  while (true) {
    size_t end = s.find(separator, at);
    if (end == std::string_view::npos) {
      pieces.emplace_back(s.substr(at));
      return pieces;
    }
    pieces.emplace_back(s.substr(at, end - at));
    at = end + 1;
  }
}

}  // namespace pressa

#endif  // PRESSA_CORE_SPLIT_H_

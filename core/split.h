// Splitting a string at a separator character, and trimming its spaces.
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

// `s` without leading and trailing ASCII whitespace and NBSP (C2 A0), as
// Python's str.strip() trims them.
inline std::string_view TrimSpace(std::string_view s) {
  while (true) {
    if (!s.empty() && (s.front() == ' ' || (s.front() >= '\t' && s.front() <= '\r'))) {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && (s.back() == ' ' || (s.back() >= '\t' && s.back() <= '\r'))) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

}  // namespace pressa

#endif  // PRESSA_CORE_SPLIT_H_

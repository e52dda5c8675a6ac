// The `name = value` lines of Pressa's small config files (pressa.cgi.conf),
// parsed without any library so that the static front ends can share it.
#ifndef PRESSA_CORE_CONFIG_LINES_H_
#define PRESSA_CORE_CONFIG_LINES_H_

#include <cstddef>
#include <string_view>

namespace pressa {

// A config file is read up to this many bytes.
inline constexpr size_t kMaxConfigBytes = 64 * 1024;

// `s` without leading and trailing spaces, tabs and carriage returns.
inline std::string_view TrimConfigSpace(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Calls `fn(name, value)` for each `name = value` line of `text` in order,
// both trimmed (the value may be empty), until `fn` returns false. Lines are
// split at '\n'; blank lines, lines whose first non-blank character is '#'
// and lines without '=' are skipped; a line is split at its first '='.
template <typename Fn>
void ForEachConfigEntry(std::string_view text, Fn&& fn) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = TrimConfigSpace(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    if (!fn(TrimConfigSpace(line.substr(0, eq)), TrimConfigSpace(line.substr(eq + 1)))) return;
  }
}

}  // namespace pressa

#endif  // PRESSA_CORE_CONFIG_LINES_H_

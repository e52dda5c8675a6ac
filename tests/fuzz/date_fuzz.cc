// Fuzz target: ISO dates, datelines and context years from arbitrary text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "indexer/date_extractor.h"

namespace {

// Every date handed out must be a real "YYYY-MM-DD".
void CheckDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') std::abort();
  int y = std::atoi(d.substr(0, 4).c_str());
  int m = std::atoi(d.substr(5, 2).c_str());
  int day = std::atoi(d.substr(8, 2).c_str());
  if (!pressa::IsValidDate(y, m, day)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  pressa::Result<std::string> iso = pressa::ParseIsoDate(text);
  if (iso.ok()) CheckDate(*iso);

  int64_t mtime = 0;
  for (size_t i = 0; i < size && i < 8; ++i) mtime = (mtime << 8) | data[i];
  int year = pressa::ContextYear(text, mtime);
  if (year != 0 && (year < 1990 || year > 2099)) std::abort();

  std::string date;
  pressa::DateSource source = pressa::DateSource::kNone;
  for (int context_year : {0, 2026}) {
    if (pressa::FindDateline(text, context_year, &date, &source)) CheckDate(date);
  }
  return 0;
}

// Publication dates: ISO dates from metadata, datelines from article text.
#ifndef PRESSA_INDEXER_DATE_EXTRACTOR_H_
#define PRESSA_INDEXER_DATE_EXTRACTOR_H_

#include <string>
#include <string_view>

#include "core/article.h"
#include "core/status.h"

namespace pressa {

// True for a real calendar date (leap years included).
bool IsValidDate(int year, int month, int day);

// Normalizes an ISO 8601 date or date-time ("2026-02-08", "2026-02-08T10:00:00+03:00",
// "2026-02-08 10:00") to "YYYY-MM-DD". InvalidArgument for a malformed or
// impossible date such as 2026-02-30, with a message that quotes it.
Result<std::string> ParseIsoDate(std::string_view text);

// A year to complete datelines that lack one, from a file's context: a
// 4-digit year (1990–2099) in a directory or file name of `path`, else the
// year of `mtime_ns`. 0 if neither gives one.
int ContextYear(std::string_view path, int64_t mtime_ns);

// Looks for a dateline near the top of `text` (the first ~300 characters):
// "МОСКВА, 8 фев - РИА Новости", "8 февраля 2026 года", "08.02.2026".
// On success sets *date ("YYYY-MM-DD") and *source (kDateline, or
// kDatelineContextYear when the year came from `context_year`) and returns
// true. Impossible dates are never returned.
bool FindDateline(std::string_view text, int context_year, std::string* date,
                  DateSource* source);

}  // namespace pressa

#endif  // PRESSA_INDEXER_DATE_EXTRACTOR_H_

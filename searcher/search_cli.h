// pressa-search's whole command line, from argv to the bytes it writes and
// its exit code, as a function: the in-process program (search_main.cc) and
// pressa-searchd (answering the thin pressa-search front end) share it.
#ifndef PRESSA_SEARCHER_SEARCH_CLI_H_
#define PRESSA_SEARCHER_SEARCH_CLI_H_

#include <ostream>
#include <string>
#include <vector>

namespace pressa {

class Searcher;

inline constexpr int kSearchCliOk = 0;
inline constexpr int kSearchCliUsage = 1;    // bad options, a bad query, an unknown --like id
inline constexpr int kSearchCliFailure = 2;  // the index cannot be opened or searched

// Runs pressa-search with `args` (argv after argv[0]): parses them, searches
// and renders the results (in colour when `stdout_is_tty` and --format text)
// to `out`, help to `out`, and every error message to `err`; returns the exit
// code. `searcher_or_null`, when given, answers instead of opening --db (the
// caller vouches that it serves that index; --db must still be given); it is
// used from this thread only. Never throws: an escaping exception becomes
// "internal error" and kSearchCliFailure.
int RunSearchCli(const std::vector<std::string>& args, bool stdout_is_tty,
                 Searcher* searcher_or_null, std::ostream& out, std::ostream& err);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SEARCH_CLI_H_

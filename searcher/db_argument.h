// Which index a pressa-search command line names, read as its option parser
// would read it, for the thin front end that must not load that parser.
#ifndef PRESSA_SEARCHER_DB_ARGUMENT_H_
#define PRESSA_SEARCHER_DB_ARGUMENT_H_

#include <string>

namespace pressa {

// The value of --db in argv[1..argc), or "" when it is not certain what
// pressa-search's parser (Boost.Program_options, search_cli.cc) makes of
// it. Boost reads options up to the first "--" only; before it, exactly one
// "--db DIR" or "--db=DIR" must appear, and nothing else it could take for
// --db (it accepts unambiguous abbreviations, "--d"; "--dbx" is an error).
// A DIR that starts with '-' gives "" too (pressa-search hides such
// arguments from the parser as "-word" query terms), as does an empty one.
// Never throws, allocates only the result.
std::string DbArgument(int argc, const char* const* argv);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_DB_ARGUMENT_H_

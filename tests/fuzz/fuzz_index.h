// A small Pressa index built once per fuzzing process from corpus/, for the
// targets that run whole searches (query parser, CGI).
#ifndef PRESSA_TESTS_FUZZ_FUZZ_INDEX_H_
#define PRESSA_TESTS_FUZZ_FUZZ_INDEX_H_

#include <string>

namespace pressa::fuzz {

// The path of an index of corpus/ in a fresh temporary directory (removed at
// exit). Aborts when it cannot be built: a fuzzer without its index is useless.
const std::string& CorpusIndexPath();

}  // namespace pressa::fuzz

#endif  // PRESSA_TESTS_FUZZ_FUZZ_INDEX_H_

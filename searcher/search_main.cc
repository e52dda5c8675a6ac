// pressa-search-inproc: the whole of pressa-search in one process (the thin
// pressa-search front end runs it when no pressa-searchd answers for its index).
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "core/open_files.h"
#include "searcher/process_heap.h"
#include "searcher/search_cli.h"

int main(int argc, char** argv) try {
  pressa::UseHugePagesForHeap();
  pressa::RaiseOpenFileLimit();  // a stub of many shards
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  return pressa::RunSearchCli(args, isatty(STDOUT_FILENO), nullptr, std::cout, std::cerr);
} catch (const std::exception& e) {
  std::cerr << "pressa-search: internal error: " << e.what() << "\n";
  return pressa::kSearchCliFailure;
}

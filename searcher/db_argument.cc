// The conservative --db scan of pressa-search's front end (db_argument.h).
#include "searcher/db_argument.h"

#include <string_view>

namespace pressa {

std::string DbArgument(int argc, const char* const* argv) {
  std::string db;
  int seen = 0;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 3 || arg[0] != '-' || arg[1] != '-' || arg[2] != 'd') continue;
    if (arg == "--db") {
      if (i + 1 >= argc || argv[i + 1][0] == '-' || argv[i + 1][0] == '\0') return "";
      db = argv[++i];
    } else if (arg.substr(0, 5) == "--db=") {
      db = arg.substr(5);
    } else {
      return "";  // "--d", "--d=...", "--dbx": an abbreviation or an error
    }
    if (db.empty() || db[0] == '-' || ++seen > 1) return "";
  }
  return seen == 1 ? db : "";
}

}  // namespace pressa

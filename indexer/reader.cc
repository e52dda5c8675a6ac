// Corpus readers: list input files, parse seed files and JSON lines (their bytes
// become UTF-8 in text_decode.cc).
#include "indexer/reader.h"

#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <system_error>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "core/split.h"
#include "indexer/date_extractor.h"
#include "indexer/json_line_fast.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Listing

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// Overlapping inputs named one by one in the warnings; the rest are summed up.
constexpr size_t kMaxOverlapWarnings = 5;

// A file found under one PATH argument (`arg`, its index).
struct Listed {
  InputFile file;
  size_t arg = 0;
};

std::string StripExtension(std::string name, InputFile::Format format) {
  if (format == InputFile::Format::kJsonLines) {
    if (EndsWithNoCase(name, ".jsonl")) name.resize(name.size() - 6);
  } else if (EndsWithNoCase(name, ".txt")) {
    name.resize(name.size() - 4);
  }
  return name;
}

void WalkDirectory(const fs::path& root, size_t arg, std::vector<Listed>* out,
                   std::vector<std::string>* warnings, bool* complete) {
  // An explicit stack: archive trees can be deep, and recursion depth is not ours to choose.
  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      warnings->push_back("Cannot read directory " + dir.string() + ": " + ec.message() + ".");
      *complete = false;
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      std::error_code st_ec;
      fs::file_status link_status = entry.symlink_status(st_ec);
      if (st_ec) continue;
      if (fs::is_directory(link_status)) {  // not a symlink: symlinked dirs are not followed
        pending.push_back(entry.path());
        continue;
      }
      std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.') continue;  // editor and system files
      Listed listed;
      listed.arg = arg;
      InputFile& file = listed.file;
      if (EndsWithNoCase(name, ".txt")) {
        file.format = InputFile::Format::kSeed;
      } else if (EndsWithNoCase(name, ".jsonl")) {
        file.format = InputFile::Format::kJsonLines;
      } else {
        continue;
      }
      if (!fs::is_regular_file(entry.status(st_ec))) continue;  // follows file symlinks
      file.path = entry.path().string();
      file.id_base =
          StripExtension(entry.path().lexically_relative(root).generic_string(), file.format);
      if (!StatInput(file.path, &file)) {
        warnings->push_back("Cannot stat " + file.path + ".");
        *complete = false;
        continue;
      }
      out->push_back(std::move(listed));
    }
    if (ec) {
      warnings->push_back("Listing of directory " + dir.string() + " stopped: " + ec.message() +
                          ".");
      *complete = false;
    }
  }
}

// ---------------------------------------------------------------------------
// Seed format

bool HasLetterOrDigit(std::string_view line) {
  for (size_t i = 0; i < line.size();) {
    UChar32 c;
    U8_NEXT(line.data(), i, line.size(), c);
    if (c >= 0 && (u_isalnum(c) || c == '_')) return true;  // Python's \w
  }
  return false;
}


// ---------------------------------------------------------------------------
// JSON lines

constexpr int kMaxJsonDepth = 64;
constexpr size_t kMaxErrorQuote = 160;

// nlohmann's parser recurses once per nesting level: refuse absurd depth before parsing.
bool NestingTooDeep(std::string_view line) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// Cuts a message at a UTF-8 boundary so one warning stays one readable line.
std::string Shorten(std::string s) {
  if (s.size() <= kMaxErrorQuote) return s;
  size_t cut = kMaxErrorQuote;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s + "…";
}

// Moves a string field into `*out`. Absent and null leave it empty.
Status TakeString(nlohmann::json& obj, const char* key, std::string* out) {
  out->clear();
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_string()) {
    return Status::InvalidArgument(std::string("field \"") + key + "\" is " + it->type_name() +
                                   ", not a string");
  }
  *out = std::move(it->get_ref<std::string&>());
  return Status::OK();
}


}  // namespace

// std::filesystem's file_time_type has no portable conversion to the Unix
// epoch in C++17: stat(2) it is.
bool StatInput(const std::string& path, InputFile* file) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  file->size = static_cast<uint64_t>(st.st_size);
  file->mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  file->dev = static_cast<uint64_t>(st.st_dev);
  file->ino = static_cast<uint64_t>(st.st_ino);
  return true;
}

std::vector<InputFile> ListInputs(const std::vector<std::string>& paths,
                                  std::vector<std::string>* warnings, bool* complete) {
  *complete = true;
  std::vector<Listed> listed;
  std::unordered_set<std::string_view> given;  // a PATH given again adds nothing
  for (size_t arg = 0; arg < paths.size(); ++arg) {
    const std::string& path = paths[arg];
    if (!given.insert(path).second) continue;
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      warnings->push_back("Input " + path + " does not exist" +
                          (ec && ec != std::errc::no_such_file_or_directory
                               ? " or cannot be read (" + ec.message() + ")."
                               : "."));
      *complete = false;
      continue;
    }
    if (fs::is_directory(st)) {
      WalkDirectory(fs::path(path), arg, &listed, warnings, complete);
      continue;
    }
    Listed one;
    one.arg = arg;
    InputFile& file = one.file;
    file.path = path;
    file.format =
        EndsWithNoCase(path, ".jsonl") ? InputFile::Format::kJsonLines : InputFile::Format::kSeed;
    file.id_base = StripExtension(fs::path(path).filename().string(), file.format);
    if (!StatInput(path, &file)) {
      warnings->push_back("Cannot stat " + path + ".");
      *complete = false;
      continue;
    }
    listed.push_back(std::move(one));
  }
  // One file found twice (overlapping PATHs such as src and src/2024 or src
  // and /srv/src, a symlink, a hard link) is indexed once, as the first PATH
  // lists it (by its first path there): indexed under both names, its
  // articles would be read twice and owned by two file states.
  std::sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) {
    return a.arg != b.arg ? a.arg < b.arg : a.file.path < b.file.path;
  });
  struct Overlap {
    long files = 0;
    std::string example;  // "PATH", or "DROPPED is KEPT" when spelled otherwise
  };
  std::map<std::pair<size_t, size_t>, Overlap> overlaps;  // (kept arg, dropped arg)
  const size_t warnings_before = warnings->size();
  // Identity → index in `listed`. Size and mtime too, so that a file system
  // whose inode numbers are not unique cannot make two files one; inode 0
  // (no number at all) is never taken for another file.
  std::map<std::tuple<uint64_t, uint64_t, uint64_t, int64_t>, size_t> first;
  std::vector<InputFile> out;
  out.reserve(listed.size());
  for (size_t i = 0; i < listed.size(); ++i) {
    const InputFile& file = listed[i].file;
    auto it = first.end();
    if (file.ino != 0) {
      bool inserted = false;
      std::tie(it, inserted) =
          first.emplace(std::make_tuple(file.dev, file.ino, file.size, file.mtime_ns), i);
      if (inserted) it = first.end();
    }
    if (it == first.end()) {
      out.push_back(file);
      continue;
    }
    const Listed& kept = listed[it->second];
    if (kept.file.path == file.path && kept.file.id_base == file.id_base) {
      continue;  // the same name twice (src and src/): nothing to tell
    }
    Overlap& overlap = overlaps[{kept.arg, listed[i].arg}];
    if (overlap.files++ == 0) {
      overlap.example = file.path;
      if (kept.file.path != file.path) overlap.example += " is " + kept.file.path;
    }
  }
  // A warning for each pair of PATHs, the first few: a list of files from
  // find(1) beside their folder overlaps it once per file.
  long more_paths = 0, more_files = 0;
  for (const auto& [args, overlap] : overlaps) {
    if (warnings->size() >= kMaxOverlapWarnings + warnings_before) {
      ++more_paths;
      more_files += overlap.files;
      continue;
    }
    const std::string count = std::to_string(overlap.files) + " file(s)";
    if (args.first == args.second) {
      warnings->push_back("Input " + paths[args.first] + " lists " + count +
                          " again under another name, through a symlink or a hard link (e.g. " +
                          overlap.example + "); each is indexed once, by its first name.");
    } else {
      warnings->push_back("Input " + paths[args.second] + " lists " + count + " that " +
                          paths[args.first] + " lists too (e.g. " + overlap.example +
                          "); each is indexed once, as " + paths[args.first] + " lists it.");
    }
  }
  if (more_paths > 0) {
    warnings->push_back("And " + std::to_string(more_paths) +
                        " more overlap(s) of the inputs given: " + std::to_string(more_files) +
                        " more file(s) listed twice, each indexed once, as first listed.");
  }
  std::sort(out.begin(), out.end(), [](const InputFile& a, const InputFile& b) {
    return a.path != b.path ? a.path < b.path : a.id_base < b.id_base;
  });
  return out;
}

Status ParseSeedArticle(std::string_view text, Article* article, std::string* warning) {
  warning->clear();
  article->title.clear();
  article->text.clear();
  article->date.clear();
  article->date_source = DateSource::kNone;
  if (TrimSpace(text).empty()) return Status::InvalidArgument("nothing but whitespace");

  // The first line, minus a " date YYYY-MM-DD" prefix.
  size_t first_end = text.find('\n');
  if (first_end == std::string_view::npos) first_end = text.size();
  std::string_view first = text.substr(0, first_end);
  static constexpr std::string_view kDatePrefix = " date ";
  if (first.size() >= kDatePrefix.size() + 10 &&
      first.substr(0, kDatePrefix.size()) == kDatePrefix &&
      (first.size() == kDatePrefix.size() + 10 || first[kDatePrefix.size() + 10] == ' ')) {
    std::string_view iso = first.substr(kDatePrefix.size(), 10);
    bool shaped = true;
    for (size_t i = 0; i < iso.size(); ++i) {
      bool dash = i == 4 || i == 7;
      if (dash ? iso[i] != '-' : (iso[i] < '0' || iso[i] > '9')) shaped = false;
    }
    if (shaped) {
      Result<std::string> date = ParseIsoDate(iso);
      if (date.ok()) {
        article->date = std::move(date.value());
        article->date_source = DateSource::kField;
      } else {
        *warning = "seed date line: " + date.status().message() + " ignored";
      }
      first = first.substr(std::min(first.size(), kDatePrefix.size() + 11));
    }
  }

  // The title is the first line with a letter or digit; the body is everything after it.
  std::string_view line = first;
  size_t line_end = first_end;
  while (!HasLetterOrDigit(line) && line_end < text.size()) {
    size_t start = line_end + 1;
    line_end = text.find('\n', start);
    if (line_end == std::string_view::npos) line_end = text.size();
    line = text.substr(start, line_end - start);
  }
  if (!HasLetterOrDigit(line)) {  // no letters anywhere: keep the first line, as seedconv does
    line = first;
    line_end = first_end;
  }
  article->title = std::string(TrimSpace(line));
  std::string_view body = line_end < text.size() ? text.substr(line_end + 1) : std::string_view();
  while (!body.empty() && body.front() == '\n') body.remove_prefix(1);
  while (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  if (article->title.empty() && body.empty()) {
    return Status::InvalidArgument("nothing but a date line");
  }
  article->text = std::string(body);
  return Status::OK();
}

std::string ArticleTooLargeMessage(uint64_t bytes) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "article is %.1f MB, over the %llu MB limit", bytes / 1048576.0,
                static_cast<unsigned long long>(kMaxArticleBytes >> 20));
  return buf;
}

namespace {

// A site's address and an absolute one run together, as scrapers join a base
// to a link that was absolute already ("https://russian.rt.comhttps://
// russian.rt.com/world/…", 1,265 of RT's articles in the shared corpus): the
// absolute one. The run-together host ends in "http:" or "https:" before the
// "//"; no real host does. Other addresses are kept as they are.
void RepairJoinedUrl(std::string* url) {
  for (;;) {
    const size_t scheme_end = url->find("://");
    if (scheme_end == std::string::npos) return;
    const size_t host = scheme_end + 3;
    const size_t host_end = std::min(url->find_first_of("/?#", host), url->size());
    if (url->compare(host_end, 2, "//") != 0) return;
    std::string_view authority = std::string_view(*url).substr(host, host_end - host);
    size_t joined = std::string_view::npos;
    for (std::string_view scheme : {"https:", "http:"}) {
      if (authority.size() > scheme.size() &&
          authority.substr(authority.size() - scheme.size()) == scheme) {
        joined = host_end - scheme.size();
        break;
      }
    }
    if (joined == std::string_view::npos) return;
    url->erase(0, joined);
  }
}

Status ParseJsonFields(std::string_view line, Article* article, std::string* warning) {
  warning->clear();
  if (line.size() > kMaxArticleBytes) {
    return Status::InvalidArgument(ArticleTooLargeMessage(line.size()));
  }
  if (ScanUtf8(line).invalid == 0 && ParseUsualJsonLine(line, article)) return Status::OK();
  if (NestingTooDeep(line)) {
    return Status::InvalidArgument("JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                                   " levels");
  }
  nlohmann::json obj;
  try {
    obj = nlohmann::json::parse(line.begin(), line.end());
  } catch (const nlohmann::json::exception& e) {
    std::string msg = e.what();
    // Drop the "[json.exception.parse_error.101] " tag: the rest says what and where.
    size_t tag_end = msg.find("] ");
    if (msg.rfind("[json.exception.", 0) == 0 && tag_end != std::string::npos) {
      msg.erase(0, tag_end + 2);
    }
    // The input is one line: its column is the useful half of "line 1, column 64".
    size_t at_line = msg.find("at line 1, ");
    if (at_line != std::string::npos) msg.erase(at_line + 3, 8);
    return Status::InvalidArgument("broken JSON: " + Shorten(std::move(msg)));
  }
  if (!obj.is_object()) {
    return Status::InvalidArgument(std::string("a JSON ") + obj.type_name() + ", not an object");
  }

  auto id = obj.find("id");
  if (id == obj.end() || id->is_null()) return Status::InvalidArgument("no \"id\"");
  if (id->is_string()) {
    article->id = std::move(id->get_ref<std::string&>());
  } else if (id->is_number_integer()) {  // signed and unsigned
    article->id = id->dump();
  } else {
    return Status::InvalidArgument(std::string("field \"id\" is ") + id->type_name() +
                                   ", not a string or integer");
  }
  if (TrimSpace(article->id).empty()) return Status::InvalidArgument("empty \"id\"");

  Status s = TakeString(obj, "text", &article->text);
  if (!s.ok()) return s;
  if (TrimSpace(article->text).empty()) {
    return Status::InvalidArgument("no \"text\" in article \"" + Shorten(article->id) + "\"");
  }
  for (auto [key, field] :
       {std::pair{"title", &article->title}, std::pair{"source", &article->source},
        std::pair{"url", &article->url}}) {
    s = TakeString(obj, key, field);
    if (!s.ok()) return s;
  }

  article->date.clear();
  article->date_source = DateSource::kNone;
  auto date = obj.find("date");
  if (date != obj.end() && !date->is_null()) {
    if (!date->is_string()) {
      *warning = std::string("field \"date\" is ") + date->type_name() + ", not a string; ignored";
    } else {
      Result<std::string> iso = ParseIsoDate(date->get_ref<const std::string&>());
      if (iso.ok()) {
        article->date = std::move(iso.value());
        article->date_source = DateSource::kField;
      } else {
        *warning = "field \"date\": " + iso.status().message() + " ignored";
      }
    }
  }
  return Status::OK();
}

}  // namespace

Status ParseJsonArticle(std::string_view line, Article* article, std::string* warning) {
  Status s = ParseJsonFields(line, article, warning);
  if (s.ok()) RepairJoinedUrl(&article->url);
  return s;
}

}  // namespace pressa

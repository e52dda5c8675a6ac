// ScanFile: stat → hash → per-line diff, so unchanged inputs cost little.
#include "indexer/input_scan.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "indexer/date_extractor.h"

namespace pressa {
namespace {

// Reads a regular file. O_NONBLOCK + fstat: a file replaced by a FIFO or a
// device since listing is refused instead of waiting forever for a writer.
// A seed file over kMaxArticleBytes is refused unread (`max_bytes`, 0: none).
Result<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Status::IOError(std::string("cannot open file: ") + std::strerror(errno));
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return Status::IOError("cannot stat file");
  if (!S_ISREG(st.st_mode)) return Status::IOError("not a regular file");
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (max_bytes > 0 && size > max_bytes) return Status::IOError(ArticleTooLargeMessage(size));
  std::string bytes(static_cast<size_t>(size), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IOError(std::string("read error: ") + std::strerror(errno));
    if (n == 0) break;  // shrank since fstat
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  return bytes;
}

// Fills a missing date from a dateline in the text.
void CompleteDate(const InputFile& file, Article* article) {
  if (!article->date.empty()) return;
  int year = ContextYear(file.path, file.mtime_ns);
  if (!FindDateline(article->text, year, &article->date, &article->date_source)) {
    article->date.clear();
    article->date_source = DateSource::kNone;
  }
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

RunReporter::RunReporter(std::ostream* warnings, std::ostream* progress, IndexSummary* summary,
                         long total_files)
    : warnings_(warnings), progress_(progress), summary_(summary), total_files_(total_files) {}

void RunReporter::Warn(const std::string& path, long line, const std::string& message) {
  ++summary_->warnings;
  if (warnings_ == nullptr) return;
  ClearProgress();
  *warnings_ << path;
  if (line > 0) *warnings_ << ":" << line;
  *warnings_ << ": " << message << "\n";
}

void RunReporter::Skip(const std::string& path, long line, const std::string& message) {
  ++summary_->skipped;
  Warn(path, line, message + "; skipped");
}

void RunReporter::Tick(bool force) {
  if (progress_ == nullptr) return;
  auto now = Clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double secs = SecondsSince(start_);
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "\r%ld/%ld files, %ld indexed, %ld unchanged, %.1f MB read, %.1f MB/s ",
                summary_->files, total_files_, summary_->indexed, summary_->unchanged,
                summary_->bytes / 1e6, secs > 0 ? summary_->bytes / 1e6 / secs : 0.0);
  *progress_ << buf << std::flush;
  drawn_ = true;
}

void RunReporter::ClearProgress() {
  if (progress_ != nullptr && drawn_) {
    *progress_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }
}

Status ScanFile(const InputFile& file, const FileState* old, RunReporter* reporter,
                IndexSummary* summary, const ArticleSink& sink, FileScan* scan) {
  scan->removed_ids.clear();
  scan->state = FileState();
  if (old != nullptr && old->size == file.size && old->mtime_ns == file.mtime_ns) {
    scan->outcome = FileScan::Outcome::kUnchanged;
    scan->state = *old;
    summary->unchanged += static_cast<long>(old->entries.size());
    return Status::OK();
  }
  Result<std::string> bytes = ReadWholeFile(
      file.path, file.format == InputFile::Format::kSeed ? kMaxArticleBytes : 0);
  if (!bytes.ok()) {
    // Keep what the index has: an unreadable file is not a deleted one.
    scan->outcome = FileScan::Outcome::kUnreadable;
    summary->complete = false;
    reporter->Skip(file.path, 0, bytes.status().message());
    return Status::OK();
  }
  summary->bytes += static_cast<long>(bytes->size());
  FileState& state = scan->state;
  state.path = file.path;
  state.size = file.size;
  state.mtime_ns = file.mtime_ns;
  state.content_hash = ContentHash64(*bytes);
  if (old != nullptr && old->content_hash == state.content_hash) {
    scan->outcome = FileScan::Outcome::kTouched;
    state.entries = old->entries;
    summary->unchanged += static_cast<long>(old->entries.size());
    return Status::OK();
  }
  scan->outcome = FileScan::Outcome::kRead;
  ++summary->files_read;

  auto finish = [&]() {
    if (old == nullptr) return;
    std::unordered_set<std::string> kept;
    for (const FileState::Entry& e : state.entries) kept.insert(e.id);
    for (const FileState::Entry& e : old->entries) {
      if (kept.insert(e.id).second) scan->removed_ids.push_back(e.id);
    }
  };

  std::string note;
  Result<std::string> text = DecodeText(*bytes, &note);
  bytes = std::string();  // free the raw copy early: JSON-lines files are large
  if (!text.ok()) {
    reporter->Skip(file.path, 0, text.status().message());
    finish();
    return Status::OK();
  }
  if (!note.empty()) reporter->Warn(file.path, 0, note);

  Article article;
  if (file.format == InputFile::Format::kSeed) {
    std::string warning;
    Status parsed = ParseSeedArticle(*text, &article, &warning);
    if (!warning.empty()) reporter->Warn(file.path, 1, warning);
    if (!parsed.ok()) {
      reporter->Skip(file.path, 0, parsed.message());
      finish();
      return Status::OK();
    }
    article.id = file.id_base;
    article.origin_path = file.path;
    article.origin_line = 0;
    CompleteDate(file, &article);
    state.entries.push_back({state.content_hash, article.id});
    Status s = sink(&article, state.content_hash);
    if (!s.ok()) return s;
    finish();
    return Status::OK();
  }

  // JSON lines: a line whose exact bytes the state already lists is unchanged.
  std::unordered_map<uint64_t, const std::string*> known;
  if (old != nullptr) {
    known.reserve(old->entries.size() * 2);
    for (const FileState::Entry& e : old->entries) known.emplace(e.hash, &e.id);
  }
  std::string_view rest(*text);
  long line_no = 0;
  while (!rest.empty()) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    uint64_t hash = ContentHash64(line);
    auto it = known.find(hash);
    if (it != known.end()) {
      state.entries.push_back({hash, *it->second});
      ++summary->unchanged;
      continue;
    }
    article = Article();
    std::string warning;
    Status parsed = ParseJsonArticle(line, &article, &warning);
    if (!warning.empty()) reporter->Warn(file.path, line_no, warning);
    if (!parsed.ok()) {
      reporter->Skip(file.path, line_no, parsed.message());
      continue;
    }
    article.origin_path = file.path;
    article.origin_line = line_no;
    CompleteDate(file, &article);
    state.entries.push_back({hash, article.id});
    Status s = sink(&article, hash);
    if (!s.ok()) return s;
    reporter->Tick();
  }
  finish();
  return Status::OK();
}

}  // namespace pressa

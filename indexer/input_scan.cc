// ScanFile: stat → hash → per-line diff, so unchanged inputs cost little.
#include "indexer/input_scan.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "indexer/date_extractor.h"

namespace pressa {

StreamContentHash64::StreamContentHash64(uint64_t total_size)
    : h_(0x27D4EB2F165667C5ULL ^ (total_size * kMul1)) {}

void StreamContentHash64::Mix(uint64_t w) {
  h_ = (h_ ^ (w * kMul2)) * kMul1;
  h_ = (h_ << 31) | (h_ >> 33);
}

void StreamContentHash64::Update(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  if (pending_n_ > 0) {
    size_t take = std::min(n, 8 - pending_n_);
    std::memcpy(pending_ + pending_n_, p, take);
    pending_n_ += take;
    p += take;
    n -= take;
    if (pending_n_ < 8) return;
    uint64_t w;
    std::memcpy(&w, pending_, 8);
    Mix(w);
    pending_n_ = 0;
  }
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    Mix(w);
    p += 8;
    n -= 8;
  }
  std::memcpy(pending_, p, n);
  pending_n_ = n;
}

uint64_t StreamContentHash64::Final() const {
  uint64_t tail = 0;
  std::memcpy(&tail, pending_, pending_n_);
  uint64_t h = (h_ ^ (tail * kMul2)) * kMul1;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  return h;
}

namespace {

// Opens a regular file for reading. O_NONBLOCK + fstat: a file replaced by
// a FIFO or a device since listing is refused instead of waiting forever
// for a writer.
class InputFd {
 public:
  InputFd() = default;
  InputFd(const InputFd&) = delete;
  InputFd& operator=(const InputFd&) = delete;
  ~InputFd() {
    if (fd_ >= 0) ::close(fd_);
  }

  Status Open(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) return Status::IOError(std::string("cannot open file: ") + std::strerror(errno));
    struct stat st;
    if (::fstat(fd_, &st) != 0) return Status::IOError("cannot stat file");
    if (!S_ISREG(st.st_mode)) return Status::IOError("not a regular file");
    size_ = static_cast<uint64_t>(st.st_size);
    return Status::OK();
  }

  // Reads up to `n` bytes into `dst`; 0 at the end of the file.
  Result<size_t> Read(char* dst, size_t n) {
    while (true) {
      ssize_t got = ::read(fd_, dst, n);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) return Status::IOError(std::string("read error: ") + std::strerror(errno));
      return static_cast<size_t>(got);
    }
  }

  Status Rewind() {
    if (::lseek(fd_, 0, SEEK_SET) != 0) return Status::IOError("cannot seek in file");
    return Status::OK();
  }

  uint64_t size() const { return size_; }

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
};

// Reads a whole file (a seed article, or a JSON-lines file that is not plain
// UTF-8). A seed file over kMaxArticleBytes is refused unread (`max_bytes`, 0: none).
Result<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes) {
  InputFd in;
  Status s = in.Open(path);
  if (!s.ok()) return s;
  if (max_bytes > 0 && in.size() > max_bytes) return Status::IOError(ArticleTooLargeMessage(in.size()));
  std::string bytes(static_cast<size_t>(in.size()), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    Result<size_t> n = in.Read(bytes.data() + got, bytes.size() - got);
    if (!n.ok()) return n.status();
    if (*n == 0) break;  // shrank since fstat
    got += *n;
  }
  bytes.resize(got);
  return bytes;
}

// JSON-lines files are read in chunks of this size, so memory does not grow
// with the file (one line is held at most, and a line over kMaxArticleBytes
// is skipped without being held).
constexpr size_t kChunkBytes = 1 << 20;

// The first pass over a JSON-lines file: ContentHash64 of its bytes and
// whether DecodeText would pass them through unchanged (TextCheck).
Status PrescanJsonLines(InputFd* in, uint64_t* hash, TextCheck* check) {
  StreamContentHash64 hasher(in->size());
  std::string buf(kChunkBytes, '\0');
  size_t carry = 0;  // bytes of an incomplete UTF-8 sequence kept at the front
  bool first = true;
  while (true) {
    Result<size_t> n = in->Read(buf.data() + carry, buf.size() - carry);
    if (!n.ok()) return n.status();
    hasher.Update(std::string_view(buf.data() + carry, *n));
    size_t have = carry + *n;
    std::string_view data(buf.data(), have);
    size_t cut = *n == 0 ? have : Utf8CutPoint(data);
    AddToTextCheck(data.substr(0, cut), first, check);
    first = false;
    if (*n == 0) break;
    carry = have - cut;
    std::memmove(buf.data(), buf.data() + cut, carry);
  }
  *hash = hasher.Final();
  return Status::OK();
}

// Splits a plain UTF-8 file into lines (LF, CRLF or a lone CR end one, as
// DecodeText's line-ending rule makes them), reading it in chunks.
class LineSplitter {
 public:
  explicit LineSplitter(InputFd* in) : in_(in) {}

  // The next line, without its terminator: false at the end of the file.
  // A line over kMaxArticleBytes comes back empty with *oversize set to its
  // size and *blank telling whether it held only spaces and tabs.
  Result<bool> Next(std::string_view* line, uint64_t* oversize, bool* blank) {
    *oversize = 0;
    size_t scanned = 0;  // bytes after pos_ known to hold no terminator
    while (true) {
      std::string_view rest(buf_.data() + pos_, end_ - pos_);
      size_t eol = FindTerminator(rest, scanned);
      if (eol != std::string_view::npos && (eol + 1 < rest.size() || rest[eol] == '\n' || eof_)) {
        size_t next = eol + 1;
        if (rest[eol] == '\r' && next < rest.size() && rest[next] == '\n') ++next;
        if (skipping_) {
          *oversize = skipped_ + eol;
          *blank = skipped_blank_ && IsBlank(rest.substr(0, eol));
          *line = std::string_view();
          skipping_ = false;
        } else {
          *line = rest.substr(0, eol);
        }
        pos_ += next;
        return true;
      }
      scanned = eol == std::string_view::npos ? rest.size() : eol;
      if (eof_) {
        if (rest.empty() && !skipping_) return false;
        pos_ = end_;
        if (skipping_) {
          *oversize = skipped_ + rest.size();
          *blank = skipped_blank_ && IsBlank(rest);
          *line = std::string_view();
          skipping_ = false;
        } else {
          *line = rest;
        }
        return true;
      }
      if (!skipping_ && rest.size() > kMaxArticleBytes) {
        // Too long to be an article: count it, do not hold it.
        skipping_ = true;
        skipped_ = 0;
        skipped_blank_ = true;
      }
      if (skipping_) {
        // Keep a final CR: it may be the first half of a CRLF.
        size_t drop = rest.size() - (!rest.empty() && rest.back() == '\r' ? 1 : 0);
        skipped_ += drop;
        skipped_blank_ = skipped_blank_ && IsBlank(rest.substr(0, drop));
        pos_ += drop;
        scanned = 0;
      }
      Status s = Fill();
      if (!s.ok()) return s;
    }
  }

 private:
  static bool IsBlank(std::string_view s) {
    return s.find_first_not_of(" \t\r") == std::string_view::npos;
  }

  // The first '\n' or '\r' at or after `from`, or npos.
  static size_t FindTerminator(std::string_view s, size_t from) {
    const char* base = s.data();
    const void* lf = std::memchr(base + from, '\n', s.size() - from);
    size_t limit = lf ? static_cast<const char*>(lf) - base : s.size();
    const void* cr = std::memchr(base + from, '\r', limit - from);
    if (cr) return static_cast<const char*>(cr) - base;
    return lf ? limit : std::string_view::npos;
  }

  // Moves the unread tail to the front and appends the next chunk.
  Status Fill() {
    if (pos_ > 0) {
      std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    if (buf_.size() < end_ + kChunkBytes) buf_.resize(end_ + kChunkBytes);
    Result<size_t> n = in_->Read(buf_.data() + end_, kChunkBytes);
    if (!n.ok()) return n.status();
    if (*n == 0) eof_ = true;
    if (first_ && *n >= 3 && std::memcmp(buf_.data() + end_, "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
    first_ = false;
    end_ += *n;
    return Status::OK();
  }

  InputFd* in_;
  std::string buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false, first_ = true;
  bool skipping_ = false, skipped_blank_ = true;
  uint64_t skipped_ = 0;
};

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

void RunReporter::Phase(const std::string& text) {
  if (progress_ == nullptr) return;
  *progress_ << "\r" << text << "\033[K" << std::flush;
  drawn_ = true;
}

void RunReporter::ClearProgress() {
  if (progress_ != nullptr && drawn_) {
    *progress_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }
}

namespace {

// Ids the old state lists that this read of the file no longer yields.
void FindRemoved(const FileState* old, FileScan* scan) {
  if (old == nullptr) return;
  std::unordered_set<std::string> kept;
  for (const FileState::Entry& e : scan->state.entries) kept.insert(e.id);
  for (const FileState::Entry& e : old->entries) {
    if (kept.insert(e.id).second) scan->removed_ids.push_back(e.id);
  }
}

// Records a read of `bytes` bytes hashing to `hash`; true if the content is
// as the old state has it (kTouched: nothing to index).
bool StartRead(const InputFile& file, const FileState* old, uint64_t bytes, uint64_t hash,
               IndexSummary* summary, FileScan* scan) {
  summary->bytes += static_cast<long>(bytes);
  FileState& state = scan->state;
  state.path = file.key_path();
  state.canonical = CanonicalPath(file.path);
  state.size = file.size;
  state.mtime_ns = file.mtime_ns;
  state.content_hash = hash;
  if (old != nullptr && old->content_hash == hash) {
    scan->outcome = FileScan::Outcome::kTouched;
    state.entries = old->entries;
    summary->unchanged += static_cast<long>(old->entries.size());
    return true;
  }
  scan->outcome = FileScan::Outcome::kRead;
  ++summary->files_read;
  return false;
}

void MarkUnreadable(const InputFile& file, const Status& status, RunReporter* reporter,
                    IndexSummary* summary, FileScan* scan) {
  // Keep what the index has: an unreadable file is not a deleted one.
  scan->outcome = FileScan::Outcome::kUnreadable;
  scan->state = FileState();
  summary->complete = false;
  reporter->Skip(file.path, 0, status.message());
}

// Sends the changed lines of a JSON-lines file to the sink. `next` yields
// each line (oversize > 0: a line too long to hold, given by its size).
template <typename NextLine>
Status ScanJsonLines(const InputFile& file, const FileState* old, RunReporter* reporter,
                     IndexSummary* summary, const ArticleSink& sink, FileScan* scan,
                     NextLine next) {
  // A line whose exact bytes the state already lists is unchanged.
  std::unordered_map<uint64_t, const std::string*> known;
  if (old != nullptr) {
    known.reserve(old->entries.size() * 2);
    for (const FileState::Entry& e : old->entries) known.emplace(e.hash, &e.id);
  }
  FileState& state = scan->state;
  Article article;
  long line_no = 0;
  std::string_view line;
  uint64_t oversize = 0;
  bool blank = false;
  while (true) {
    Result<bool> more = next(&line, &oversize, &blank);
    if (!more.ok()) return more.status();
    if (!*more) break;
    ++line_no;
    if (oversize > 0) {
      if (!blank) reporter->Skip(file.path, line_no, ArticleTooLargeMessage(oversize));
      continue;
    }
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
    article.origin_path = file.key_path();
    article.origin_line = line_no;
    CompleteDate(file, &article);
    state.entries.push_back({hash, article.id});
    Status s = sink(&article, hash);
    if (!s.ok()) return s;
    reporter->Tick();
  }
  FindRemoved(old, scan);
  return Status::OK();
}

// A JSON-lines file that is plain UTF-8, streamed in bounded memory: one
// pass to hash and check it, one to split and parse its lines.
// `*streamed` false: the file needs DecodeText whole (nothing was done).
Status ScanJsonLinesStreaming(const InputFile& file, const FileState* old, RunReporter* reporter,
                              IndexSummary* summary, const ArticleSink& sink, FileScan* scan,
                              bool* streamed) {
  *streamed = true;
  InputFd in;
  uint64_t hash = 0;
  TextCheck check;
  Status s = in.Open(file.path);
  if (s.ok()) s = PrescanJsonLines(&in, &hash, &check);
  if (s.ok() && IsPlainUtf8(check)) s = in.Rewind();
  if (!s.ok()) {
    MarkUnreadable(file, s, reporter, summary, scan);
    return Status::OK();
  }
  if (!IsPlainUtf8(check)) {
    *streamed = false;
    return Status::OK();
  }
  if (StartRead(file, old, check.bytes, hash, summary, scan)) return Status::OK();
  LineSplitter lines(&in);
  Status read_error;
  s = ScanJsonLines(file, old, reporter, summary, sink, scan,
                    [&](std::string_view* line, uint64_t* oversize, bool* blank) {
                      Result<bool> r = lines.Next(line, oversize, blank);
                      if (!r.ok()) read_error = r.status();
                      return r.ok() ? r : Result<bool>(false);
                    });
  if (!s.ok()) return s;
  if (!read_error.ok()) {
    // Cut short by a read error: the index keeps what it had for this file.
    MarkUnreadable(file, read_error, reporter, summary, scan);
    scan->removed_ids.clear();
  }
  return Status::OK();
}

}  // namespace

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
  if (file.format == InputFile::Format::kJsonLines) {
    bool streamed = false;
    Status s = ScanJsonLinesStreaming(file, old, reporter, summary, sink, scan, &streamed);
    if (!s.ok() || streamed) return s;
  }
  // A seed file (at most kMaxArticleBytes), or a JSON-lines file in another
  // encoding or with broken bytes: decoded whole.
  Result<std::string> bytes = ReadWholeFile(
      file.path, file.format == InputFile::Format::kSeed ? kMaxArticleBytes : 0);
  if (!bytes.ok()) {
    MarkUnreadable(file, bytes.status(), reporter, summary, scan);
    return Status::OK();
  }
  if (StartRead(file, old, bytes->size(), ContentHash64(*bytes), summary, scan)) {
    return Status::OK();
  }
  FileState& state = scan->state;
  std::string note;
  Result<std::string> text = DecodeText(*bytes, &note);
  bytes = std::string();  // free the raw copy early
  if (!text.ok()) {
    reporter->Skip(file.path, 0, text.status().message());
    FindRemoved(old, scan);
    return Status::OK();
  }
  if (!note.empty()) reporter->Warn(file.path, 0, note);

  if (file.format == InputFile::Format::kSeed) {
    Article article;
    std::string warning;
    Status parsed = ParseSeedArticle(*text, &article, &warning);
    if (!warning.empty()) reporter->Warn(file.path, 1, warning);
    if (!parsed.ok()) {
      reporter->Skip(file.path, 0, parsed.message());
      FindRemoved(old, scan);
      return Status::OK();
    }
    article.id = file.id_base;
    article.origin_path = file.key_path();
    article.origin_line = 0;
    CompleteDate(file, &article);
    state.entries.push_back({state.content_hash, article.id});
    Status s = sink(&article, state.content_hash);
    if (!s.ok()) return s;
    FindRemoved(old, scan);
    return Status::OK();
  }

  std::string_view rest(*text);
  return ScanJsonLines(file, old, reporter, summary, sink, scan,
                       [&](std::string_view* line, uint64_t* oversize, bool*) -> Result<bool> {
                         *oversize = 0;
                         if (rest.empty()) return false;
                         size_t eol = rest.find('\n');
                         *line = rest.substr(0, eol);
                         rest.remove_prefix(eol == std::string_view::npos ? rest.size()
                                                                          : eol + 1);
                         return true;
                       });
}

}  // namespace pressa

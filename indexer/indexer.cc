// The indexing run: inputs → articles → documents → batched commits.
#include "indexer/indexer.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/schema.h"
#include "indexer/date_extractor.h"
#include "indexer/document_builder.h"
#include "indexer/entity_extractor.h"
#include "indexer/index_writer.h"
#include "indexer/reader.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open file");
  std::string bytes;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size > 0) {
    bytes.resize(static_cast<size_t>(size));
    in.seekg(0);
    in.read(bytes.data(), size);
    bytes.resize(static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return Status::IOError("read error");
  return bytes;
}

// Counts and prints problems; draws the progress line on a terminal.
class RunReporter {
 public:
  RunReporter(std::ostream* warnings, std::ostream* progress, IndexSummary* summary,
              long total_files)
      : warnings_(warnings), progress_(progress), summary_(summary), total_files_(total_files) {}

  void Warn(const std::string& path, long line, const std::string& message) {
    ++summary_->warnings;
    if (warnings_ == nullptr) return;
    ClearProgress();
    *warnings_ << path;
    if (line > 0) *warnings_ << ":" << line;
    *warnings_ << ": " << message << "\n";
  }

  void Skip(const std::string& path, long line, const std::string& message) {
    ++summary_->skipped;
    Warn(path, line, message + "; skipped");
  }

  void Tick(bool force = false) {
    if (progress_ == nullptr) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = SecondsSince(start_);
    char buf[160];
    std::snprintf(buf, sizeof buf, "\r%ld/%ld files, %ld articles, %.1f MB, %.1f MB/s ",
                  summary_->files, total_files_, summary_->indexed, summary_->bytes / 1e6,
                  secs > 0 ? summary_->bytes / 1e6 / secs : 0.0);
    *progress_ << buf << std::flush;
    drawn_ = true;
  }

  void ClearProgress() {
    if (progress_ != nullptr && drawn_) {
      *progress_ << "\r\033[K" << std::flush;
      drawn_ = false;
    }
  }

 private:
  std::ostream* warnings_;
  std::ostream* progress_;
  IndexSummary* summary_;
  long total_files_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
  bool drawn_ = false;
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

}  // namespace

Status ForEachArticle(const std::vector<std::string>& paths, const std::string& alias_file,
                      std::ostream* warnings, std::ostream* progress, IndexSummary* summary,
                      const std::function<Status(const Article&)>& sink) {
  auto start = Clock::now();
  ExtractorOptions extractor_options;
  extractor_options.alias_file = alias_file;
  auto extractor = EntityExtractor::Create(extractor_options);
  if (!extractor.ok()) return extractor.status();

  std::vector<std::string> list_warnings;
  std::vector<InputFile> files = ListInputs(paths, &list_warnings, &summary->complete);
  RunReporter reporter(warnings, progress, summary, static_cast<long>(files.size()));
  for (const std::string& w : list_warnings) reporter.Warn("pressa-index", 0, w);

  Article article;
  auto emit = [&](const InputFile& file, long line) -> Status {
    article.origin_path = file.path;
    article.origin_line = line;
    CompleteDate(file, &article);
    (*extractor)->Extract(&article);
    Status s = sink(article);
    if (s.ok()) ++summary->indexed;
    return s;
  };

  for (const InputFile& file : files) {
    ++summary->files;
    reporter.Tick();
    Result<std::string> bytes = ReadFile(file.path);
    if (!bytes.ok()) {
      summary->complete = false;
      reporter.Skip(file.path, 0, bytes.status().message());
      continue;
    }
    summary->bytes += static_cast<long>(bytes->size());
    std::string note;
    Result<std::string> text = DecodeText(*bytes, &note);
    if (!text.ok()) {
      reporter.Skip(file.path, 0, text.status().message());
      continue;
    }
    if (!note.empty()) reporter.Warn(file.path, 0, note);

    if (file.format == InputFile::Format::kSeed) {
      article = Article();
      std::string warning;
      Status parsed = ParseSeedArticle(*text, &article, &warning);
      if (!warning.empty()) reporter.Warn(file.path, 1, warning);
      if (!parsed.ok()) {
        reporter.Skip(file.path, 0, parsed.message());
        continue;
      }
      article.id = file.id_base;
      Status s = emit(file, 0);
      if (!s.ok()) return s;
      continue;
    }

    std::string_view rest(*text);
    long line_no = 0;
    while (!rest.empty()) {
      size_t eol = rest.find('\n');
      std::string_view line = rest.substr(0, eol);
      rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      article = Article();
      std::string warning;
      Status parsed = ParseJsonArticle(line, &article, &warning);
      if (!warning.empty()) reporter.Warn(file.path, line_no, warning);
      if (!parsed.ok()) {
        reporter.Skip(file.path, line_no, parsed.message());
        continue;
      }
      Status s = emit(file, line_no);
      if (!s.ok()) return s;
      reporter.Tick();
    }
  }
  reporter.Tick(true);
  reporter.ClearProgress();
  summary->seconds = SecondsSince(start);
  return Status::OK();
}

namespace {

// The alias table's text to store in the index: the file given, or the built-in one.
Result<std::string> LoadAliases(const std::string& alias_file) {
  if (alias_file.empty()) return AliasTable::Default().Serialize();
  Result<std::string> text = ReadFile(alias_file);
  if (!text.ok()) return Status::IOError("cannot read alias file " + alias_file);
  auto table = AliasTable::Parse(*text);
  if (!table.ok()) return Status::InvalidArgument(alias_file + ": " + table.status().message());
  return table->Serialize();
}

}  // namespace

Status RunIndex(const IndexOptions& options, IndexSummary* summary) {
  auto start = Clock::now();
  auto aliases = LoadAliases(options.alias_file);
  if (!aliases.ok()) return aliases.status();
  auto writer = IndexWriter::Open(options.db);
  if (!writer.ok()) return writer.status();
  // The searcher resolves entity names with exactly this table.
  Status stored = (*writer)->SetMetadata(schema::kMetaAliases, *aliases);
  if (!stored.ok()) return stored;
  auto analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  DocumentBuilder builder(analyzer->get());

  long in_batch = 0;
  Status status = ForEachArticle(
      options.paths, options.alias_file, options.warnings, options.progress, summary,
      [&](const Article& article) -> Status {
        Status s = (*writer)->Put(schema::IdTerm(article.id), builder.Build(article));
        if (!s.ok()) return s;
        if (++in_batch >= options.batch_size) {
          in_batch = 0;
          return (*writer)->Commit();
        }
        return Status::OK();
      });
  if (!status.ok()) return status;
  status = (*writer)->Commit();
  summary->seconds = SecondsSince(start);
  return status;
}

std::string SummaryLine(const IndexSummary& s) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "indexed %ld, skipped %ld, warnings %ld; %ld files, %.1f MB in %.1f s (%.0f docs/s)",
                s.indexed, s.skipped, s.warnings, s.files, s.bytes / 1e6, s.seconds,
                s.seconds > 0 ? s.indexed / s.seconds : 0.0);
  return buf;
}

}  // namespace pressa

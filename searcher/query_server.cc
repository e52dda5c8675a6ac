// pressa-searchd's serving loop: worker threads that accept, decode, search
// with their own Searcher and reply, and a watchdog that answers requests
// running past their time limit.
#include "searcher/query_server.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "searcher/cgi_handler.h"
#include "searcher/cgi_wire.h"
#include "searcher/search_cli.h"
#include "searcher/searcher.h"
#include "searcher/server_socket.h"

namespace pressa {
namespace {

using serversock::ClaimSocketPath;
using serversock::Errno;
using serversock::MakeAddress;
using serversock::ReadFull;
using serversock::SetTimeouts;
using serversock::WriteFull;
using Clock = std::chrono::steady_clock;

// An idle worker checks for a new revision this often (a stat and a read of
// Xapian's version file).
constexpr int kIdleRefreshMs = 1000;

// True when the client has closed the connection entirely (POLLHUP). One
// that only shut down its writing half still waits for the reply.
bool ClientHungUp(int fd) {
  pollfd p = {fd, 0, 0};
  return ::poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) != 0;
}

std::string Frame(const std::string& response) {
  return wire::ReplyHeader(response.size()) + response;
}

std::string SearchFrame(const wire::SearchReply& reply) {
  std::string frame;
  if (wire::EncodeSearchReply(reply, &frame)) return frame;
  wire::SearchReply not_mine;  // too large to send: the front end searches itself
  not_mine.not_mine = true;
  wire::EncodeSearchReply(not_mine, &frame);
  return frame;
}

// A search past the time limit fails as the in-process pressa-search would
// (exit 2, one line on stderr), not with the CGI's 503 page.
std::string SearchTimeoutFrame(double seconds) {
  std::ostringstream message;
  message << "pressa-search: the search took too long (over " << seconds
          << " s); narrow the query or try again later\n";
  wire::SearchReply reply;
  reply.exit_code = 2;
  reply.err = message.str();
  return SearchFrame(reply);
}

}  // namespace

struct QueryServer::Impl {
  QueryServerOptions options;
  std::ostream* log = nullptr;
  std::mutex log_mu;
  int listen_fd = -1;
  int stop_read = -1, stop_write = -1;  // closing stop_write wakes every worker
  dev_t socket_dev = 0;
  ino_t socket_ino = 0;
  std::string timeout_frame;  // the 503 page, ready to send
  std::string search_timeout_frame;  // pressa-search's "took too long", ready to send
  bool stopped = false;

  // A worker's index: its Searcher (null until it could be opened).
  struct Index {
    std::unique_ptr<Searcher> searcher;
  };
  std::vector<Index> indexes;  // one per worker

  // What the watchdog sees of each worker.
  struct Slot {
    bool busy = false;
    bool answered = false;  // the reply (real or 503) has been claimed
    int fd = -1;
    Clock::time_point deadline;
    const std::string* timeout_reply = nullptr;  // the frame sent at the deadline
  };
  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;
  std::vector<Slot> slots;
  std::vector<std::thread> threads;

  std::atomic<uint64_t> served{0}, malformed{0}, timed_out{0}, failed{0}, abandoned{0};

  void Log(const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mu);
    *log << "pressa-searchd: " << line << "\n";
    log->flush();
  }
  // Powers of two only: a flood of garbage does not flood the log.
  void CountMalformed(const char* why) {
    uint64_t n = ++malformed;
    if ((n & (n - 1)) == 0) {
      Log(std::string("refused a malformed request (") + why + "); " + std::to_string(n) +
          " so far");
    }
  }

  Status OpenIndex(Index* index);
  void Warm(Searcher* searcher);
  void RefreshIndex(Index* index);
  void WorkerLoop(size_t worker);
  void Serve(size_t worker, int fd);
  std::string AnswerSearch(Index* index, const wire::Request& request);
  void WatchdogLoop();
};

Status QueryServer::Impl::OpenIndex(Index* index) {
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Open(options.db_path);
  if (!searcher.ok()) return searcher.status();
  index->searcher = std::move(searcher.value());
  Warm(index->searcher.get());
  return Status::OK();
}

// Two requests before serving a new view: the first reads what a searcher
// reads once and renders a page, the second loads the facet column
// (facets.h). Otherwise the first two requests a worker answers after a
// start or a commit pay for them (11 and 50 ms on the 29,512-article corpus,
// against 1-3 ms warm).
void QueryServer::Impl::Warm(Searcher* searcher) {
  CgiEnvironment warm;
  warm.request_method = "GET";
  warm.query_string = "from=1000-01-01";  // every dated article, no query words
  std::ostringstream ignored;
  for (int i = 0; i < 2; ++i) HandleCgiRequest(warm, searcher, ignored);
}

// Follows a commit in place (a new revision) or a swapped generation (a new
// DIR/XAPIANDB) before each request: a stat and a read of the version file,
// which the Searcher then does not repeat (Searcher::Refresh).
void QueryServer::Impl::RefreshIndex(Index* index) {
  if (index->searcher == nullptr) {
    Status st = OpenIndex(index);
    // The handler then tries the path itself and logs why it fails.
    if (!st.ok()) Log("cannot open the index: " + st.ToString());
    return;
  }
  if (index->searcher->Refresh()) Warm(index->searcher.get());
}

void QueryServer::Impl::WorkerLoop(size_t worker) {
  pollfd fds[2] = {{listen_fd, POLLIN, 0}, {stop_read, POLLIN, 0}};
  for (;;) {
    int n = ::poll(fds, 2, kIdleRefreshMs);
    if (n < 0) {
      if (errno == EINTR) continue;
      Log(Errno("poll"));
      return;
    }
    if (n == 0) {
      // Idle: follow a commit now, so that the next request does not pay
      // for the new view's warm-up. (An index that could not be opened is
      // retried by the next request, which logs why.)
      Index& index = indexes[worker];
      if (index.searcher == nullptr) continue;
      try {
        RefreshIndex(&index);
      } catch (const std::exception& e) {
        Log(std::string("cannot follow the index: ") + e.what());
      }
      continue;
    }
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        Log(Errno("accept"));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      continue;  // EAGAIN: another worker took it
    }
    Serve(worker, fd);
    ::close(fd);
  }
}

// pressa-search's answer from this worker's searcher, or "not mine" when the
// request means another index (compared by identity: the path the client
// named is never opened here) or the worker has none open.
std::string QueryServer::Impl::AnswerSearch(Index* index, const wire::Request& request) {
  wire::SearchReply reply;
  struct stat st;
  reply.not_mine = ::stat(options.db_path.c_str(), &st) != 0 ||
                   wire::IndexIdentity{static_cast<uint64_t>(st.st_dev),
                                       static_cast<uint64_t>(st.st_ino)} != request.index;
  if (!reply.not_mine) {
    RefreshIndex(index);
    reply.not_mine = index->searcher == nullptr;
  }
  if (!reply.not_mine) {
    std::ostringstream out, err;
    reply.exit_code =
        RunSearchCli(request.args, request.stdout_is_tty, index->searcher.get(), out, err);
    reply.out = out.str();
    reply.err = err.str();
  }
  return SearchFrame(reply);
}

void QueryServer::Impl::Serve(size_t worker, int fd) {
  SetTimeouts(fd, options.io_seconds);
  char header[wire::kHeaderBytes];
  size_t got = ReadFull(fd, header, sizeof(header));
  if (got == 0) return;  // a probe (connect and close), not a request
  if (got < sizeof(header)) return CountMalformed("truncated header");
  long bytes = wire::DecodeHeader(header, wire::kRequestMagic, wire::kMaxRequestBytes);
  if (bytes < 0) return CountMalformed("bad magic or oversized");
  std::string payload(static_cast<size_t>(bytes), '\0');
  if (ReadFull(fd, payload.data(), payload.size()) < payload.size()) {
    return CountMalformed("truncated payload");
  }
  wire::Request request;
  if (!wire::DecodeRequest(payload, &request).ok()) return CountMalformed("bad fields");
  // The client hung up while its request waited for a worker (its own time
  // limit ran out in a flood): a search for nobody would only keep the
  // requests behind it waiting longer.
  if (ClientHungUp(fd)) {
    ++abandoned;
    return;
  }
  const bool search = request.kind == wire::RequestKind::kSearch;
  const std::string& timeout_reply = search ? search_timeout_frame : timeout_frame;

  Slot& slot = slots[worker];
  {
    std::lock_guard<std::mutex> lock(mu);
    slot.busy = true;
    slot.answered = false;
    slot.fd = fd;
    slot.timeout_reply = &timeout_reply;
    slot.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(options.request_seconds));
  }
  cv.notify_one();

  std::string reply;  // the whole frame
  std::ostringstream request_log;
  try {
    Index& index = indexes[worker];
    if (search) {
      reply = AnswerSearch(&index, request);
    } else {
      RefreshIndex(&index);
      CgiEnvironment env;
      env.request_method = std::move(request.method);
      env.query_string = std::move(request.query_string);
      env.args = std::move(request.args);
      env.db_path = options.db_path;
      // A null searcher (never opened) makes the handler try the path itself
      // and log why it fails.
      reply = Frame(HandleCgiRequest(env, index.searcher.get(), request_log).Serialize());
    }
  } catch (const std::exception& e) {
    request_log << "internal error: " << e.what() << "\n";
    wire::SearchReply not_mine;  // the front end then searches in its own process
    not_mine.not_mine = true;
    reply = search ? SearchFrame(not_mine) : Frame(InternalErrorResponse().Serialize());
    ++failed;
  }
  if (!request_log.str().empty()) {
    std::lock_guard<std::mutex> lock(log_mu);
    *log << request_log.str();
    log->flush();
  }

  bool ours, late;
  {
    std::lock_guard<std::mutex> lock(mu);
    ours = !slot.answered;
    // Past the limit is past it, whether or not the watchdog woke up in time
    // (as the in-process CGI's alarm would have fired).
    late = Clock::now() >= slot.deadline;
    slot.answered = true;
    slot.busy = false;
    slot.fd = -1;
  }
  if (!ours) return;  // the watchdog sent the timeout reply
  if (WriteFull(fd, late ? timeout_reply : reply, 0)) {
    ++(late ? timed_out : served);
  } else {
    ++failed;  // the client gave up (its own timeout) or died
  }
}

void QueryServer::Impl::WatchdogLoop() {
  std::unique_lock<std::mutex> lock(mu);
  while (!stopping) {
    Clock::time_point now = Clock::now(), next = Clock::time_point::max();
    for (Slot& slot : slots) {
      if (!slot.busy || slot.answered) continue;
      if (slot.deadline <= now) {
        slot.answered = true;
        // Non-blocking: the page fits in the socket buffer of a client that
        // is waiting for it; one that is not reading gets nothing.
        if (WriteFull(slot.fd, *slot.timeout_reply, MSG_DONTWAIT))
          ++timed_out;
        else
          ++failed;
        ::shutdown(slot.fd, SHUT_RDWR);
      } else if (slot.deadline < next) {
        next = slot.deadline;
      }
    }
    if (next == Clock::time_point::max()) {
      cv.wait(lock);
    } else {
      cv.wait_until(lock, next);
    }
  }
}

QueryServer::QueryServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

QueryServer::~QueryServer() { Stop(); }

Result<std::unique_ptr<QueryServer>> QueryServer::Start(const QueryServerOptions& options,
                                                        std::ostream* log) {
  if (options.db_path.empty()) return Status::InvalidArgument("no index given");
  if (options.threads < 1 || options.threads > kMaxServerThreads) {
    return Status::InvalidArgument("threads must be 1.." + std::to_string(kMaxServerThreads));
  }
  if (!(options.request_seconds > 0 && options.request_seconds <= 3600) ||
      !(options.io_seconds > 0 && options.io_seconds <= 3600)) {
    return Status::InvalidArgument("time limits must be in (0, 3600] seconds");
  }
  sockaddr_un addr;
  if (!MakeAddress(options.socket_path, &addr)) {
    return Status::InvalidArgument("socket path empty or longer than " +
                                   std::to_string(sizeof(addr.sun_path) - 1) + " bytes");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->log = log;
  impl->timeout_frame = Frame(TimeoutResponse().Serialize());
  impl->search_timeout_frame = SearchTimeoutFrame(options.request_seconds);
  impl->indexes.resize(static_cast<size_t>(options.threads));
  impl->slots.resize(static_cast<size_t>(options.threads));
  for (Impl::Index& index : impl->indexes) {
    Status st = impl->OpenIndex(&index);
    if (!st.ok()) return st;
  }

  Status claimed = ClaimSocketPath(options.socket_path, addr);
  if (!claimed.ok()) return claimed;
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return Status::IOError(Errno("socket"));
  impl->listen_fd = fd;  // closed by Stop() from here on
  // bind(2) creates the file with the umask's mode: rw for owner and group
  // (the web server's: connecting takes write permission), none for others.
  mode_t old_mask = ::umask(0117);
  int rc = ::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr));
  int bind_errno = errno;
  ::umask(old_mask);
  if (rc != 0) {
    errno = bind_errno;
    ::close(fd);
    return Status::IOError(Errno("cannot bind " + options.socket_path));
  }
  struct stat st;
  if (::stat(options.socket_path.c_str(), &st) == 0) {
    impl->socket_dev = st.st_dev;
    impl->socket_ino = st.st_ino;
  }
  int pipe_fds[2];
  // As many waiting connections as the system allows: in a burst they are
  // then served in arrival order, where with a queue of 128 the front ends
  // beyond it retried (a 400-request burst at 10x: p95 1.5 s against 2.6 s).
  if (::listen(fd, SOMAXCONN) != 0 || ::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    Status error = Status::IOError(Errno("cannot listen on " + options.socket_path));
    ::close(fd);
    ::unlink(options.socket_path.c_str());
    return error;
  }
  impl->stop_read = pipe_fds[0];
  impl->stop_write = pipe_fds[1];

  Impl* p = impl.get();
  p->threads.emplace_back([p] { p->WatchdogLoop(); });
  for (size_t i = 0; i < static_cast<size_t>(options.threads); ++i) {
    p->threads.emplace_back([p, i] { p->WorkerLoop(i); });
  }
  return std::unique_ptr<QueryServer>(new QueryServer(std::move(impl)));
}

void QueryServer::Stop() {
  if (impl_ == nullptr || impl_->stopped) return;
  impl_->stopped = true;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  ::close(impl_->stop_write);  // POLLHUP for every worker
  for (std::thread& t : impl_->threads) t.join();
  impl_->threads.clear();
  ::close(impl_->stop_read);
  ::close(impl_->listen_fd);
  // Only our own socket: a successor may already have bound the path.
  struct stat st;
  if (::lstat(impl_->options.socket_path.c_str(), &st) == 0 && st.st_dev == impl_->socket_dev &&
      st.st_ino == impl_->socket_ino) {
    ::unlink(impl_->options.socket_path.c_str());
  }
}

QueryServerStats QueryServer::stats() const {
  QueryServerStats s;
  s.served = impl_->served.load();
  s.malformed = impl_->malformed.load();
  s.timed_out = impl_->timed_out.load();
  s.failed = impl_->failed.load();
  s.abandoned = impl_->abandoned.load();
  return s;
}

}  // namespace pressa

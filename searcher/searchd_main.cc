// pressa-searchd: the resident search server that pressa.cgi and
// pressa-search forward to (see query_server.h); runs until SIGTERM, SIGINT or SIGHUP.
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <string>

#include <boost/program_options.hpp>

#include "core/open_files.h"
#include "searcher/query_server.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitFailure = 2;

const char kUsage[] =
    "Usage: pressa-searchd --db DIR --socket PATH [--threads N] [--timeout SECONDS]\n"
    "Answers pressa.cgi's requests (PRESSA_SOCKET=PATH in the web server's environment,\n"
    "or `socket = PATH` in pressa.cgi.conf) and pressa-search's for the same index\n"
    "(PRESSA_SOCKET=PATH) from long-lived searchers. The socket is created with\n"
    "mode 0660: run the server in the web server's group.\n"
    "Logs to stderr only when something fails. SIGTERM, SIGINT or SIGHUP stops it.\n";

int Run(int argc, char** argv) {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("db", po::value<std::string>(), "index directory (or Xapian stub file)")
      ("socket", po::value<std::string>(), "Unix-domain socket to listen on")
      ("threads", po::value<int>()->default_value(2),
       "worker threads, each with its own searcher (1-64)")
      ("timeout", po::value<double>()->default_value(10),
       "seconds before a request is answered \"took too long\" (503 page; exit 2)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "pressa-searchd: " << e.what() << "\n" << kUsage;
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << kUsage << options;
    return kExitOk;
  }
  if (!vm.count("db") || !vm.count("socket")) {
    std::cerr << "pressa-searchd: --db and --socket are required\n" << kUsage;
    return kExitUsage;
  }
  pressa::QueryServerOptions server_options;
  server_options.db_path = vm["db"].as<std::string>();
  server_options.socket_path = vm["socket"].as<std::string>();
  server_options.threads = vm["threads"].as<int>();
  server_options.request_seconds = vm["timeout"].as<double>();

  // Every thread inherits this mask: the signals wait for sigwait below
  // instead of interrupting a worker; a vanished client is an EPIPE, not a
  // SIGPIPE.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGHUP);  // its terminal closed: stop cleanly too
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto server = pressa::QueryServer::Start(server_options, &std::cerr);
  if (!server.ok()) {
    const pressa::Status& st = server.status();
    std::cerr << "pressa-searchd: " << st.ToString() << "\n";
    return st.IsInvalidArgument() ? kExitUsage : kExitFailure;
  }
  int signal_number = 0;
  while (sigwait(&stop_signals, &signal_number) != 0) {
  }
  server.value()->Stop();
  pressa::QueryServerStats stats = server.value()->stats();
  if (stats.malformed != 0 || stats.timed_out != 0 || stats.failed != 0 ||
      stats.abandoned != 0) {
    std::cerr << "pressa-searchd: stopped; " << stats.served << " served, " << stats.malformed
              << " malformed, " << stats.timed_out << " timed out, " << stats.failed
              << " failed, " << stats.abandoned << " abandoned by their clients\n";
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) try {
  // Each worker opens every shard of a stub: many shards need many files.
  pressa::RaiseOpenFileLimit();
  return Run(argc, argv);
} catch (const std::exception& e) {
  std::cerr << "pressa-searchd: internal error: " << e.what() << "\n";
  return kExitFailure;
}

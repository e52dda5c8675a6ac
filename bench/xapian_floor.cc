// pressa-xapian-floor: what Xapian alone costs to write an index Pressa built.
//
// Reads every document of INDEX (its terms, wdf, positions, values and data)
// into memory, then times only Xapian's part of a fresh build the way
// pressa-index does it: THREADS writers, each adding its share of the
// documents to its own glass database (DB_NO_SYNC, a commit every BATCH
// documents), then one compaction of the shards into OUT. No reading, no
// analysis, no entity extraction, no compression of our own: a lower bound
// for any indexer that writes the same index through Xapian's API.
//
// Usage: pressa-xapian-floor INDEX OUT [THREADS [BATCH [MODE]]]
// MODE says what to leave out, to price each part of Xapian's writing:
//   nopos   the same documents without Xapian positions;
//   noterm  written without term lists (DB_NO_TERMLIST);
//   lean    both: the least an index with these terms can cost, though it
//           could neither update a document nor answer a phrase.
#include <sys/resource.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// The process's CPU time so far (user + system), in seconds.
double CpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A standalone copy of `from`: a document read from a database is lazy.
Xapian::Document Copy(const Xapian::Document& from, bool positions) {
  Xapian::Document doc;
  for (auto t = from.termlist_begin(); t != from.termlist_end(); ++t) {
    const std::string term = *t;
    for (auto p = t.positionlist_begin(); positions && p != t.positionlist_end(); ++p) {
      doc.add_posting(term, *p, 0);
    }
    doc.add_term(term, t.get_wdf());
  }
  for (auto v = from.values_begin(); v != from.values_end(); ++v) {
    doc.add_value(v.get_valueno(), *v);
  }
  doc.set_data(from.get_data());
  return doc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: pressa-xapian-floor INDEX OUT [THREADS [BATCH [nopos|noterm|lean]]]\n");
    return 1;
  }
  const std::string out = argv[2];
  const int threads = argc > 3 ? std::atoi(argv[3]) : 2;
  const int batch = argc > 4 ? std::atoi(argv[4]) : 250;  // as pressa-index's shards
  const std::string mode = argc > 5 ? argv[5] : "";
  const bool no_positions = mode == "nopos" || mode == "lean";
  const bool no_termlists = mode == "noterm" || mode == "lean";
  if (threads < 1 || batch < 1) {
    std::fprintf(stderr, "pressa-xapian-floor: THREADS and BATCH must be at least 1\n");
    return 1;
  }
  if (!mode.empty() && !no_positions && !no_termlists) {
    std::fprintf(stderr, "pressa-xapian-floor: MODE is nopos, noterm or lean, not %s\n",
                 mode.c_str());
    return 1;
  }
  try {
    auto start = Clock::now();
    std::vector<Xapian::Document> docs;
    {
      Xapian::Database in(argv[1]);
      docs.reserve(in.get_doccount());
      for (auto it = in.postlist_begin(""); it != in.postlist_end(""); ++it) {
        docs.push_back(Copy(in.get_document(*it), !no_positions));
      }
    }
    std::printf("loaded %zu documents in %.2f s\n", docs.size(), Seconds(start));

    std::filesystem::remove_all(out);
    std::filesystem::create_directories(out);
    start = Clock::now();
    const double cpu_start = CpuSeconds();
    std::vector<std::thread> writers;
    std::vector<std::string> shards;
    for (int w = 0; w < threads; ++w) shards.push_back(out + "/shard" + std::to_string(w));
    for (int w = 0; w < threads; ++w) {
      writers.emplace_back([&, w] {
        Xapian::WritableDatabase db(shards[w], Xapian::DB_CREATE_OR_OVERWRITE |
                                                   Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC |
                                                   (no_termlists ? Xapian::DB_NO_TERMLIST : 0));
        // Contiguous shares, as the reader hands whole runs of input to a worker.
        size_t from = docs.size() * w / threads, to = docs.size() * (w + 1) / threads;
        int in_batch = 0;
        for (size_t i = from; i < to; ++i) {
          db.add_document(docs[i]);
          if (++in_batch == batch) {
            db.commit();
            in_batch = 0;
          }
        }
        db.commit();
        db.close();
      });
    }
    for (std::thread& t : writers) t.join();
    const double write_s = Seconds(start);
    auto compact_start = Clock::now();
    Xapian::Database all;
    for (const std::string& shard : shards) all.add_database(Xapian::Database(shard));
    all.compact(out + "/index", Xapian::Compactor::FULL);
    const double compact_s = Seconds(compact_start);
    std::printf("%s%sthreads %d, batch %d: add+commit %.2f s, compact %.2f s, total %.2f s "
                "(CPU %.2f s)\n",
                mode.c_str(), mode.empty() ? "" : ", ", threads, batch, write_s, compact_s,
                write_s + compact_s,
                CpuSeconds() - cpu_start);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "pressa-xapian-floor: %s\n", e.get_description().c_str());
    return 2;
  }
  return 0;
}

// jemalloc's options, read at its start: compiled only into programs linked
// with jemalloc (pressa_malloc in indexer/CMakeLists.txt).
//
// Its heap on transparent huge pages. Xapian's inverter walks maps of
// millions of small nodes: with fewer TLB misses a build of the corpus was
// faster in 7 of 7 pairs (medians 12.54 -> 12.32 s, CPU 23.9 -> 23.5 s), for
// 20-50 MB more peak RSS (162 MB with --memory 200).
extern "C" const char* malloc_conf;
const char* malloc_conf = "thp:always";

// One-shot processes (pressa.cgi, pressa-search): the heap on transparent
// huge pages, so that a request does not pay a page fault per 4 KB it
// touches.
#ifndef PRESSA_SEARCHER_PROCESS_HEAP_H_
#define PRESSA_SEARCHER_PROCESS_HEAP_H_

namespace pressa {

// Makes the rest of the process's malloc heap (glibc's main arena) grow on
// 2 MB transparent huge pages where the kernel allows them (THP "madvise"
// or "always"): a page fault per 2 MB instead of per 4 KB. On a
// paravirtualized VM a small-page fault costs ~11 us, and a search request
// touches a few hundred heap pages; a huge page costs about as much as one.
// Large blocks stay on the heap instead of fresh mmaps, and freed memory is
// not returned to the system: meant for short-lived processes, called once
// at the start of main. Does nothing under sanitizers or where glibc's heap
// cannot be arranged; never fails.
void UseHugePagesForHeap();

}  // namespace pressa

#endif  // PRESSA_SEARCHER_PROCESS_HEAP_H_

// How Xapian compresses what it writes, for the indexer only.
//
// Xapian's glass backend deflates every document's term list with zlib at
// the default level (6) and its largest hash table (memLevel 9), and resets
// that 128 KB table before each one. On the press corpus that was 5% of a
// fresh build's CPU, for term lists of a few KB. Xapian offers no setting,
// so the indexer's executables define zlib's deflateInit2_ themselves (the
// dynamic linker binds Xapian's calls to the executable's definition first):
// a stream opened with exactly Xapian's parameters gets level 1 and
// memLevel 8, and every other stream zlib's own call unchanged. The output
// is ordinary raw deflate that any reader inflates; term lists grow about 4%.
//
// Linked into pressa-index (and the tests that check it), not into the
// libraries: a searcher never deflates.
#ifndef PRESSA_INDEXER_XAPIAN_DEFLATE_H_
#define PRESSA_INDEXER_XAPIAN_DEFLATE_H_

namespace pressa {

// The deflate streams opened with Xapian's parameters and given the faster
// setting in this process so far: zero after a commit means the override is
// not in effect (the executable was linked without it, or zlib is static).
long FastXapianDeflateStreams();

}  // namespace pressa

#endif  // PRESSA_INDEXER_XAPIAN_DEFLATE_H_

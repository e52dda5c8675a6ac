// Chooses the terms a new index gives Xapian positional postings, from a
// sample spread over all its input files (core/positions.h).
#ifndef PRESSA_INDEXER_NATIVE_SAMPLE_H_
#define PRESSA_INDEXER_NATIVE_SAMPLE_H_

#include <vector>

#include "core/positions.h"
#include "core/status.h"
#include "indexer/reader.h"

namespace pressa {

// Reads up to about kNativeSampleBytes of articles from `files`: a few slices
// of every JSON-lines file, and seed files at an even stride, so that every
// source is in the sample, not just the first read. Unreadable parts are
// skipped (the build itself reports them). Then NativeTerms::Choose on their
// terms. Fails only if the analyzer cannot start.
Result<positions::NativeTerms> ChooseNativeTerms(const std::vector<InputFile>& files);

}  // namespace pressa

#endif  // PRESSA_INDEXER_NATIVE_SAMPLE_H_

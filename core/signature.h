// Near-duplicate signatures: a MinHash sketch of an article's word shingles,
// stored at index time (schema::kSlotSignature) and compared at search time
// to collapse reprints (wire copies, one story under two URLs).
#ifndef PRESSA_CORE_SIGNATURE_H_
#define PRESSA_CORE_SIGNATURE_H_

#include <string>
#include <string_view>
#include <vector>

namespace pressa {

// Number of MinHash values in a signature (4 bytes each).
inline constexpr int kSignatureHashes = 16;

// The signature of a text given as its index terms in order (stopwords left
// out): the minimum, under each of kSignatureHashes hash functions, over its
// 4-word shingles. Empty for an empty text. A persistent format.
std::string NearDuplicateSignature(const std::vector<std::string>& terms);
std::string NearDuplicateSignature(const std::vector<std::string_view>& terms);

// Estimated Jaccard similarity of the two texts' shingle sets (0..1): the
// share of equal MinHash values. 0 if either signature is empty or malformed.
double SignatureSimilarity(std::string_view a, std::string_view b);

}  // namespace pressa

#endif  // PRESSA_CORE_SIGNATURE_H_

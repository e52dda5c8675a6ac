// SHA-256 (FIPS 180-4), for the Content-Security-Policy hash of the page's
// inline stylesheet. Not for anything secret: no constant-time guarantees.
#ifndef PRESSA_SEARCHER_SHA256_H_
#define PRESSA_SEARCHER_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace pressa {

// The 32-byte digest of `data`.
std::array<uint8_t, 32> Sha256(std::string_view data);

// The digest in standard base64 with padding, as CSP's 'sha256-…' wants it.
std::string Sha256Base64(std::string_view data);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SHA256_H_

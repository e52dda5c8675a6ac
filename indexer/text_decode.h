// Input bytes to UTF-8: BOMs, UTF-16, legacy Cyrillic code pages detected with
// ICU, line endings, binary data refused; and the checks that let a JSON-lines
// file be streamed without decoding it whole. Used by the corpus readers.
#ifndef PRESSA_INDEXER_TEXT_DECODE_H_
#define PRESSA_INDEXER_TEXT_DECODE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace pressa {

// Turns raw file bytes into valid UTF-8: strips a UTF-8 BOM, decodes UTF-16
// with a BOM, and detects legacy Cyrillic encodings (windows-1251, KOI8-R)
// with ICU when the bytes are not valid UTF-8. CRLF and lone CR become LF.
// `*note` names a conversion that happened ("decoded from windows-1251"),
// empty otherwise. Returns InvalidArgument for empty input, binary data
// (NUL bytes, mostly control characters) or undecodable bytes.
Result<std::string> DecodeText(std::string_view bytes, std::string* note);

// What a JSON-lines file read in chunks needs to know before its lines are
// streamed: whether DecodeText would return the bytes unchanged (bar a UTF-8
// BOM and line endings). Only such "plain" files are read line by line in
// bounded memory; any other goes through DecodeText whole.
struct TextCheck {
  uint64_t bytes = 0;
  uint64_t invalid_utf8 = 0;  // bytes starting no well-formed sequence
  uint64_t controls = 0;      // control bytes other than whitespace
  bool nul = false;
  bool utf16_bom = false;
  bool content = false;  // a byte other than ASCII whitespace or NBSP
};

// Adds `chunk` to `check`. Chunks must be consecutive and cut where a UTF-8
// sequence starts (after a '\n' is always such a place); see Utf8CutPoint.
void AddToTextCheck(std::string_view chunk, bool first_chunk, TextCheck* check);

// True if DecodeText would accept the whole text as UTF-8 without a note.
bool IsPlainUtf8(const TextCheck& check);

// The largest n <= s.size() such that s[0, n) ends at a UTF-8 sequence
// boundary (an incomplete sequence at the end is left for the next chunk).
size_t Utf8CutPoint(std::string_view s);

// What ScanUtf8 found in a text.
struct Utf8Scan {
  size_t multibyte = 0;  // well-formed sequences of two or more bytes
  size_t invalid = 0;    // bytes that start no well-formed sequence
};

// Checks UTF-8 as RFC 3629 defines it: no overlongs, no surrogates, nothing
// above U+10FFFF.
Utf8Scan ScanUtf8(std::string_view s);

}  // namespace pressa

#endif  // PRESSA_INDEXER_TEXT_DECODE_H_

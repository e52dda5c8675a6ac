// Input bytes to UTF-8 (see text_decode.h).
#include "indexer/text_decode.h"

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "core/split.h"

namespace pressa {

Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan scan;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    // Then Cyrillic text: two-byte sequences and the ASCII between words.
    while (i + 1 < n) {
      const unsigned char b = p[i];
      if (b >= 0xC2 && b <= 0xDF && (p[i + 1] & 0xC0) == 0x80) {
        ++scan.multibyte;
        i += 2;
      } else if (b < 0x80 && p[i + 1] >= 0x80) {
        ++i;
      } else {
        break;  // an ASCII run (back to eight at a time) or a longer sequence
      }
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    bool ok = len > 0 && i + len <= n && p[i + 1] >= lo && p[i + 1] <= hi;
    for (size_t k = 2; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
    if (ok) {
      ++scan.multibyte;
      i += len;
    } else {
      ++scan.invalid;
      ++i;
    }
  }
  return scan;
}

namespace {

// ---------------------------------------------------------------------------
// Decoding

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};




Result<std::string> ConvertToUtf8(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &status));
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU has no converter for ") + charset + ": " +
                            u_errorName(status));
  }
  // One byte or one UTF-16 unit never needs more than three UTF-8 bytes.
  std::u16string units(bytes.size() + 1, u'\0');
  int32_t n_units = ucnv_toUChars(conv.get(), units.data(), static_cast<int32_t>(units.size()),
                                  bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    return Status::InvalidArgument(std::string("cannot decode as ") + charset + ": " +
                                   u_errorName(status));
  }
  std::string out(static_cast<size_t>(n_units) * 3 + 1, '\0');
  int32_t out_len = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &out_len, units.data(), n_units,
                     0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("UTF-8 conversion failed: ") + u_errorName(status));
  }
  out.resize(static_cast<size_t>(out_len));
  return out;
}

struct LegacyCharset {
  const char* name;       // ICU converter name, also used in notes
  const char* icu_label;  // how ucsdet names it
};
const LegacyCharset kLegacyCharsets[] = {
    {"windows-1251", "windows-1251"},
    {"KOI8-R", "KOI8-R"},
    {"IBM866", "IBM866"},
};
constexpr size_t kNumLegacy = sizeof(kLegacyCharsets) / sizeof(kLegacyCharsets[0]);

// Code points of bytes 0x80..0xFF in each legacy charset, built once through ICU.
using HighTable = std::array<UChar32, 128>;
const std::array<HighTable, kNumLegacy>& LegacyTables() {
  static const std::array<HighTable, kNumLegacy> tables = [] {
    std::array<HighTable, kNumLegacy> t{};
    for (size_t k = 0; k < kNumLegacy; ++k) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<UConverter, ConverterCloser> conv(
          ucnv_open(kLegacyCharsets[k].name, &status));
      for (int b = 0; b < 128; ++b) {
        t[k][b] = 0xFFFD;
        if (U_FAILURE(status)) continue;
        char byte = static_cast<char>(0x80 + b);
        UChar u[4];
        UErrorCode s2 = U_ZERO_ERROR;
        int32_t n = ucnv_toUChars(conv.get(), u, 4, &byte, 1, &s2);
        if (U_SUCCESS(s2) && n == 1) t[k][b] = u[0];
      }
    }
    return t;
  }();
  return tables;
}

// The 120 most frequent letter pairs of Russian news text (measured on Wikinews, ё as е);
// they cover about 73% of all pairs. A wrong code page permutes the alphabet and breaks them,
// which tells windows-1251 from KOI8-R even in short all-capitals headlines.
constexpr char16_t kCommonBigrams[] =
    u"ст ен ни на ра ко но ро ов то го по ре ан пр ер ал ос та од ор ле ли не ет ом де те ва "
    u"он ин ол ла во ск ка ел ри ти ль да от ес ве ит ат за ны ог ил ме ар об ед ав со ло ми "
    u"тр ис ой ем ак ви ас до ки ии че тв ма ия нн ди ам се ик ть из ие им мо ий ся бо нт ци "
    u"ей ру аз же сл пе вы ег си ад ок сс ир ьн па ев тс са бы тн ек ля ше ча дн ид вл ду уд "
    u"чт ту ив ое";

// Index 0..31 of a Russian letter in either case (ё folded to е), or -1.
int LetterIndex(UChar32 u) {
  if (u >= 0x0410 && u <= 0x042F) return u - 0x0410;
  if (u >= 0x0430 && u <= 0x044F) return u - 0x0430;
  if (u == 0x0401 || u == 0x0451) return 5;  // е
  return -1;
}

using BigramSet = std::array<std::array<bool, 32>, 32>;
const BigramSet& CommonBigrams() {
  static const BigramSet set = [] {
    BigramSet b{};
    std::u16string_view list(kCommonBigrams);
    for (size_t i = 0; i + 1 < list.size(); i += 3) {
      b[LetterIndex(list[i])][LetterIndex(list[i + 1])] = true;
    }
    return b;
  }();
  return set;
}

// How much the high bytes of `sample` look like Russian when read through `table`, per high
// byte: every Russian letter scores, frequent letters and lower case more, a common letter
// pair much more; anything else (box drawing, symbols of a wrong code page) costs.
double RussianScore(std::string_view sample, const HighTable& table) {
  static constexpr std::u16string_view kFrequent = u"оеаинтсрвлкмдпу";
  const BigramSet& bigrams = CommonBigrams();
  double score = 0;
  size_t high = 0;
  int prev = -1;
  for (unsigned char c : sample) {
    if (c < 0x80) {
      prev = -1;
      continue;
    }
    ++high;
    UChar32 u = table[c - 0x80];
    int letter = LetterIndex(u);
    if (letter >= 0) {
      score += 1.0;
      if (kFrequent.find(static_cast<char16_t>(0x0430 + letter)) != std::u16string_view::npos) {
        score += 1.0;
      }
      if (u >= 0x0430) score += 0.5;  // lower case (ё included)
      if (prev >= 0 && bigrams[prev][letter]) score += 2.0;
      prev = letter;
      continue;
    }
    prev = -1;
    // Typographic quotes, dashes, № and NBSP are normal in Russian text.
    if (u != 0x00AB && u != 0x00BB && u != 0x2014 && u != 0x2013 && u != 0x2116 && u != 0x00A0 &&
        u != 0x201C && u != 0x201D && u != 0x201E) {
      score -= 1.0;
    }
  }
  return high == 0 ? 0 : score / static_cast<double>(high);
}

// ICU's opinion, limited to the Cyrillic code pages we accept; -1 when it has none.
int IcuLegacyGuess(std::string_view sample) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (U_FAILURE(status)) return -1;
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &status);
  if (U_FAILURE(status)) return -1;
  for (int32_t m = 0; m < found; ++m) {
    const char* name = ucsdet_getName(matches[m], &status);
    if (U_FAILURE(status) || name == nullptr) return -1;
    for (size_t k = 0; k < kNumLegacy; ++k) {
      if (std::strcmp(name, kLegacyCharsets[k].icu_label) == 0) return static_cast<int>(k);
    }
  }
  return -1;
}

// Picks the legacy Cyrillic charset of non-UTF-8 bytes, or -1 when none reads as Russian.
// ICU's detector mislabels short texts, so its guess only breaks near ties.
int GuessLegacyCharset(std::string_view bytes) {
  std::string_view sample = bytes.substr(0, 64 * 1024);
  const auto& tables = LegacyTables();
  std::array<double, kNumLegacy> scores{};
  for (size_t k = 0; k < kNumLegacy; ++k) scores[k] = RussianScore(sample, tables[k]);
  int icu = IcuLegacyGuess(sample);
  if (icu >= 0) scores[icu] += 0.1;
  int best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  return scores[best] >= 0.5 ? best : -1;
}

// Copies `in` to `out`, turning CRLF and lone CR into LF.
void AppendWithLf(std::string_view in, std::string* out) {
  out->reserve(out->size() + in.size());
  size_t start = 0;
  while (true) {
    size_t cr = in.find('\r', start);
    if (cr == std::string_view::npos) {
      out->append(in.substr(start));
      return;
    }
    out->append(in.substr(start, cr - start));
    out->push_back('\n');
    start = cr + 1;
    if (start < in.size() && in[start] == '\n') ++start;
  }
}

bool IsControlByte(unsigned char c) {
  return (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') || c == 0x7F;
}

// False only if no byte of `w` is below 0x20 or 0x7F, so none is a control
// byte (exact tests: a borrow can only spread from a byte that matched).
bool MayHoldControlByte(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
  const uint64_t del = w ^ (kOnes * 0x7F);
  return (below_space | ((del - kOnes) & ~del & kHigh)) != 0;
}

// Binary data: a NUL byte, or more than a tenth of the bytes control characters.
Status CheckNotBinary(std::string_view s) {
  if (s.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("binary data (NUL bytes), not text");
  }
  size_t controls = 0;
  for (unsigned char c : s) controls += IsControlByte(c);
  if (controls * 10 > s.size()) {
    return Status::InvalidArgument("binary data (mostly control characters), not text");
  }
  return Status::OK();
}

}  // namespace

void AddToTextCheck(std::string_view chunk, bool first_chunk, TextCheck* check) {
  if (first_chunk && chunk.size() >= 2 &&
      (chunk.substr(0, 2) == "\xFF\xFE" || chunk.substr(0, 2) == "\xFE\xFF")) {
    check->utf16_bom = true;
  }
  check->bytes += chunk.size();
  check->invalid_utf8 += ScanUtf8(chunk).invalid;
  if (!check->nul && chunk.find('\0') != std::string_view::npos) check->nul = true;
  uint64_t controls = 0;
  bool content = check->content;
  size_t i = 0;
  for (; i < chunk.size() && !content; ++i) {
    const auto c = static_cast<unsigned char>(chunk[i]);
    controls += IsControlByte(c);
    // NBSP bytes (C2 A0) count as whitespace: TrimSpace strips them.
    if (c != ' ' && (c < '\t' || c > '\r') && c != 0xC2 && c != 0xA0) content = true;
  }
  // With content seen, only control bytes are left to count: eight bytes at
  // a time, byte by byte only in a word that may hold one.
  for (; i + 8 <= chunk.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, chunk.data() + i, 8);
    if (!MayHoldControlByte(w)) continue;
    for (size_t k = i; k < i + 8; ++k) controls += IsControlByte(static_cast<unsigned char>(chunk[k]));
  }
  for (; i < chunk.size(); ++i) controls += IsControlByte(static_cast<unsigned char>(chunk[i]));
  check->controls += controls;
  check->content = content;
}

bool IsPlainUtf8(const TextCheck& check) {
  return check.bytes > 0 && !check.utf16_bom && !check.nul && check.invalid_utf8 == 0 &&
         check.controls * 10 <= check.bytes && check.content;
}

size_t Utf8CutPoint(std::string_view s) {
  // Back over at most three continuation bytes to the lead byte of the last sequence.
  size_t n = s.size();
  for (size_t back = 1; back <= 4 && back <= n; ++back) {
    unsigned char c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation
    if (c < 0x80) return n;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return len > back ? n - back : n;
  }
  return n;
}

Result<std::string> DecodeText(std::string_view bytes, std::string* note) {
  note->clear();
  if (bytes.empty()) return Status::InvalidArgument("empty file");
  std::string out;

  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    const bool le = bytes[0] == '\xFF';
    const char* charset = le ? "UTF-16LE" : "UTF-16BE";
    Result<std::string> converted = ConvertToUtf8(bytes.substr(2), charset);
    if (!converted.ok()) return converted.status();
    Status binary = CheckNotBinary(*converted);
    if (!binary.ok()) return binary;
    AppendWithLf(*converted, &out);
    *note = std::string("decoded from ") + charset;
  } else {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    Status binary = CheckNotBinary(bytes);
    if (!binary.ok()) return binary;
    Utf8Scan scan = ScanUtf8(bytes);
    if (scan.invalid == 0) {
      AppendWithLf(bytes, &out);
    } else if (scan.multibyte >= 4 * scan.invalid) {
      // Mostly UTF-8 with a few broken bytes (a cut-off file, a bad splice): legacy code pages
      // almost never form valid multi-byte sequences, so repair rather than re-decode.
      Result<std::string> converted = ConvertToUtf8(bytes, "UTF-8");
      if (!converted.ok()) return converted.status();
      AppendWithLf(*converted, &out);
      *note = std::to_string(scan.invalid) + " invalid UTF-8 byte(s) replaced by U+FFFD";
    } else {
      int k = GuessLegacyCharset(bytes);
      if (k < 0) {
        return Status::InvalidArgument(
            "invalid UTF-8, and not readable as windows-1251, KOI8-R or IBM866 Russian text");
      }
      Result<std::string> converted = ConvertToUtf8(bytes, kLegacyCharsets[k].name);
      if (!converted.ok()) return converted.status();
      AppendWithLf(*converted, &out);
      *note = std::string("decoded from ") + kLegacyCharsets[k].name;
    }
  }
  if (TrimSpace(out).empty()) return Status::InvalidArgument("empty file (only whitespace)");
  return out;
}

}  // namespace pressa

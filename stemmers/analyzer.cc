// The text-analysis pipeline: ICU word segmentation of the original UTF-8,
// per-word normalization, acronym detection, stopwords and Snowball stemming.
//
// Rules chosen (tests/stemmers/analyzer_test.cc holds their case tables):
// - A word is a run of letters and digits (combining marks and format
//   characters such as the soft hyphen continue a run) inside an ICU word
//   segment. Apostrophes, dots and commas that ICU keeps inside a segment
//   ("don't", "3,5", "rt.com") split it, so no quote ever sticks to a term.
// - Runs joined by exactly one '-', U+2010 or U+2011 form a compound: one
//   kCompound token (term = stem of "часть-часть") at the first part's
//   position, then the parts. Runs of digits only ("2025-2026", phone
//   numbers) form no compound. En and em dashes are separators.
// - Acronyms (kAcronym, term "XA" + lower case, never stemmed):
//   all capitals, 2-3 letters (РЭЦ, МАЗ, СМИ), or 4-6 letters with at most
//   one vowel (ГИБДД, ЦСКА, ТАСС): longer or vowel-rich capitals ("МОСКВА",
//   "НАТО") are shouted words and are stemmed like any word; a word with
//   Cyrillic letters and 2+ capitals where a capital follows a small letter
//   or two capitals lead (РАНХиГС, СмолГУ, ВКонтакте). A case ending after an
//   acronym is dropped ("МАЗа", "ВУЗов" -> XAмаз, XAвуз). Latin mixed case
//   (YouTube, iPhone) is an ordinary word: people type brands in lower case.
// - Normalization: NFKC, Latin look-alikes folded in Cyrillic words, NFKC
//   case folding, ё -> е, leftover combining marks (stress, strike-through)
//   dropped. Pure ASCII/Cyrillic words take an equivalent byte-level path.
// - Stemming: Russian Snowball for words with a Cyrillic letter, English
//   (Porter2) for Latin-only words, none for other scripts and digits. A
//   final "-усь/-есь/-ысь" keeps its stem ("Беларусь" meets "Беларуси").
// - Speed: text in Latin/Cyrillic only is scanned inline (same runs as ICU,
//   checked on the whole benchmark corpus); other text goes through ICU.
#include "stemmers/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <climits>

#include "core/schema.h"
#include "stemmers/char_rules.h"
#include "stemmers/stem_cache.h"
#include "stemmers/stopwords.h"

namespace pressa {
namespace {

using namespace char_rules;  // NOLINT: the analyzer's own internal rules

// Longer normalized words are junk (base64, run-together URLs) and would
// overflow Xapian's term length limit.
constexpr size_t kMaxWordBytes = 200;
constexpr int kMaxCompoundParts = 5;
// The stem cache's most entries (64 bytes each): on the corpus, a worker's
// words miss 8k entries 34% of the time, 64k 14%.
constexpr size_t kStemCacheMax = 1 << 16;

struct UTextCloser {
  void operator()(UText* ut) const { utext_close(ut); }
};

// One letter/digit run of the text with what classification needs.
struct Piece {
  size_t start = 0, end = 0;  // bytes in the analyzed text
  std::string norm;
  int letters = 0, digits = 0, uppers = 0, lowers = 0, vowels = 0;
  int leading_upper = 0, leading_vowels = 0;  // capitals before anything else
  size_t leading_upper_end = 0;               // byte end of those capitals
  bool upper_after_lower = false;
  bool cyrillic = false, latin = false;
  bool simple = true;  // only ASCII and basic Cyrillic: normalized inline
};

// Where Analyze puts its tokens: appended to a vector, or into a TokenList's
// reused slots.
struct TokenSink {
  std::vector<Token>* vector = nullptr;
  TokenList* list = nullptr;
};

}  // namespace

Token& TokenList::Add() {
  if (size_ == tokens_.size()) {
    ++size_;
    return tokens_.emplace_back();
  }
  Token& t = tokens_[size_++];
  t.kind = Token::Kind::kWord;
  t.surface.clear();
  t.norm.clear();
  t.term.clear();
  t.stopword = false;
  t.byte_start = t.byte_end = 0;
  t.position = 0;
  return t;
}

struct Analyzer::Impl {
  std::unique_ptr<icu::BreakIterator> breaker;
  std::unique_ptr<UText, UTextCloser> utext;
  const icu::Normalizer2* nfkc = nullptr;     // ICU-owned singletons
  const icu::Normalizer2* nfkc_cf = nullptr;
  Xapian::Stem russian{"russian"};
  Xapian::Stem english{"english"};
  // Allocated by the first stem: a process that analyzes nothing (a CGI
  // request without a query) does not pay for it.
  StemCache stem_cache{kStemCacheMax};
  std::vector<Piece> pieces;
  size_t piece_count = 0;
  icu::UnicodeString ustr, unorm;
  std::string scratch;

  void NormalizeSlow(std::string_view text, std::string* out);
  void ScanSegment(std::string_view text, size_t begin, size_t end);
  void FinishPiece(std::string_view text, Piece* p);
  // Without `texts`, the token's surface and norm stay empty (TokenList).
  void Emit(std::string_view text, const Piece& p, unsigned position, bool texts, Token& t);
  static Token& NextToken(TokenSink sink) {
    return sink.vector != nullptr ? sink.vector->emplace_back() : sink.list->Add();
  }
  void StemWord(std::string_view norm, std::string* stem);
  std::string ComputeStem(const std::string& norm);
  unsigned Analyze(std::string_view text, TokenSink tokens, unsigned position);
};

void Analyzer::Impl::NormalizeSlow(std::string_view text, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  ustr = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  nfkc->normalize(ustr, unorm, status);
  if (U_FAILURE(status)) unorm = ustr;
  FoldLookAlikes(&unorm);
  status = U_ZERO_ERROR;
  nfkc_cf->normalize(unorm, ustr, status);
  if (U_FAILURE(status)) ustr = unorm;
  out->clear();
  for (int32_t i = 0; i < ustr.length(); i = ustr.moveIndex32(i, 1)) {
    UChar32 c = ustr.char32At(i);
    // What NFKC left uncomposed of the generic combining marks is stress
    // ("за́мок") or decoration (strike-through "ч̶е̶р̶т"), not spelling.
    if ((c >= 0x300 && c < 0x370) || (c >= 0x20D0 && c < 0x2100) ||
        (c >= 0xFE00 && c < 0xFE10)) {
      continue;
    }
    if (c == u'ё' || c == 0x450) c = u'е';
    if (c == 0x45D) c = u'и';
    if (c == 0x2010 || c == 0x2011) c = '-';
    AppendUtf8(c, out);
  }
}

void Analyzer::Impl::FinishPiece(std::string_view text, Piece* p) {
  if (!p->simple || (p->cyrillic && p->latin)) {
    NormalizeSlow(text.substr(p->start, p->end - p->start), &p->norm);
    return;
  }
  // ASCII and basic Cyrillic: lower case and ё -> е byte by byte (every
  // letter keeps its UTF-8 length), which is what NFKC_Casefold does there.
  const size_t len = p->end - p->start;
  const auto* in = reinterpret_cast<const unsigned char*>(text.data() + p->start);
  std::string& n = p->norm;
  n.resize(len);
  char* out = n.data();
  for (size_t k = 0; k < len;) {
    unsigned char b = in[k];
    if (b < 0x80) {
      out[k++] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      continue;
    }
    unsigned char b2 = in[k + 1];
    if ((b == 0xD0 && b2 >= 0xB0) || (b == 0xD1 && b2 != 0x91)) {
      // A small letter but ё, the common case: kept as it is.
    } else if ((b == 0xD0 && b2 == 0x81) || (b == 0xD1 && b2 == 0x91)) {
      b = 0xD0;  // Ё, ё -> е
      b2 = 0xB5;
    } else if (b == 0xD0 && b2 >= 0x90 && b2 <= 0x9F) {
      b2 += 0x20;  // А-П -> а-п
    } else if (b == 0xD0 && b2 >= 0xA0 && b2 <= 0xAF) {
      b = 0xD1;  // Р-Я -> р-я
      b2 -= 0x20;
    }
    out[k] = static_cast<char>(b);
    out[k + 1] = static_cast<char>(b2);
    k += 2;
  }
}

void Analyzer::Impl::ScanSegment(std::string_view text, size_t begin,
                                 size_t end) {
  const char* s = text.data();
  Piece* p = nullptr;
  bool seen_lower = false, in_prefix = false;
  for (size_t i = begin; i < end;) {
    if (p != nullptr) {
      // Small basic Cyrillic letters (а-я), the bulk of a Russian word: the
      // counts the general path below would make, in a tighter loop.
      int small = 0, vowels = 0;
      for (; i + 1 < end; i += 2, ++small) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        const auto b1 = static_cast<unsigned char>(s[i + 1]);
        unsigned offset;  // from U+0410
        if (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) {
          offset = b1 - 0xB0 + 0x20;
        } else if (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F) {
          offset = b1 - 0x80 + 0x30;
        } else {
          break;
        }
        vowels += (kCyrillicVowels >> (offset & 31)) & 1;
      }
      if (small > 0) {
        p->letters += small;
        p->lowers += small;
        p->vowels += vowels;
        p->cyrillic = true;
        p->end = i;
        seen_lower = true;
        in_prefix = false;
        if (i >= end) break;
      }
    }
    size_t at = i;
    UChar32 c;
    const auto b = static_cast<unsigned char>(s[i]);
    const auto b1 = i + 1 < end ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (b < 0x80) {
      c = b;
      ++i;
    } else if ((b == 0xD0 || b == 0xD1) && (b1 & 0xC0) == 0x80) {
      // U+0400-U+047F, most of a Russian text: what U8_NEXT decodes, sooner.
      c = (b & 0x1F) << 6 | (b1 & 0x3F);
      i += 2;
    } else {
      U8_NEXT(s, i, end, c);
    }
    CharClass cls = Classify(c);
    if (cls == CharClass::kSeparator || (cls == CharClass::kContinue && !p)) {
      if (p) FinishPiece(text, p);
      p = nullptr;
      continue;
    }
    if (!p) {
      if (piece_count == pieces.size()) pieces.emplace_back();
      p = &pieces[piece_count++];
      std::string norm = std::move(p->norm);  // keep its capacity
      *p = Piece();
      p->norm = std::move(norm);
      p->start = at;
      seen_lower = false;
      in_prefix = true;
    }
    p->end = i;
    if (cls != CharClass::kLetter) {
      if (cls == CharClass::kDigit) ++p->digits;
      if (c >= 0x80) p->simple = false;
      in_prefix = false;
      continue;
    }
    ++p->letters;
    bool upper, lower, vowel;
    if (c >= 0x410 && c <= 0x44F) {  // basic Cyrillic, the common case
      p->cyrillic = true;
      upper = c < 0x430;
      lower = !upper;
      vowel = (kCyrillicVowels >> ((c - 0x410) & 31)) & 1;
    } else {
      if (c >= 0x80 && c != 0x401 && c != 0x451) p->simple = false;
      if (IsCyrillic(c)) p->cyrillic = true;
      else if (IsLatin(c)) p->latin = true;
      upper = IsUpper(c);
      lower = !upper && IsLower(c);
      vowel = IsVowel(c);
    }
    if (vowel) ++p->vowels;
    if (upper) {
      ++p->uppers;
      if (seen_lower) p->upper_after_lower = true;
      if (in_prefix) {
        ++p->leading_upper;
        p->leading_vowels += vowel;
        p->leading_upper_end = i;
      }
    } else {
      in_prefix = false;
      if (lower) {
        ++p->lowers;
        seen_lower = true;
      }
    }
  }
  if (p) FinishPiece(text, p);
}

void Analyzer::Impl::StemWord(std::string_view norm, std::string* stem) {
  if (stem_cache.Find(norm, stem)) return;
  *stem = ComputeStem(std::string(norm));
  stem_cache.Put(norm, *stem);
}

std::string Analyzer::Impl::ComputeStem(const std::string& norm) {
  bool cyrillic = false, latin = false;
  for (unsigned char b : norm) {
    if (b >= 0xD0 && b <= 0xD4) cyrillic = true;
    if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') latin = true;
  }
  std::string stem;
  try {
    if (cyrillic) {
      // Snowball reads a final "сь" as the reflexive ending even in nouns
      // ("Беларусь" -> "белар", "Беларуси" -> "беларус"). Verbs in -усь,
      // -есь, -ысь are rare in news (quoted "надеюсь" ends in -юсь): there
      // the soft sign is dropped instead, so the noun keeps its stem.
      static constexpr std::string_view kNounSoftSign[] = {"усь", "есь", "ысь"};
      std::string_view v = norm;
      bool noun_sign = false;
      for (std::string_view e : kNounSoftSign) {
        if (v.size() >= e.size() + 2 && v.substr(v.size() - e.size()) == e) {
          noun_sign = true;
        }
      }
      stem = noun_sign ? russian(norm.substr(0, norm.size() - 2)) : russian(norm);
    } else if (latin) {
      stem = english(norm);
    } else {
      stem = norm;
    }
  } catch (const Xapian::Error&) {
    stem = norm;
  }
  if (stem.empty()) stem = norm;
  return stem;
}

void Analyzer::Impl::Emit(std::string_view text, const Piece& p,
                          unsigned position, bool texts, Token& t) {
  if (texts) {
    t.surface.assign(text.data() + p.start, p.end - p.start);
    t.norm = p.norm;
  }
  t.byte_start = p.start;
  t.byte_end = p.end;
  t.position = position;
  if (stopwords::Contains(p.norm)) {
    t.stopword = true;
    return;
  }
  if (p.letters == 0) {
    t.kind = Token::Kind::kNumber;
    t.term = p.norm;
    return;
  }
  bool acronym = false;
  std::string_view acronym_norm = p.norm;
  if (p.uppers >= 2 && p.lowers == 0 && p.uppers == p.letters) {
    acronym = CapsAcronym(p.letters, p.vowels);
  } else if (p.uppers >= 2 && p.cyrillic) {
    if (p.upper_after_lower) {
      acronym = true;
    } else if (p.leading_upper >= 2) {
      // Capitals and a case ending: "МАЗа", "ВУЗов" are the acronym;
      // "ГАЗПРОМа", "КАМАЗа" are a shouted word with its ending, stemmed to
      // meet "Газпрома". Any other tail ("ВКонтакте") is part of the name.
      acronym = true;
      if (p.leading_upper == p.uppers && p.digits == 0 &&
          p.end - p.leading_upper_end <= 6) {
        NormalizeSlow(
            text.substr(p.leading_upper_end, p.end - p.leading_upper_end),
            &scratch);
        if (IsCaseEnding(scratch)) {
          acronym = CapsAcronym(p.leading_upper, p.leading_vowels);
          NormalizeSlow(text.substr(p.start, p.leading_upper_end - p.start),
                        &scratch);
          acronym_norm = scratch;
        }
      }
    }
  }
  if (acronym) {
    t.kind = Token::Kind::kAcronym;
    t.term.assign(schema::kPrefixAcronym).append(acronym_norm);
    return;
  }
  StemWord(p.norm, &t.term);
}

unsigned Analyzer::Impl::Analyze(std::string_view text, TokenSink tokens,
                                 unsigned position) {
  if (text.empty()) return position;
  // ICU break iterators index with int32_t: analyze the first 2 GB only.
  if (text.size() > static_cast<size_t>(INT32_MAX)) text = text.substr(0, INT32_MAX);
  piece_count = 0;
  const bool texts = tokens.list == nullptr || !tokens.list->terms_only();
  if (OnlyAlphabeticScripts(text)) {
    // ICU's word rules never break inside a letter/digit run of these
    // scripts and give every segment holding one a word status, so scanning
    // the whole text finds the same runs; it saves a quarter of the time.
    ScanSegment(text, 0, text.size());
  } else {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(utext.get(), text.data(), static_cast<int64_t>(text.size()),
                   &status);
    if (U_FAILURE(status)) return position;
    breaker->setText(utext.get(), status);
    if (U_FAILURE(status)) return position;
    int32_t start = breaker->first();
    for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
         start = end, end = breaker->next()) {
      if (breaker->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
      ScanSegment(text, static_cast<size_t>(start), static_cast<size_t>(end));
    }
  }

  for (size_t i = 0; i < piece_count;) {
    // The compound starting at piece i spans pieces [i, j].
    size_t j = i;
    bool all_digits = pieces[i].letters == 0;
    while (j + 1 < piece_count) {
      size_t h = HyphenAt(text, pieces[j].end);
      if (h == 0 || pieces[j].end + h != pieces[j + 1].start) break;
      ++j;
      all_digits = all_digits && pieces[j].letters == 0;
    }
    // Long chains are lists or codes ("1-2-3-4-5-6"), not words.
    if (j - i + 1 > static_cast<size_t>(kMaxCompoundParts)) all_digits = true;
    if (j > i && !all_digits) {
      std::string norm = pieces[i].norm;
      bool all_stop = stopwords::Contains(pieces[i].norm);
      for (size_t k = i + 1; k <= j; ++k) {
        norm.append("-").append(pieces[k].norm);
        all_stop = all_stop && stopwords::Contains(pieces[k].norm);
      }
      if (norm.size() <= kMaxWordBytes) {
        Token& t = NextToken(tokens);
        t.kind = Token::Kind::kCompound;
        if (texts) {
          t.surface.assign(text.data() + pieces[i].start,
                           pieces[j].end - pieces[i].start);
        }
        t.byte_start = pieces[i].start;
        t.byte_end = pieces[j].end;
        t.position = position;
        t.stopword = all_stop || stopwords::Contains(norm);
        if (!t.stopword) StemWord(norm, &t.term);
        if (texts) t.norm = std::move(norm);
      }
    }
    for (size_t k = i; k <= j; ++k) {
      if (pieces[k].norm.size() > kMaxWordBytes || pieces[k].norm.empty()) continue;
      Emit(text, pieces[k], position++, texts, NextToken(tokens));
    }
    i = j + 1;
  }
  return position;
}

Result<std::unique_ptr<Analyzer>> Analyzer::Create() {
  std::unique_ptr<Impl> impl;
  try {
    impl = std::make_unique<Impl>();
  } catch (const Xapian::Error& e) {
    return Status::Internal("Xapian stemmer: " + e.get_msg());
  }
  UErrorCode status = U_ZERO_ERROR;
  impl->nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return Status::Internal("ICU NFKC data missing");
  impl->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return Status::Internal("ICU NFKC_Casefold data missing");
  impl->breaker.reset(
      icu::BreakIterator::createWordInstance(icu::Locale("ru"), status));
  if (U_FAILURE(status) || !impl->breaker) {
    return Status::Internal(std::string("ICU word break iterator: ") +
                            u_errorName(status));
  }
  impl->utext.reset(utext_openUTF8(nullptr, "", 0, &status));
  if (U_FAILURE(status)) return Status::Internal("ICU UText unavailable");
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

unsigned Analyzer::Analyze(std::string_view text, std::vector<Token>* tokens,
                           unsigned first_position) {
  TokenSink sink;
  sink.vector = tokens;
  return impl_->Analyze(text, sink, first_position);
}

unsigned Analyzer::Analyze(std::string_view text, TokenList* tokens, unsigned first_position) {
  TokenSink sink;
  sink.list = tokens;
  return impl_->Analyze(text, sink, first_position);
}

std::string Analyzer::Normalize(std::string_view text) {
  std::string out;
  impl_->NormalizeSlow(text, &out);
  return out;
}

std::string Analyzer::Stem(std::string_view norm_word) {
  std::string stem;
  impl_->StemWord(norm_word, &stem);
  return stem;
}

std::vector<std::string> Analyzer::StemVariants(std::string_view norm_word) {
  std::vector<std::string> variants{Stem(norm_word)};
  const std::string stem = variants[0];  // a copy: variants grows
  auto ends_with = [](std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
  };
  // Only Cyrillic words with a stem of three letters or more (6 bytes).
  if (stem.size() < 6 || static_cast<unsigned char>(stem[0]) < 0xD0) {
    return variants;
  }
  const std::string_view word = norm_word;
  for (std::string_view tail : {"ов", "ев", "ем"}) {
    // "лавров" -> "лавр": the oblique forms ("лаврова") stem to "лавров".
    if (ends_with(word, tail) && word.size() == stem.size() + tail.size() &&
        word.substr(0, stem.size()) == stem) {
      variants.emplace_back(word);
    }
  }
  for (std::string_view tail : {"ов", "ев"}) {
    // "лаврова" -> "лавров": the nominative "лавров" stems to "лавр".
    if (!ends_with(word, tail) && ends_with(stem, tail) &&
        stem.size() >= tail.size() + 6) {
      variants.push_back(stem.substr(0, stem.size() - tail.size()));
    }
  }
  return variants;
}

bool Analyzer::IsStopword(std::string_view norm_word) {
  return stopwords::Contains(norm_word);
}

}  // namespace pressa

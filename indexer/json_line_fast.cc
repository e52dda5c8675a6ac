// A DOM-free parser for JSON lines of the usual shape: nlohmann's parser
// took a third of the reader's time.
#include "indexer/json_line_fast.h"

#include <string>
#include <utility>

#include "core/split.h"
#include "core/utf8.h"
#include "indexer/date_extractor.h"
#include "indexer/reader.h"

namespace pressa {
namespace {

// A JSON line of the usual shape (one flat object of strings, nulls,
// booleans and plain numbers, no repeated field) parsed without building a
// DOM: nlohmann's parser took a third of the reader's time. Anything else,
// and anything that would need an error or a warning, is left to the full
// parser (returns false), so messages and edge cases read exactly as before.
class FastJsonLine {
 public:
  explicit FastJsonLine(std::string_view s) : s_(s) {}

  bool Parse(Article* article) {
    SkipSpace();
    if (!Eat('{')) return false;
    SkipSpace();
    bool seen[6] = {};
    std::string* fields[6] = {&article->id,     &article->text, &article->title,
                              &article->source, &article->url,  &date_};
    for (std::string* f : fields) f->clear();
    if (!Eat('}')) {
      while (true) {
        SkipSpace();
        if (!String(&key_)) return false;
        SkipSpace();
        if (!Eat(':')) return false;
        SkipSpace();
        int k = KnownKey(key_);
        if (k >= 0) {
          if (seen[k]) return false;
          seen[k] = true;
          if (Peek() == 'n') {
            if (k <= 1 || !Literal("null")) return false;  // id and text must be strings
          } else if (!String(fields[k])) {
            return false;
          }
        } else if (!SkipScalar()) {
          return false;
        }
        SkipSpace();
        if (Eat('}')) break;
        if (!Eat(',')) return false;
      }
    }
    SkipSpace();
    if (i_ != s_.size()) return false;
    if (!seen[0] || !seen[1] || TrimSpace(article->id).empty() ||
        TrimSpace(article->text).empty()) {
      return false;
    }
    article->date.clear();
    article->date_source = DateSource::kNone;
    if (seen[5] && !date_.empty()) {
      Result<std::string> iso = ParseIsoDate(date_);
      if (!iso.ok()) return false;  // the full path words the warning
      article->date = std::move(iso.value());
      article->date_source = DateSource::kField;
    } else if (seen[5]) {
      return false;  // "" or null: rare, let the full path decide
    }
    return true;
  }

 private:
  static int KnownKey(std::string_view key) {
    static constexpr std::string_view kKeys[] = {"id", "text", "title", "source", "url", "date"};
    for (int k = 0; k < 6; ++k) {
      if (key == kKeys[k]) return k;
    }
    return -1;
  }

  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) {
      ++i_;
    }
  }
  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool Hex4(uint32_t* u) {
    if (i_ + 4 > s_.size()) return false;
    *u = 0;
    for (int k = 0; k < 4; ++k) {
      int h = Hex(s_[i_ + k]);
      if (h < 0) return false;
      *u = *u * 16 + static_cast<uint32_t>(h);
    }
    i_ += 4;
    return true;
  }

  // A JSON string (the line is valid UTF-8: checked before).
  bool String(std::string* out) {
    if (!Eat('"')) return false;
    out->clear();
    while (true) {
      size_t run = i_;
      while (run < s_.size() && s_[run] != '"' && s_[run] != '\\' &&
             static_cast<unsigned char>(s_[run]) >= 0x20) {
        ++run;
      }
      out->append(s_.data() + i_, run - i_);
      i_ = run;
      if (i_ >= s_.size()) return false;
      char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') return false;  // a raw control character
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t u;
          if (!Hex4(&u)) return false;
          if (u >= 0xDC00 && u <= 0xDFFF) return false;
          if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo;
            if (!Literal("\\u") || !Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8::Append(static_cast<char32_t>(u), out);
          break;
        }
        default:
          return false;
      }
    }
  }

  // The value of a field we do not read: a string, a literal or a short plain number.
  bool SkipScalar() {
    char c = Peek();
    if (c == '"') return String(&scratch_);
    if (c == 'n') return Literal("null");
    if (c == 't') return Literal("true");
    if (c == 'f') return Literal("false");
    size_t start = i_;
    Eat('-');
    if (Peek() == '0') {
      ++i_;
    } else {
      if (Peek() < '1' || Peek() > '9') return false;
      while (Peek() >= '0' && Peek() <= '9') ++i_;
    }
    if (Eat('.')) {
      if (Peek() < '0' || Peek() > '9') return false;
      while (Peek() >= '0' && Peek() <= '9') ++i_;
    }
    return i_ - start <= 15;  // no exponent, nothing that could overflow
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string key_, date_, scratch_;
};

}  // namespace

bool ParseUsualJsonLine(std::string_view line, Article* article) {
  return FastJsonLine(line).Parse(article);
}

}  // namespace pressa

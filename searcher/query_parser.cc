// A small recursive-descent parser: lexemes → Xapian::Query via the Analyzer.
#include "searcher/query_parser.h"

#include <algorithm>
#include <vector>

#include "core/schema.h"
#include "core/utf8.h"
#include "searcher/positional.h"

namespace pressa {
namespace {

struct Lexeme {
  enum class Kind { kWord, kPhrase, kField, kLParen, kRParen, kAnd, kOr, kNot };
  Kind kind = Kind::kWord;
  std::string text;   // word or phrase text; field value
  std::string field;  // for kField
  bool minus = false; // "-" prefix
  bool plus = false;  // "+" prefix
  bool value_is_phrase = false;
};

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x2009 ||
         c == 0x202F || c == 0x3000;
}

// The closing quote for an opening one, or 0 if `c` opens no phrase.
char32_t ClosingQuote(char32_t c) {
  switch (c) {
    case '"': return '"';
    case 0x00AB: return 0x00BB;  // « »
    case 0x201C: return 0x201D;  // “ ”
    case 0x201E: return 0x201C;  // „ “ (also closed by ”)
    default: return 0;
  }
}

bool IsFieldName(const std::string& name) {
  return name == "org" || name == "person" || name == "place" || name == "source";
}

// Reads a quoted phrase starting at s[*i] (the opening quote); false if unclosed.
bool ReadPhrase(std::string_view s, size_t* i, std::string* out) {
  char32_t open = utf8::Next(s, i);
  char32_t close = ClosingQuote(open);
  size_t start = *i;
  while (*i < s.size()) {
    size_t before = *i;
    char32_t c = utf8::Next(s, i);
    if (c == close || (open == 0x201E && c == 0x201D)) {
      *out = std::string(s.substr(start, before - start));
      return true;
    }
  }
  return false;
}

Status Lex(std::string_view s, std::vector<Lexeme>* out) {
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t c = utf8::Next(s, &i);
    if (IsSpace(c)) continue;
    Lexeme lx;
    if (c == '(') { lx.kind = Lexeme::Kind::kLParen; out->push_back(lx); continue; }
    if (c == ')') { lx.kind = Lexeme::Kind::kRParen; out->push_back(lx); continue; }
    if ((c == '-' || c == '+') && i < s.size()) {
      size_t j = i;
      char32_t next = utf8::Next(s, &j);
      if (!IsSpace(next) && next != ')') {
        (c == '-' ? lx.minus : lx.plus) = true;
        start = i;
        c = next;
      }
    }
    i = start;
    if (ClosingQuote(c) != 0) {
      if (ReadPhrase(s, &i, &lx.text)) {
        lx.kind = Lexeme::Kind::kPhrase;
        out->push_back(lx);
      } else {
        // A quote that is never closed (a passage pasted from the middle of
        // a quotation) quotes nothing: the words after it are words.
        i = start;
        utf8::Next(s, &i);
      }
      continue;
    }
    // A word runs to whitespace, a parenthesis or a quote.
    while (i < s.size()) {
      size_t before = i;
      char32_t w = utf8::Next(s, &i);
      if (IsSpace(w) || w == '(' || w == ')' || (ClosingQuote(w) != 0 && before > start)) {
        i = before;
        break;
      }
      if (w == ':' && before > start) {
        std::string name(s.substr(start, before - start));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (IsFieldName(name) && i < s.size()) {
          lx.kind = Lexeme::Kind::kField;
          lx.field = name;
          size_t j = i;
          char32_t v = utf8::Next(s, &j);
          size_t phrase_end = i;
          if (ClosingQuote(v) != 0 && ReadPhrase(s, &phrase_end, &lx.text)) {
            i = phrase_end;
            lx.value_is_phrase = true;
          } else {
            if (ClosingQuote(v) != 0) i = j;  // never closed: the value is unquoted
            size_t vstart = i;
            while (i < s.size()) {
              size_t b = i;
              char32_t vc = utf8::Next(s, &i);
              if (IsSpace(vc) || vc == '(' || vc == ')') { i = b; break; }
            }
            lx.text = std::string(s.substr(vstart, i - vstart));
          }
          break;
        }
      }
    }
    if (lx.kind == Lexeme::Kind::kField) {
      if (lx.text.empty()) return Status::InvalidArgument(lx.field + ": needs a value");
      out->push_back(lx);
      continue;
    }
    lx.text = std::string(s.substr(start, i - start));
    if (!lx.minus && !lx.plus) {
      if (lx.text == "AND" || lx.text == "И") lx.kind = Lexeme::Kind::kAnd;
      else if (lx.text == "OR" || lx.text == "ИЛИ" || lx.text == "|") lx.kind = Lexeme::Kind::kOr;
      else if (lx.text == "NOT" || lx.text == "НЕ") lx.kind = Lexeme::Kind::kNot;
    }
    out->push_back(lx);
  }
  return Status::OK();
}

// Whether a word or quotation ends a sentence ("сказал." "так!" «Так.»).
bool EndsSentence(const Lexeme& lx) {
  if (lx.kind != Lexeme::Kind::kWord && lx.kind != Lexeme::Kind::kPhrase) return false;
  if (lx.text.empty()) return false;
  const char last = lx.text.back();
  if (last == '.' || last == '!' || last == '?' || last == ';') return true;
  return lx.text.size() >= 3 && lx.text.compare(lx.text.size() - 3, 3, "\u2026") == 0;
}

// Pasted text is not a query written in the syntax: its parentheses and
// operator words stand where the text put them. So a parenthesis without its
// pair is left out, and so is an empty pair, and so are AND, OR, И, ИЛИ, |
// unless they stand between two operands, and not at the start of a
// sentence ("…заявил он. И добавил": there И would make every word
// required; as a word it is a stopword anyway).
void TolerateLexemes(std::vector<Lexeme>* lexemes) {
  using Kind = Lexeme::Kind;
  std::vector<bool> drop(lexemes->size(), false);
  std::vector<size_t> open;
  for (size_t k = 0; k < lexemes->size(); ++k) {
    if ((*lexemes)[k].kind == Kind::kLParen) {
      open.push_back(k);
    } else if ((*lexemes)[k].kind == Kind::kRParen) {
      if (open.empty()) {
        drop[k] = true;
      } else {
        open.pop_back();
      }
    }
  }
  for (size_t k : open) drop[k] = true;
  // Kept, and each pair around nothing ("f()" in a pasted line of code)
  // left out with its contents.
  std::vector<Lexeme> kept;
  kept.reserve(lexemes->size());
  for (size_t k = 0; k < lexemes->size(); ++k) {
    if (drop[k]) continue;
    if ((*lexemes)[k].kind == Kind::kRParen && !kept.empty() &&
        kept.back().kind == Kind::kLParen) {
      kept.pop_back();
      continue;
    }
    kept.push_back(std::move((*lexemes)[k]));
  }
  auto operand_ends = [](const Lexeme& lx) {
    return lx.kind == Kind::kWord || lx.kind == Kind::kPhrase || lx.kind == Kind::kField ||
           lx.kind == Kind::kRParen;
  };
  auto operand_starts = [](const Lexeme& lx) {
    return lx.kind == Kind::kWord || lx.kind == Kind::kPhrase || lx.kind == Kind::kField ||
           lx.kind == Kind::kLParen || lx.kind == Kind::kNot;
  };
  lexemes->clear();
  for (size_t k = 0; k < kept.size(); ++k) {
    if (kept[k].kind == Kind::kAnd || kept[k].kind == Kind::kOr) {
      const bool between = !lexemes->empty() && k + 1 < kept.size() &&
                           operand_ends(lexemes->back()) && operand_starts(kept[k + 1]) &&
                           !EndsSentence(lexemes->back());
      if (!between) continue;
    }
    lexemes->push_back(std::move(kept[k]));
  }
}

bool Empty(const Xapian::Query& q) { return q.empty(); }

Xapian::Query Combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  std::vector<Xapian::Query> kept;
  for (const auto& q : parts) {
    if (!Empty(q)) kept.push_back(q);
  }
  if (kept.empty()) return Xapian::Query();
  if (kept.size() == 1) return kept[0];
  return Xapian::Query(op, kept.begin(), kept.end());
}

}  // namespace

struct QueryParser::State {
  std::vector<Lexeme> lexemes;
  size_t pos = 0;
  ParsedQuery* out = nullptr;
  int depth = 0;  // parenthesis nesting
  const Lexeme* Peek() const { return pos < lexemes.size() ? &lexemes[pos] : nullptr; }
  bool PeekIs(Lexeme::Kind k) const { return Peek() != nullptr && Peek()->kind == k; }
};

bool QueryParser::TermExists(const std::string& term) const {
  try {
    return db_ != nullptr && db_->term_exists(term);
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // a writer committed: Searcher::Search reopens and runs the search again
  } catch (const Xapian::Error&) {
    return false;
  }
}

Xapian::Query QueryParser::TokenQuery(const Token& token, bool positive, State* st) {
  if (token.term.empty()) return Xapian::Query();
  std::vector<std::string> terms{token.term};
  if (token.kind == Token::Kind::kWord) {
    // Snowball splits some lemmas in two ("лавров" -> лавр, "лаврова" ->
    // лавров): other forms' stems that the index holds count as this word.
    std::vector<std::string> variants = analyzer_->StemVariants(token.norm);
    for (size_t i = 1; i < variants.size(); ++i) {
      if (variants[i] != token.term && TermExists(variants[i])) terms.push_back(variants[i]);
    }
    // A lower-case word may name an acronym indexed whole ("смолгу").
    std::string acronym = schema::kPrefixAcronym + token.norm;
    if (TermExists(acronym)) terms.push_back(acronym);
  } else if (token.kind == Token::Kind::kAcronym && !TermExists(token.term)) {
    // Caps Lock typing of an ordinary word ("МИР"): fall back to its stem.
    terms.push_back(analyzer_->Stem(token.norm));
  }
  if (positive) {
    st->out->has_free_text = true;
    st->out->highlight.insert(terms.begin(), terms.end());
  }
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query QueryParser::WordQuery(std::string_view word, bool positive, State* st) {
  std::vector<Token> tokens;
  analyzer_->Analyze(word, &tokens);
  if (tokens.size() == 1) return TokenQuery(tokens[0], positive, st);
  // A compound ("Санкт-Петербург") matches whole or as the phrase of its parts;
  // other multi-token words ("3,5", "a/b") as a phrase.
  Xapian::Query compound;
  std::vector<Token> parts;
  for (const Token& t : tokens) {
    if (t.kind == Token::Kind::kCompound) {
      compound = TokenQuery(t, positive, st);
    } else {
      parts.push_back(t);
    }
  }
  std::string joined;
  Xapian::Query phrase;
  if (!parts.empty()) {
    size_t from = parts.front().byte_start, to = parts.back().byte_end;
    phrase = PhraseQuery(word.substr(from, to - from), positive, st);
  }
  if (Empty(compound)) return phrase;
  if (Empty(phrase)) return compound;
  return Xapian::Query(Xapian::Query::OP_OR, compound, phrase);
}

Xapian::Query QueryParser::PhraseQuery(std::string_view phrase, bool positive, State* st) {
  std::vector<Token> tokens;
  analyzer_->Analyze(phrase, &tokens);
  std::vector<Xapian::Query> terms;
  unsigned first = 0, last = 0;
  for (const Token& t : tokens) {
    if (t.kind == Token::Kind::kCompound || t.term.empty()) continue;
    if (terms.empty()) first = t.position;
    last = t.position;
    terms.push_back(TokenQuery(t, positive, st));
  }
  if (terms.empty()) return Xapian::Query();
  if (terms.size() == 1) return terms[0];
  // Stopwords are not indexed but keep their positions: allow for them.
  return PositionalQuery(Xapian::Query::OP_PHRASE, terms, last - first + 1);
}

std::vector<std::string> QueryParser::ItemTerms(std::string_view text) {
  std::vector<Token> tokens;
  analyzer_->Analyze(text, &tokens);
  std::vector<std::string> terms;
  for (const Token& t : tokens) {
    if (t.kind != Token::Kind::kCompound && !t.term.empty()) terms.push_back(t.term);
  }
  return terms;
}

Result<Xapian::Query> QueryParser::ParseUnary(State* st, bool* negated) {
  const Lexeme* lx = st->Peek();
  if (lx == nullptr) return Status::InvalidArgument("the query ends where a word was expected");
  if (lx->kind == Lexeme::Kind::kNot) {
    ++st->pos;
    if (st->Peek() == nullptr || st->PeekIs(Lexeme::Kind::kNot)) {
      return Status::InvalidArgument("NOT must be followed by a word, phrase or group");
    }
    *negated = true;
    bool ignored = false;
    return ParseUnary(st, &ignored);
  }
  ++st->pos;
  bool positive = !*negated && !lx->minus;
  if (lx->minus) *negated = true;
  switch (lx->kind) {
    case Lexeme::Kind::kLParen: {
      // Bounded so that a crafted query cannot exhaust the stack.
      constexpr int kMaxGroupDepth = 32;
      if (st->depth >= kMaxGroupDepth) {
        return Status::InvalidArgument("parentheses are nested deeper than " +
                                       std::to_string(kMaxGroupDepth) + " levels");
      }
      ++st->depth;
      auto inner = ParseOr(st);
      --st->depth;
      if (!inner.ok()) return inner;
      ++st->pos;  // its ")": TolerateLexemes left only paired parentheses
      return inner;
    }
    case Lexeme::Kind::kRParen:
      return Status::InvalidArgument("a closing parenthesis has no opening one");
    case Lexeme::Kind::kAnd:
    case Lexeme::Kind::kOr:
      return Status::InvalidArgument(lx->text + " must stand between two words");
    case Lexeme::Kind::kPhrase:
      return PhraseQuery(lx->text, positive, st);
    case Lexeme::Kind::kField: {
      Xapian::Query f = filter_ ? filter_(lx->field, lx->text) : Xapian::Query();
      if (Empty(f)) f = Xapian::Query::MatchNothing;
      return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, f, 0.0);
    }
    default:
      return WordQuery(lx->text, positive, st);
  }
}

Result<Xapian::Query> QueryParser::ParseAnd(State* st) {
  std::vector<Xapian::Query> positives, negatives;
  bool any = false;
  bool top = st->depth == 0;
  if (top) {
    st->out->items.clear();
    st->out->field_filters.clear();
    st->out->exclusions.clear();
  }
  while (st->Peek() != nullptr && !st->PeekIs(Lexeme::Kind::kOr) &&
         !st->PeekIs(Lexeme::Kind::kRParen)) {
    if (st->PeekIs(Lexeme::Kind::kAnd)) {
      if (!any) return Status::InvalidArgument(st->Peek()->text + " must stand between two words");
      ++st->pos;
      if (st->Peek() == nullptr || st->PeekIs(Lexeme::Kind::kOr) ||
          st->PeekIs(Lexeme::Kind::kRParen) || st->PeekIs(Lexeme::Kind::kAnd)) {
        return Status::InvalidArgument("AND must stand between two words");
      }
    }
    bool negated = false;
    const Lexeme* lx = st->Peek();
    auto q = ParseUnary(st, &negated);
    if (!q.ok()) return q;
    if (top && !Empty(*q)) {
      if (negated) {
        st->out->exclusions.push_back(*q);
      } else if (lx->kind == Lexeme::Kind::kField) {
        st->out->field_filters.push_back(*q);
      } else {
        QueryItem item;
        item.query = *q;
        item.phrase = lx->kind == Lexeme::Kind::kPhrase;
        if (lx->kind == Lexeme::Kind::kWord || lx->kind == Lexeme::Kind::kPhrase) {
          item.terms = ItemTerms(lx->text);
        }
        st->out->items.push_back(std::move(item));
      }
    }
    (negated ? negatives : positives).push_back(std::move(*q));
    any = true;
  }
  if (!any) return Status::InvalidArgument("empty query or group");
  Xapian::Query pos = Combine(Xapian::Query::OP_AND, positives);
  Xapian::Query neg = Combine(Xapian::Query::OP_OR, negatives);
  if (Empty(neg)) return pos;
  if (Empty(pos)) {
    // Only exclusions, or only stopwords beside them: exclude from everything
    // unless every positive part analyzed to nothing.
    if (!positives.empty()) return Xapian::Query();
    pos = Xapian::Query::MatchAll;
  }
  return Xapian::Query(Xapian::Query::OP_AND_NOT, pos, neg);
}

Result<Xapian::Query> QueryParser::ParseOr(State* st) {
  std::vector<Xapian::Query> parts;
  auto first = ParseAnd(st);
  if (!first.ok()) return first;
  parts.push_back(std::move(*first));
  while (st->PeekIs(Lexeme::Kind::kOr)) {
    ++st->pos;
    if (st->Peek() == nullptr || st->PeekIs(Lexeme::Kind::kRParen)) {
      return Status::InvalidArgument("OR must stand between two words");
    }
    auto next = ParseAnd(st);
    if (!next.ok()) return next;
    parts.push_back(std::move(*next));
  }
  return Combine(Xapian::Query::OP_OR, parts);
}

Result<ParsedQuery> QueryParser::Parse(std::string_view text) {
  ParsedQuery parsed;
  State st;
  st.out = &parsed;
  Status lexed = Lex(text, &st.lexemes);
  if (!lexed.ok()) return lexed;
  TolerateLexemes(&st.lexemes);
  if (st.lexemes.empty()) return parsed;
  auto q = ParseOr(&st);
  if (!q.ok()) return q.status();
  parsed.conjunctive = !parsed.items.empty() &&
                       std::none_of(st.lexemes.begin(), st.lexemes.end(), [](const Lexeme& l) {
                         return l.kind == Lexeme::Kind::kOr;
                       });
  parsed.relaxable =
      parsed.conjunctive &&
      std::none_of(st.lexemes.begin(), st.lexemes.end(), [](const Lexeme& l) {
        return l.kind == Lexeme::Kind::kAnd || l.plus;
      });
  parsed.query = std::move(*q);
  return parsed;
}

}  // namespace pressa

// Extraction rules. Candidates from every rule are collected with a priority,
// then resolved into non-overlapping mentions (places and acronyms may nest
// inside an organization), then linked within the article: surnames to full
// names, abbreviations to the names they were defined for, names to aliases.
#include "indexer/entities/entity_rules.h"

#include <algorithm>

#include "stemmers/entity_text.h"

namespace pressa::entities {

namespace {

// Whether two names begin with the same word: the first name of "Имя Фамилия".
bool SameFirstWord(std::string_view a, std::string_view b) {
  return a.substr(0, a.find(' ')) == b.substr(0, b.find(' '));
}

// A one-word "place" in a relational adjective (Российские, Американский,
// Смоленской): the gold sets tag some, and the mined gazetteer learnt them,
// but as a facet value or a filter it names no place ("Российские" would
// top the place facet of every search about Russia). Multi-word names
// (Российской Федерации, Смоленской области) are not affected.
bool IsRelationalAdjective(std::string_view lower) {
  static constexpr std::string_view kEndings[] = {
      "ский", "ская", "ское", "ские", "ского", "ской", "ском", "ским", "скую", "ских", "скими",
      "цкий", "цкая", "цкое", "цкие", "цкого", "цкой", "цком", "цким", "цкую", "цких", "цкими"};
  for (std::string_view e : kEndings) {
    if (lower.size() > e.size() + 2 && lower.compare(lower.size() - e.size(), e.size(), e) == 0) {
      return true;
    }
  }
  return false;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Lower-case words that end a complement although they look genitive.
bool ComplementStop(std::string_view w) {
  static const char* const kStops[] = {
      "года", "году", "этого", "его", "ее", "их", "которой", "которого", "который", "также",
      "более", "менее", "всего", "дня", "раза", "числа", "тысячи", "млн", "млрд", "года",
      "лет", "своего", "своей", "этой", "той", "того", "всей", "всех", "нашего", "нашей",
      "вашего", "другой", "другого", "одной", "одного", "самой", "самого", "ли", "уже",
      "еще", "были", "была", "было", "стали", "стала", "могли", "могла", "очень", "около",
      "после", "назад", "процента", "процентов", "рублей", "долларов", "человек", "раз"};
  for (const char* s : kStops) {
    if (w == s) return true;
  }
  return false;
}

Gender GuessGender(std::string_view lower) {
  if (EndsWith(lower, "а") || EndsWith(lower, "я")) return Gender::kFem;
  if (EndsWith(lower, "о") || EndsWith(lower, "е")) return Gender::kNeut;
  if (EndsWith(lower, "и") || EndsWith(lower, "у") || EndsWith(lower, "ы") ||
      EndsWith(lower, "ю") || EndsWith(lower, "э")) {
    return Gender::kUnknown;
  }
  return Gender::kMasc;
}

}  // namespace

RuleExtractor::RuleExtractor(const AliasTable* aliases)
    : lex_(Lexicon::Get()), aliases_(aliases) {
  auto add_forms = [&](const GazetteerEntry& entry) {
    if (entry.display.find(' ') != std::string::npos) return;
    std::string lower = entity_text::FoldName(entry.display);
    Gender g = GuessGender(lower);
    single_forms_.emplace(lower, entry);
    if (g == Gender::kUnknown) return;
    for (const std::string& f : NounForms(lower, g)) single_forms_.emplace(f, entry);
    if (EndsWith(lower, "ь")) {
      for (const std::string& f : NounForms(lower, Gender::kFem)) single_forms_.emplace(f, entry);
    }
  };
  for (const auto& [type, name] : aliases_->Names()) {
    GazetteerEntry entry{type, name, 1};
    std::string key = EntityKey(name);
    if (key.empty()) continue;
    alias_names_.emplace(key, entry);
    add_forms(entry);
  }
  for (const auto& [key, entry] : lex_.names) add_forms(entry);
  for (const auto& [form, entry] : lex_.forms) single_forms_.emplace(form, entry);
  // Only names of several words need the key-by-key walk in MatchName.
  auto add_first = [&](const std::string& key) {
    size_t space = key.find(' ');
    if (space == std::string::npos) return;
    first_words_.insert(key.substr(0, space));
    // Every longer proper prefix, so that MatchName stops as soon as no name
    // can continue.
    for (size_t next = key.find(' ', space + 1); next != std::string::npos;
         next = key.find(' ', next + 1)) {
      prefixes_.insert(key.substr(0, next));
    }
  };
  for (const auto& [key, entry] : lex_.names) add_first(key);
  for (const auto& [key, entry] : alias_names_) add_first(key);
}

const std::string& RuleExtractor::Key(int i) {
  Tok& tok = toks_[i];
  if (!tok.has_key) {
    tok.key = KeyOf(tok);
    tok.has_key = true;
  }
  return tok.key;
}

const std::string& RuleExtractor::Canonical(Entity::Type type, const std::string& name) {
  // One map per type: the lookup hashes `name` itself, no key is built.
  auto& cache = canonical_cache_[static_cast<int>(type)];
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  return cache.emplace(name, aliases_->Canonical(type, name)).first->second;
}

std::string RuleExtractor::Surface(int b, int e) const {
  return std::string(text_.substr(toks_[b].b_start, toks_[e - 1].b_end - toks_[b].b_start));
}

const GazetteerEntry* RuleExtractor::MatchNameMemo(int i, int* end) {
  // Rules ask about the same token several times: remember the answer.
  if (memo_end_[i] >= 0) {
    if (memo_end_[i] == 0) return nullptr;
    *end = memo_end_[i];
    return memo_entry_[i];
  }
  int found_end = 0;
  const GazetteerEntry* found = MatchNameUncached(i, &found_end);
  memo_end_[i] = found ? found_end : 0;
  memo_entry_[i] = found;
  if (found) *end = found_end;
  return found;
}

const GazetteerEntry* RuleExtractor::MatchNameUncached(int i, int* end) {
  const GazetteerEntry* best = nullptr;
  if (const GazetteerEntry* single = single_forms_.Find(toks_[i].lower)) {
    best = single;
    *end = i + 1;
  }
  const std::string& first = Key(i);
  const size_t space = first.find(' ');
  if ((space == std::string::npos ? first_words_.count(first)
                                  : first_words_.count(first.substr(0, space))) == 0) {
    return best;
  }
  std::string key = first;
  auto lookup = [&](const std::string& k) -> const GazetteerEntry* {
    if (const GazetteerEntry* g = alias_names_.Find(k)) return g;
    return lex_.names.Find(k);
  };
  // A one-token name by key only for plural names (Нидерланды, Филиппины).
  if (!best) {
    const GazetteerEntry* g = lookup(key);
    if (g && g->display.find(' ') == std::string::npos &&
        (EndsWith(g->display, "ы") || EndsWith(g->display, "и")) &&
        !LooksLikeAdjective(toks_[i].lower)) {
      best = g;
      *end = i + 1;
    }
  }
  for (int j = i + 1; j < i + 5 && IsWord(j); ++j) {
    key += ' ';
    key += Key(j);
    if (const GazetteerEntry* g = lookup(key)) {
      best = g;
      *end = j + 1;
    }
    if (!prefixes_.count(key)) break;
  }
  return best;
}

bool RuleExtractor::MatchCapRegion(int i, int* end, std::string* name) {
  // Республика Беларусь, Республики Татарстан.
  if (IsCapWord(i) && IsCapWord(i + 1) && Key(i) == "республик") {
    int j = i + 2;
    // Two words only for an adjective first: Республика Северная Осетия.
    if (LooksLikeAdjective(toks_[i + 1].lower) && IsCapWord(j)) ++j;
    *end = j;
    *name = "Республика " + Surface(i + 1, j);
    return true;
  }
  // Смоленской области, Ханты-Мансийского автономного округа.
  if (!IsCapWord(i) || !LooksLikeAdjective(toks_[i].lower)) return false;
  int j = i + 1;
  while (IsWord(j) && !toks_[j].cap && LooksLikeAdjective(toks_[j].lower) && j < i + 3) ++j;
  if (!IsWord(j)) return false;
  const HeadNoun* head = lex_.Head(toks_[j].lower);
  if (!head || !head->place) return false;
  std::string display;
  for (int k = i; k < j; ++k) {
    display += NominativeAdjective(Surface(k, k + 1), head->gender);
    display += ' ';
  }
  display += head->nominative;
  *end = j + 1;
  *name = display;
  return true;
}

int RuleExtractor::MatchNamedGroup(int i) {
  int end = 0;
  std::string name;
  if (MatchRegion(i, &end, &name)) return end;
  if (MatchName(i, &end)) return end;
  if (IsWord(i) && (toks_[i].allcaps || toks_[i].mixedcaps) &&
      !lex_.stop_acronyms.count(toks_[i].lower)) {
    return i + 1;
  }
  return i;
}

bool RuleExtractor::IsGenitiveLike(int i) const {
  if (!IsWord(i) || toks_[i].cap) return false;
  const std::string& w = toks_[i].lower;
  // Four letters at least (Cyrillic letters are two bytes): no prepositions.
  if (w.size() < 8 || ComplementStop(w)) return w == "дел" || w == "наук" || w == "сил";
  if (EndsWith(w, "ли") || EndsWith(w, "ла")) return false;
  for (const char* e : {"а", "я", "ы", "и", "ов", "ев", "ей", "ий", "ого", "его", "ых", "их",
                        "ой"}) {
    if (EndsWith(w, e)) return true;
  }
  return w == "дел" || w == "наук" || w == "сил";
}

void RuleExtractor::Resolve(std::vector<Entity>* out) {
  // Sort indices, not the candidates: moving a Cand moves two strings.
  order_.resize(cands_.size());
  for (size_t k = 0; k < order_.size(); ++k) order_[k] = static_cast<int>(k);
  std::stable_sort(order_.begin(), order_.end(), [this](int x, int y) {
    const Cand& a = cands_[x];
    const Cand& b = cands_[y];
    if (a.prio != b.prio) return a.prio > b.prio;
    if (a.e - a.b != b.e - b.b) return a.e - a.b > b.e - b.b;
    return a.b < b.b;
  });
  // The accepted mentions as indices into cands_: no candidate is copied.
  std::vector<int>& top = top_;        // non-overlapping
  std::vector<int>& nested = nested_;  // inside an accepted organization
  top.clear();
  nested.clear();
  // Token owners keep this linear in the article's length: the index in top
  // (or nested) of the mention covering each token, -1 when free.
  owner_.assign(toks_.size(), -1);
  nested_taken_.assign(toks_.size(), 0);
  for (int index : order_) {
    const Cand& c = cands_[index];
    int container = -1;
    bool clash = false;
    for (int t = c.b; t < c.e && !clash; ++t) {
      const int a = owner_[t];
      if (a < 0) {
        clash = container >= 0;  // partly inside, partly free
        continue;
      }
      if (container < 0 && t != c.b) {
        clash = true;  // starts on free tokens, then runs into a mention
      } else if (container >= 0 && container != a) {
        clash = true;
      }
      container = a;
    }
    if (clash) continue;
    if (container >= 0) {
      const Cand& a = cands_[top[container]];
      if (a.type != Entity::Type::kOrg || !c.nested_ok || c.b < a.b || c.e > a.e) continue;
      if (c.b == a.b && c.e == a.e) continue;
      // The same name again inside (the gazetteer's Спартак in «Спартака»)
      // is no second mention, but its words are spoken for: no place nests
      // in «Справедливой России».
      if (c.type == a.type && c.name == a.name) {
        for (int t = c.b; t < c.e; ++t) nested_taken_[t] = 1;
        continue;
      }
      // An organization that opens another's name is a fragment of it
      // (Администрации Президента in Администрации Президента Республики Беларусь).
      if (c.type == Entity::Type::kOrg && c.b == a.b) continue;
      bool dup = false;
      for (int t = c.b; t < c.e; ++t) dup |= nested_taken_[t] != 0;
      if (dup) continue;
      for (int t = c.b; t < c.e; ++t) nested_taken_[t] = 1;
      nested.push_back(index);
    } else {
      for (int t = c.b; t < c.e; ++t) owner_[t] = static_cast<int>(top.size());
      top.push_back(index);
    }
  }
  // Surnames link to the full name given elsewhere in the article: the
  // best-founded one (Барак Обама as written over the rules' reading of
  // Бараке Обаме), the first of those.
  std::unordered_map<std::string, const Cand*> full_names;
  for (int index : top) {
    const Cand& c = cands_[index];
    if (c.type == Entity::Type::kPerson && c.full_person && !c.surname_key.empty()) {
      auto [it, added] = full_names.emplace(c.surname_key, &c);
      if (!added && c.name_basis > it->second->name_basis) it->second = &c;
    }
  }
  if (!full_names.empty()) {
    // Mentions of surnames no finder took, added once the names are settled
    // (full_names points into cands_).
    std::vector<Cand> linked;
    std::vector<char> covered(toks_.size(), 0);
    for (int index : top) {
      const Cand& c = cands_[index];
      for (int t = c.b; t < c.e; ++t) covered[t] = 1;
    }
    for (int t = 0; t < static_cast<int>(toks_.size()); ++t) {
      if (covered[t] || !IsCapWord(t) || toks_[t].allcaps) continue;
      auto it = full_names.find(Key(t));
      if (it == full_names.end()) continue;
      Cand c;
      c.b = t;
      c.e = t + 1;
      c.type = Entity::Type::kPerson;
      c.name = it->second->name;
      linked.push_back(std::move(c));
    }
    for (int index : top) {
      Cand& c = cands_[index];
      if (c.type != Entity::Type::kPerson) continue;
      auto it = full_names.find(c.surname_key);
      if (it == full_names.end() || it->second == &c) continue;
      // A full name gives way only to a better-founded one of the same
      // person: the same first name (Мишель Обама is not Барак Обама).
      if (c.full_person && (it->second->name_basis <= c.name_basis ||
                            !SameFirstWord(c.name, it->second->name))) {
        continue;
      }
      c.name = it->second->name;
    }
    for (Cand& c : linked) {
      top.push_back(static_cast<int>(cands_.size()));
      cands_.push_back(std::move(c));
    }
  }
  for (const std::vector<int>* list : {&top, &nested}) {
    for (int index : *list) {
      Cand& c = cands_[index];
      if (c.type == Entity::Type::kPlace && c.e == c.b + 1 && IsRelationalAdjective(toks_[c.b].lower)) {
        continue;
      }
      if (c.acronym) {
        auto it = abbreviations_.find(toks_[c.b].lower);
        if (it != abbreviations_.end()) c.name = it->second;
      }
      Entity entity;
      entity.type = c.type;
      entity.name = Canonical(c.type, c.name);
      entity.text = Surface(c.b, c.e);
      entity.start = toks_[c.b].cp_start;
      entity.end = toks_[c.e - 1].cp_end;
      out->push_back(std::move(entity));
    }
  }
  // Sort (start, end, index) keys and move each mention once: std::sort
  // compares and moves the same way whatever the element type, so the
  // order, ties included, is the one sorting the mentions themselves gives.
  sort_keys_.clear();
  for (size_t k = 0; k < out->size(); ++k) {
    sort_keys_.push_back({(*out)[k].start, (*out)[k].end, static_cast<int>(k)});
  }
  std::sort(sort_keys_.begin(), sort_keys_.end(), [](const SortKey& a, const SortKey& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;
  });
  sorted_.clear();
  sorted_.reserve(out->size());
  for (const SortKey& key : sort_keys_) sorted_.push_back(std::move((*out)[key.index]));
  out->swap(sorted_);
}

void RuleExtractor::Run(std::string_view text, std::vector<Entity>* out) {
  out->clear();
  text_ = text;
  cands_.clear();
  abbreviations_.clear();
  Tokenize(text, &toks_);
  memo_end_.assign(toks_.size(), -1);
  memo_entry_.assign(toks_.size(), nullptr);
  FindQuoted();
  FindPersons();
  FindPlacesAndOrgs();
  Resolve(out);
}

}  // namespace pressa::entities

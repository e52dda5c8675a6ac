// The finding passes of the rule extractor: quoted names, persons,
// organizations built on head nouns, places, acronyms. Each adds candidates;
// RuleExtractor::Resolve (entity_rules.cc) decides between them.
#include <algorithm>
#include <string>
#include <string_view>

#include "indexer/entities/entity_rules.h"
#include "stemmers/entity_text.h"

namespace pressa::entities {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

bool IsOpenQuote(char32_t c) { return c == 0xAB || c == 0x201E; }
bool IsCloseQuote(char32_t c) { return c == 0xBB; }

}  // namespace

void RuleExtractor::FindQuoted() {
  std::vector<int> stack;
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < static_cast<int>(toks_.size()); ++i) {
    if (toks_[i].kind != Tok::Kind::kPunct) continue;
    char32_t c = toks_[i].punct;
    if (IsOpenQuote(c)) {
      stack.push_back(i);
    } else if (IsCloseQuote(c) || c == 0x201C || c == 0x201D) {
      if (!stack.empty()) {
        pairs.emplace_back(stack.back(), i);
        stack.pop_back();
      } else if (c == 0x201C) {
        stack.push_back(i);
      }
    } else if (c == '"') {
      // A straight quote opens after a space or an opening bracket, else closes.
      bool opens = i + 1 < static_cast<int>(toks_.size()) &&
                   toks_[i + 1].cp_start == toks_[i].cp_end &&
                   (i == 0 || toks_[i - 1].cp_end < toks_[i].cp_start || stack.empty());
      if (!opens && !stack.empty() && toks_[stack.back()].punct == '"') {
        pairs.emplace_back(stack.back(), i);
        stack.pop_back();
      } else if (opens) {
        stack.push_back(i);
      }
    }
    if (stack.size() > 8) stack.erase(stack.begin());
  }
  std::sort(pairs.begin(), pairs.end());
  int covered_until = -1;
  for (size_t p = 0; p < pairs.size(); ++p) {
    auto [o, c] = pairs[p];
    if (o <= covered_until) continue;  // inside a quoted name already taken
    if (c - o < 2 || c - o > 12) continue;
    int first = o + 1;
    if (!IsWord(first) && toks_[first].kind != Tok::Kind::kNumber) {
      if (!(toks_[first].kind == Tok::Kind::kPunct && IsOpenQuote(toks_[first].punct))) continue;
      first = o + 2;
    }
    if (!IsWord(first) && toks_[first].kind != Tok::Kind::kNumber) continue;
    if (IsWord(first) && !toks_[first].cap && toks_[first].cyrillic) continue;
    int b = o, e = c + 1;
    bool org = false;
    int prio = 3;
    const GazetteerEntry* known = nullptr;  // a gazetteer organization, the whole quote
    // Legal form before: ООО «Лазертаг», Филиал ПАО «МРСК Центра» - «Смоленскэнерго».
    if (IsWord(o - 1) && lex_.legal_forms.count(Surface(o - 1, o))) {
      org = true;
      b = o - 1;
      prio = 6;
    } else if (IsWord(o - 1) && lex_.quote_org_words.count(Key(o - 1))) {
      org = true;
    } else {
      int end = 0;
      const GazetteerEntry* g = MatchName(first, &end);
      if (g && g->type == Entity::Type::kOrg && end == c) {
        org = true;
        known = g;
      }
      const std::string& last = toks_[c - 1].lower;
      if (last == "газета" || last == "новости" || last == "известия" || last == "ведомости" ||
          last == "правда" || last == "газеты" || last == "газете" || last == "газету") {
        org = true;
      }
    }
    if (!org) continue;
    std::string name;
    // A chained name: «МРСК Центра» - «Смоленскэнерго».
    if (IsPunct(c + 1, '-') || IsPunct(c + 1, 0x2013) || IsPunct(c + 1, 0x2014)) {
      if (c + 2 < static_cast<int>(toks_.size()) && toks_[c + 2].kind == Tok::Kind::kPunct &&
          IsOpenQuote(toks_[c + 2].punct)) {
        for (size_t q = p + 1; q < pairs.size() && q < p + 8; ++q) {
          if (pairs[q].first == c + 2) {
            name = Surface(o + 1, c) + " - " + Surface(c + 3, pairs[q].second);
            e = pairs[q].second + 1;
            break;
          }
        }
      }
    }
    // A known organization quoted in any case is named as the gazetteer
    // names it: «Спартака», «Исламского государства» are Спартак and
    // Исламское государство.
    if (name.empty()) name = known != nullptr ? known->display : Surface(o + 1, c);
    if (prio == 6) {
      // Kind prefixes belong to the name, legal forms do not.
      static const char* const kKept[] = {"РИА", "ИА", "ФК", "ХК", "ПФК", "МФК", "НИИ", "КБ",
                                          "ТРК", "АКБ"};
      const std::string prefix = Surface(b, b + 1);
      for (const char* k : kKept) {
        if (prefix == k) name = prefix + " " + name;
      }
    }
    // Drop inner quote characters from the display name.
    std::string clean;
    for (size_t k = 0; k < name.size();) {
      size_t s = k;
      char32_t ch = entity_text::DecodeUtf8(name, &k);
      if (ch == 0xAB || ch == 0xBB || ch == 0x201E || ch == 0x201C || ch == 0x201D || ch == '"') {
        continue;
      }
      clean.append(name, s, k - s);
    }
    Cand cand;
    cand.b = b;
    cand.e = e;
    cand.type = Entity::Type::kOrg;
    cand.name = clean;
    cand.prio = prio;
    cands_.push_back(std::move(cand));
    covered_until = e - 1;
  }
}

namespace {

// Whether `lower`, a form of the first name whose nominative is `nominative`,
// is that nominative and shows it: the name declines (a masculine name ending
// in a consonant, й or ь: MasculineNameCase says kNom; or any name in -а or
// -я), so its other cases are written otherwise. Джо, Криштиану, Мишель read
// the same in every case and show nothing.
bool WrittenNominative(std::string_view lower, std::string_view nominative,
                       Case masculine_case) {
  if (masculine_case == Case::kNom) return true;
  return lower == nominative && (EndsWith(nominative, "а") || EndsWith(nominative, "я"));
}

bool EndsFem(std::string_view w) {
  return EndsWith(w, "ова") || EndsWith(w, "ева") || EndsWith(w, "ина") || EndsWith(w, "ая") ||
         EndsWith(w, "ской") || EndsWith(w, "овой") || EndsWith(w, "евой") || EndsWith(w, "иной");
}

// Russian and post-Soviet surname suffixes, in any case form: Иванов(а/у/ым),
// Путин, Шевченко, Саакашвили, Пашинян. Adjective-type -ский is left out: it
// is as often the start of an organization's or a place's name.
bool HasSurnameSuffix(std::string_view w) {
  if (w.size() < 10) return false;  // five letters at least
  static constexpr std::string_view kEndings[] = {
      "ов", "ова", "ову", "овым", "овой", "ове", "ев", "ева", "еву", "евым", "евой", "еве",
      "ин", "ина", "ину", "иным", "иной", "ине", "енко", "швили", "дзе", "ян", "яна", "яну",
      "яном", "янц", "ук", "юк", "ука", "юка", "уком", "юком"};
  for (std::string_view e : kEndings) {
    if (w.size() > e.size() && w.substr(w.size() - e.size()) == e) return true;
  }
  return false;
}

bool IsPlural(std::string_view w) {
  return EndsWith(w, "ые") || EndsWith(w, "ие") || EndsWith(w, "ых") || EndsWith(w, "их") ||
         EndsWith(w, "ыми") || EndsWith(w, "ими");
}

}  // namespace

void RuleExtractor::FindPersons() {
  const int n = static_cast<int>(toks_.size());
  // A capitalised word that can be a surname here.
  auto surname_like = [&](int j) {
    if (!IsCapWord(j) || toks_[j].allcaps || toks_[j].letters < 2) return false;
    const std::string& w = toks_[j].lower;
    if (lex_.not_names.count(w) || lex_.Head(w) ||
        (!toks_[j].cyrillic && lex_.legal_forms.count(Surface(j, j + 1)))) {
      return false;
    }
    return !(toks_[j].nl_before);
  };
  auto not_known_name = [&](int j) {
    int end = 0;
    if (MatchName(j, &end)) return false;
    if (lex_.first_names.count(toks_[j].lower)) return false;
    return !LooksLikeAdjective(toks_[j].lower) || EndsWith(toks_[j].lower, "ов") ||
           EndsWith(toks_[j].lower, "ев") || EndsWith(toks_[j].lower, "ин");
  };
  for (int i = 0; i < n; ++i) {
    if (!IsCapWord(i) || toks_[i].allcaps) continue;
    // Initials: В. Анохин, В.В. Путин.
    if (toks_[i].letters == 1 && toks_[i].cyrillic && IsPunct(i + 1, '.')) {
      int j = i + 2;
      if (IsCapWord(j) && toks_[j].letters == 1 && IsPunct(j + 1, '.')) j += 2;
      if (surname_like(j) && toks_[j].letters > 1) {
        Cand c;
        c.b = i;
        c.e = j + 1;
        c.type = Entity::Type::kPerson;
        c.name = NominativeSurname(Surface(j, j + 1), Gender::kUnknown);
        c.prio = 5;
        c.surname_key = Key(j);
        cands_.push_back(std::move(c));
        i = j;
      }
      continue;
    }
    if (const std::vector<FirstName>* found = lex_.first_names.Find(toks_[i].lower)) {
      int j = i + 1;
      Gender g = Gender::kUnknown;
      bool patronymic = false;
      if (IsCapWord(j) && IsPatronymic(toks_[j].lower)) {
        NominativePatronymic(Surface(j, j + 1), &g);
        patronymic = true;
        ++j;
      }
      int surname = -1;
      int b = i, e = j;
      if (surname_like(j) && !toks_[j].sent_start &&
          !(lex_.first_names.count(toks_[j].lower) && surname_like(j + 1))) {
        surname = j;
        e = j + 1;
      } else if (patronymic && i - 1 >= 0 && IsCapWord(i - 1) && !toks_[i - 1].allcaps &&
                 !lex_.not_names.count(toks_[i - 1].lower) && !lex_.Head(toks_[i - 1].lower) &&
                 !LooksLikeAdjective(toks_[i - 1].lower) && [&] {
                   int end = 0;
                   return MatchName(i - 1, &end) == nullptr;
                 }()) {
        surname = i - 1;
        b = i - 1;
      }
      // Further name parts: Реджеп Тайип Эрдоган, Ким Чен Ын, Марин Ле Пен,
      // Роберт де Ниро.
      int last_part = surname;
      if (surname >= 0 && e == surname + 1) {
        for (int extra = 0; extra < 2; ++extra) {
          int k = e;
          static const char* const kParticles[] = {"де", "ле", "ван", "фон", "дер", "аль",
                                                   "бен", "бин", "да", "ди", "дель", "ла"};
          bool particle = false;
          if (IsWord(k) && !toks_[k].cap) {
            for (const char* p : kParticles) particle |= toks_[k].lower == p;
            if (!particle) break;
            ++k;
          }
          if (!surname_like(k) || toks_[k].sent_start || toks_[k].cp_start > toks_[k - 1].cp_end + 1 ||
              !not_known_name(k)) {
            break;
          }
          e = k + 1;
          last_part = k;
        }
      }
      // "Виктор Янукович": an -ович word with no surname around is the surname.
      if (patronymic && surname < 0) {
        surname = j - 1;
        patronymic = false;
        g = Gender::kUnknown;
      }
      // A regnal number: Бенедикт XVI, Елизавета II.
      int regnal = -1;
      if (e == j || (surname >= 0 && e == surname + 1)) {
        const int k = e;
        if (IsWord(k) && toks_[k].cap && toks_[k].letters == static_cast<int>(toks_[k].lower.size()) &&
            !toks_[k].cyrillic && (toks_[k].allcaps || toks_[k].letters == 1) &&
            toks_[k].lower.find_first_not_of("ivxl") == std::string::npos) {
          e = k + 1;
          regnal = k;
        }
      }
      // Choose the reading: the patronymic's or surname's gender, else masculine.
      const std::vector<FirstName>& readings = *found;
      if (g == Gender::kUnknown && surname >= 0 && EndsFem(toks_[surname].lower)) {
        for (const FirstName& r : readings) {
          if (r.gender == Gender::kFem && r.nominative.size() >= toks_[i].lower.size()) {
            g = Gender::kFem;
          }
        }
      }
      const FirstName* reading = &readings.front();
      for (const FirstName& r : readings) {
        if (g != Gender::kUnknown && r.gender == g) {
          reading = &r;
          break;
        }
        if (g == Gender::kUnknown && r.gender == Gender::kMasc) reading = &r;
      }
      if (g == Gender::kUnknown) g = reading->gender;
      if (surname < 0 && !patronymic && regnal < 0 && (reading->ambiguous || toks_[i].sent_start)) {
        continue;
      }
      Cand c;
      c.b = b;
      c.e = e;
      c.type = Entity::Type::kPerson;
      c.name = reading->nominative;
      if (surname >= 0) {
        if (last_part > surname) {
          c.name += ' ';
          c.name += Surface(surname, last_part);
          surname = last_part;
        }
        c.name += ' ';
        // A first name written in the nominative puts its surname there too
        // (names agree in case): Барак Обама, Сергей Шойгу, Артём Дзюба are
        // as written, where the rules would read Обама as Обам's genitive.
        const std::string first_nominative = entity_text::FoldName(reading->nominative);
        const Case first_case = reading->gender == Gender::kMasc
                                    ? MasculineNameCase(toks_[i].lower, first_nominative)
                                    : Case::kUnknown;
        if (WrittenNominative(toks_[i].lower, first_nominative, first_case)) {
          c.name_basis = Cand::NameBasis::kWritten;
          c.name += Surface(surname, surname + 1);
        } else {
          bool agreed = false;
          c.name += NominativeSurname(Surface(surname, surname + 1), g, first_case, &agreed);
          if (agreed) c.name_basis = Cand::NameBasis::kAgreement;
        }
        c.surname_key = Key(surname);
      }
      if (regnal >= 0) c.name += " " + Surface(regnal, regnal + 1);
      c.prio = 5;
      c.full_person = surname >= 0;
      cands_.push_back(std::move(c));
      i = e - 1;
      continue;
    }
    // A surname after a title (губернатор Анохин) or next to a speech verb
    // (Анохин подчеркнул, — написал Анохин).
    bool title = IsWord(i - 1) && lex_.person_titles.count(Key(i - 1));
    bool verb_after = IsWord(i + 1) && lex_.speech_verbs.count(toks_[i + 1].lower);
    bool verb_before = IsWord(i - 1) && lex_.speech_verbs.count(toks_[i - 1].lower) &&
                       !IsWord(i + 1);
    const bool known = lex_.known_surnames.count(toks_[i].lower) > 0 ||
                       (!toks_[i].sent_start && toks_[i].cyrillic && toks_[i].letters >= 4 &&
                        lex_.known_surname_keys.count(Key(i)) > 0) ||
                       (!toks_[i].sent_start && HasSurnameSuffix(toks_[i].lower));
    if ((title || verb_after || verb_before || known) && surname_like(i) && not_known_name(i)) {
      int e = i + 1;
      if (title && surname_like(i + 1) && !toks_[i + 1].sent_start && not_known_name(i + 1)) {
        e = i + 2;
      }
      Gender g = Gender::kUnknown;
      if (verb_after && EndsWith(toks_[i + 1].lower, "а")) g = Gender::kFem;
      // An unknown capitalised word just before a surname is a first name
      // the list lacks: Ципи Ливни.
      int b = i;
      if (e == i + 1 && surname_like(i - 1) && !toks_[i - 1].sent_start && !title &&
          not_known_name(i - 1) && toks_[i - 1].cp_end + 1 == toks_[i].cp_start &&
          !lex_.person_titles.count(Key(i - 1))) {
        b = i - 1;
      }
      Cand c;
      c.b = b;
      c.e = e;
      c.type = Entity::Type::kPerson;
      c.name = e == i + 2 ? Surface(i, i + 1) + " " + NominativeSurname(Surface(i + 1, e), g)
                          : NominativeSurname(Surface(i, e), g);
      if (b < i) c.name = Surface(b, i) + " " + c.name;
      c.surname_key = Key(e - 1);
      c.prio = 3;
      cands_.push_back(std::move(c));
      i = e - 1;
    }
  }
}

void RuleExtractor::FindHeadOrgsAt(int i) {
  int j = i;
  const bool cap = toks_[i].cap;
  if (cap) {
    while (IsWord(j) && j < i + 4 && !lex_.Head(toks_[j].lower) &&
           LooksLikeAdjective(toks_[j].lower) && !lex_.person_titles.count(Key(j))) {
      ++j;
    }
  }
  if (!IsWord(j)) return;
  const HeadNoun* head_ptr = lex_.Head(toks_[j].lower);
  if (!head_ptr || head_ptr->place) return;
  const HeadNoun& head = *head_ptr;
  const int adjs = j - i;
  {
    int end = 0;
    const GazetteerEntry* g = MatchName(i, &end);
    if (g && g->type == Entity::Type::kPlace && end == j + 1) return;  // Российской Федерации
  }
  if (adjs > 0 && IsPlural(toks_[i].lower)) return;
  if (!cap && !head.strong) return;
  // The complement: genitive words, then named groups (places, acronyms, names).
  int k = j + 1, last = j, words = 0;
  bool named = false;
  std::string abbr;
  std::vector<std::pair<int, int>> skip;  // parenthetical ranges left out of the name
  auto try_paren = [&]() {
    if (IsPunct(k, '(') && IsWord(k + 1) && (toks_[k + 1].allcaps || toks_[k + 1].mixedcaps) &&
        IsPunct(k + 2, ')')) {
      abbr = toks_[k + 1].lower;
      skip.emplace_back(k, k + 3);
      k += 3;
      last = k - 1;
    }
  };
  try_paren();
  while (words < 6 && IsGenitiveLike(k)) {
    last = k++;
    ++words;
    if (IsWord(k) && toks_[k].lower == "и" && IsGenitiveLike(k + 1)) ++k;
  }
  try_paren();
  for (int groups = 0; groups < 3; ++groups) {
    int g = MatchNamedGroup(k);
    if (g == k && IsCapWord(k) && !toks_[k].sent_start && !lex_.first_names.count(toks_[k].lower) &&
        !lex_.not_names.count(toks_[k].lower) && IsGenitiveLike(k) == false &&
        (EndsWith(toks_[k].lower, "а") || EndsWith(toks_[k].lower, "и") ||
         EndsWith(toks_[k].lower, "ы"))) {
      g = k + 1;  // a capitalised genitive: Президента Республики Беларусь
    }
    if (g == k) break;
    named = true;
    last = g - 1;
    k = g;
  }
  if (!skip.empty() && skip.back().second - 1 == last && skip.back().first > j) {
    // A trailing parenthesis belongs to the text but not to the span's name.
  }
  // A quoted name right after: Российское общество «Знание».
  int quote_end = -1;
  if (k < static_cast<int>(toks_.size()) && toks_[k].kind == Tok::Kind::kPunct &&
      IsOpenQuote(toks_[k].punct)) {
    for (int q = k + 1; q < k + 8 && q < static_cast<int>(toks_.size()); ++q) {
      if (toks_[q].kind == Tok::Kind::kPunct && IsCloseQuote(toks_[q].punct)) {
        if (q > k + 1 && IsCapWord(k + 1)) quote_end = q;
        break;
      }
    }
  }
  if (quote_end > 0) {
    last = quote_end;
    named = true;
  }
  const bool complement = words > 0 || named;
  const bool sent = toks_[i].sent_start;
  bool accept = false;
  if (!cap) accept = named;
  else if (adjs > 0) accept = !sent || adjs >= 2 || complement || head.strong;
  else accept = complement || (head.strong && !sent);
  if (!accept) return;
  std::string name;
  for (int a = i; a < j; ++a) {
    name += NominativeAdjective(Surface(a, a + 1), head.gender);
    name += ' ';
  }
  std::string head_name = CapitalizeLike(head.nominative, Surface(j, j + 1));
  if (i == j && !cap) head_name = CapitalizeLike(head.nominative, "Я");
  name += head_name;
  // The complement as written, parenthetical acronyms left out.
  for (int t = j + 1; t <= last;) {
    int seg_end = t;
    bool skipped = false;
    for (auto [sb, se] : skip) {
      if (t >= sb && t < se) {
        t = se;
        skipped = true;
      }
    }
    if (skipped) continue;
    while (seg_end + 1 <= last) {
      bool next_skipped = false;
      for (auto [sb, se] : skip) next_skipped |= seg_end + 1 >= sb && seg_end + 1 < se;
      if (next_skipped) break;
      ++seg_end;
    }
    name += ' ';
    name += Surface(t, seg_end + 1);
    t = seg_end + 1;
  }
  Cand c;
  c.b = i;
  c.e = last + 1;
  c.type = Entity::Type::kOrg;
  c.name = name;
  c.prio = 4;
  cands_.push_back(std::move(c));
  if (!abbr.empty()) abbreviations_.emplace(abbr, name);
}

void RuleExtractor::FindPlacesAndOrgs() {
  const int n = static_cast<int>(toks_.size());
  for (int i = 0; i < n; ++i) {
    if (!IsWord(i)) continue;
    FindHeadOrgs(i);
    int end = 0;
    std::string region;
    if (MatchRegion(i, &end, &region)) {
      Cand c;
      c.b = i;
      c.e = end;
      c.type = Entity::Type::kPlace;
      c.name = region;
      c.prio = 3;
      c.nested_ok = true;
      cands_.push_back(std::move(c));
      continue;
    }
    if (const GazetteerEntry* g = MatchName(i, &end)) {
      // An adjective that only shares a stem with a name (Смоленской vs Смоленск).
      Cand c;
      c.b = i;
      c.e = end;
      c.type = g->type;
      c.name = g->display;
      c.prio = 3;
      c.acronym = toks_[i].allcaps && end == i + 1;
      c.nested_ok = true;
      if (g->type == Entity::Type::kOrg) {
        int k = MatchNamedGroup(end);
        if (k > end) AddNamedGroupExtension(c, k, g->display + " " + Surface(end, k));
      }
      cands_.push_back(std::move(c));
      continue;
    }
    // Internet media named by their domain: Лента.ру, NEWSru.com, Газета.ru.
    if (IsCapWord(i) && IsPunct(i + 1, '.') && IsWord(i + 2) &&
        toks_[i + 1].cp_start == toks_[i].cp_end && toks_[i + 2].cp_start == toks_[i + 1].cp_end) {
      const std::string& tld = toks_[i + 2].lower;
      if (tld == "ру" || tld == "ru" || tld == "рф" || tld == "com" || tld == "net" ||
          tld == "org" || tld == "info") {
        Cand c;
        c.b = i;
        c.e = i + 3;
        c.type = Entity::Type::kOrg;
        c.name = Surface(i, i + 3);
        c.prio = 4;
        cands_.push_back(std::move(c));
        continue;
      }
    }
    const Tok& t = toks_[i];
    // Digits make a model or an event (ЧМ-2018, Як-18Т, STS-124), not a body.
    const bool acronym = ((t.allcaps && t.letters <= (t.cyrillic ? 6 : 5)) ||
                          (t.mixedcaps && t.letters >= 3 && t.cyrillic)) &&
                         !HasDigit(t.lower);
    if (!acronym || lex_.stop_acronyms.count(t.lower) || lex_.legal_forms.count(Surface(i, i + 1))) {
      continue;
    }
    // All-caps headlines: neighbours in capitals too.
    if (t.allcaps && ((IsWord(i - 1) && toks_[i - 1].allcaps && toks_[i - 1].letters > 2) ||
                      (IsWord(i + 1) && toks_[i + 1].allcaps && toks_[i + 1].letters > 2))) {
      continue;
    }
    Cand c;
    c.b = i;
    c.e = i + 1;
    c.type = Entity::Type::kOrg;
    c.name = Surface(i, i + 1);
    c.prio = 2;
    c.nested_ok = true;
    c.acronym = true;
    int k = MatchNamedGroup(i + 1);
    if (k > i + 1 && !toks_[i + 1].allcaps) AddNamedGroupExtension(c, k, Surface(i, k));
    cands_.push_back(std::move(c));
  }
}

// An organization named by an acronym or a gazetteer name, extended by the
// named group that follows it ("МАЗ" + "им. ..."): a longer candidate that
// outranks the bare name and no longer counts as an acronym.
void RuleExtractor::AddNamedGroupExtension(const Cand& c, int end, std::string name) {
  Cand ext = c;
  ext.e = end;
  ext.name = std::move(name);
  ext.nested_ok = false;
  ext.acronym = false;
  ext.prio = 4;
  cands_.push_back(std::move(ext));
}

}  // namespace pressa::entities

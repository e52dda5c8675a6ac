// Inflection rules for normal forms. They cover the regular Russian
// paradigms that names of organizations, places and persons follow; the
// extractor prefers a nominative form attested in the article when it has one.
#include "indexer/entities/entity_morph.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <unordered_map>

#include "stemmers/entity_text.h"

namespace pressa::entities {

namespace {

using entity_text::AppendUtf8;
using entity_text::DecodeUtf8;

std::u32string U32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(DecodeUtf8(s, &i));
  return out;
}

std::string U8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// EndsWith(s, std::string(stem) + ending) without building the string.
bool EndsWith2(std::string_view s, std::string_view stem, std::string_view ending) {
  return EndsWith(s, ending) && EndsWith(s.substr(0, s.size() - ending.size()), stem);
}

std::string_view Strip(std::string_view s, std::string_view suffix) {
  return s.substr(0, s.size() - suffix.size());
}

// Velars and sibilants take и, not ы, and -ий in masculine adjectives.
bool VelarOrSibilantEnd(std::string_view stem) {
  for (const char* c : {"к", "г", "х", "ж", "ш", "ч", "щ"}) {
    if (EndsWith(stem, c)) return true;
  }
  return false;
}

bool SibilantEnd(std::string_view stem) {
  for (const char* c : {"ж", "ш", "ч", "щ", "ц"}) {
    if (EndsWith(stem, c)) return true;
  }
  return false;
}

bool VowelEnd(std::string_view s) {
  for (const char* c : {"а", "е", "и", "о", "у", "ы", "э", "ю", "я", "ь", "й"}) {
    if (EndsWith(s, c)) return true;
  }
  return false;
}

// Stressed-ending adjectives whose masculine nominative is -ой.
bool StressedOy(std::string_view stem) {
  for (const char* s : {"городск", "морск", "донск", "мужск", "женск", "миров", "делов",
                        "больш", "молод", "прав", "втор", "золот", "стальн", "лесн",
                        "полев", "передов", "боев", "трудов", "рабоч", "стенн", "областн", "окружн"}) {
    if (EndsWith(stem, s)) return true;
  }
  return false;
}

}  // namespace

std::string CapitalizeLike(std::string_view lower, std::string_view model) {
  std::u32string l = U32(lower);
  std::u32string m = U32(model);
  for (size_t i = 0; i < l.size() && i < m.size(); ++i) {
    if (entity_text::IsUpper(m[i])) l[i] = entity_text::Upper(l[i]);
  }
  return U8(l);
}

std::vector<std::string> NounForms(const std::string& nom, Gender gender) {
  std::vector<std::string> f{nom};
  auto add = [&](std::string_view stem, std::initializer_list<const char*> endings) {
    for (const char* e : endings) f.push_back(std::string(stem) + e);
  };
  if (gender == Gender::kNeut) {
    if (EndsWith(nom, "ие")) add(Strip(nom, "е"), {"я", "ю", "ем", "и"});
    else if (EndsWith(nom, "о")) add(Strip(nom, "о"), {"а", "у", "ом", "е"});
    else if (EndsWith(nom, "ье")) add(Strip(nom, "е"), {"я", "ю", "ем"});
    else if (EndsWith(nom, "е")) add(Strip(nom, "е"), {"а", "у", "ем"});
    return f;
  }
  if (EndsWith(nom, "ия")) {
    add(Strip(nom, "я"), {"и", "ю", "ей", "ею"});
  } else if (EndsWith(nom, "а")) {
    std::string_view stem = Strip(nom, "а");
    add(stem, {VelarOrSibilantEnd(stem) ? "и" : "ы", "е", "у"});
    add(stem, {SibilantEnd(stem) ? "ей" : "ой", "ою"});
  } else if (EndsWith(nom, "я")) {
    add(Strip(nom, "я"), {"и", "е", "ю", "ей", "ёй"});
  } else if (EndsWith(nom, "ь")) {
    if (gender == Gender::kFem) add(Strip(nom, "ь"), {"и", "ью"});
    else add(Strip(nom, "ь"), {"я", "ю", "ем", "е", "ём"});
  } else if (EndsWith(nom, "ий")) {
    add(Strip(nom, "й"), {"я", "ю", "ем", "и"});
  } else if (EndsWith(nom, "й")) {
    add(Strip(nom, "й"), {"я", "ю", "ем", "е", "ём"});
  } else if (gender != Gender::kFem) {
    add(nom, {"а", "у", SibilantEnd(nom) ? "ем" : "ом", "е"});
  }
  return f;
}

bool LooksLikeAdjective(std::string_view w) {
  // The finders ask this over a million times per corpus sample: compare the
  // last two (three) letters as one 4-byte (and 6-byte) word against the
  // endings instead of a memcmp per ending. Every ending is Cyrillic, two
  // bytes a letter, and needs more than four bytes of stem before it.
  static constexpr const char* kEndings2[] = {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ым", "им",
                                              "ом", "ем", "ую", "юю", "ей", "ых", "их", "ые", "ие"};
  static constexpr const char* kEndings3[] = {"ого", "его", "ому", "ему"};
  if (w.size() <= 8) return false;
  static const auto kPacked2 = [] {
    std::array<uint32_t, std::size(kEndings2)> packed{};
    for (size_t k = 0; k < packed.size(); ++k) std::memcpy(&packed[k], kEndings2[k], 4);
    return packed;
  }();
  uint32_t last2;
  std::memcpy(&last2, w.data() + w.size() - 4, 4);
  for (uint32_t e : kPacked2) {
    if (last2 == e) return true;
  }
  if (w.size() <= 10) return false;
  const std::string_view last3 = w.substr(w.size() - 6);
  for (const char* e : kEndings3) {
    if (std::memcmp(last3.data(), e, 6) == 0) return true;
  }
  return false;
}

std::string NominativeAdjective(std::string_view surface, Gender gender) {
  const std::string lower = entity_text::FoldName(surface);
  std::string_view w = lower;
  struct Ending {
    const char* text;
    bool soft;
  };
  static const Ending kEndings[] = {
      {"ого", false}, {"его", true}, {"ому", false}, {"ему", true}, {"ыми", false},
      {"ими", true},  {"ый", false}, {"ий", true},   {"ой", false}, {"ая", false},
      {"яя", true},   {"ое", false}, {"ее", true},   {"ым", false}, {"им", true},
      {"ом", false},  {"ем", true},  {"ую", false},  {"юю", true},  {"ей", true},
      {"ых", false},  {"их", true},  {"ые", false},  {"ие", true},
  };
  for (const Ending& e : kEndings) {
    if (!EndsWith(w, e.text) || w.size() <= std::string_view(e.text).size() + 2) continue;
    std::string stem(Strip(w, e.text));
    const bool velar = VelarOrSibilantEnd(stem);
    // "-ей" after н is soft (Верхней); after sibilants it is a hard stem (общей).
    const bool soft = e.soft && !(std::string_view(e.text) == "ей" && !EndsWith(stem, "н")) &&
                      !(std::string_view(e.text) == "ий" && velar) &&
                      !(std::string_view(e.text) == "им" && velar);
    std::string nom;
    switch (gender) {
      case Gender::kFem:
        nom = stem + (soft ? "яя" : "ая");
        break;
      case Gender::kNeut:
        nom = stem + ((soft || SibilantEnd(stem)) ? "ее" : "ое");
        break;
      default:
        if (std::string_view(e.text) == "ой" && gender == Gender::kMasc && !velar) {
          nom = stem + "ой";
        } else if (StressedOy(stem)) {
          nom = stem + "ой";
        } else {
          nom = stem + ((soft || velar) ? "ий" : "ый");
        }
    }
    return CapitalizeLike(nom, surface);
  }
  return std::string(surface);
}

bool IsPatronymic(std::string_view w) {
  for (const char* stem : {"ович", "евич", "ьич", "овн", "евн", "ичн"}) {
    // Only a stem followed by at most two letters (4 bytes) can qualify, so
    // the last occurrence is searched for in the word's tail alone: one that
    // starts earlier leaves a longer rest, rejected below as well.
    const size_t tail = std::strlen(stem) + 4;
    const size_t tail_start = w.size() > tail ? w.size() - tail : 0;
    size_t pos = w.substr(tail_start).rfind(stem);
    if (pos == std::string_view::npos) continue;
    pos += tail_start;
    if (pos < 4) continue;
    std::string_view rest = w.substr(pos + std::string_view(stem).size());
    if (rest.empty() || rest == "а" || rest == "у" || rest == "ем" || rest == "е" ||
        rest == "ы" || rest == "ой" || rest == "ом") {
      return true;
    }
  }
  return false;
}

std::string NominativePatronymic(std::string_view surface, Gender* gender) {
  const std::string lower = entity_text::FoldName(surface);
  std::string_view w = lower;
  for (const char* stem : {"ович", "евич", "ьич"}) {
    size_t pos = w.rfind(stem);
    if (pos != std::string_view::npos && pos >= 4) {
      *gender = Gender::kMasc;
      return CapitalizeLike(std::string(w.substr(0, pos)) + stem, surface);
    }
  }
  for (const char* stem : {"овн", "евн", "ичн"}) {
    size_t pos = w.rfind(stem);
    if (pos != std::string_view::npos && pos >= 4) {
      *gender = Gender::kFem;
      return CapitalizeLike(std::string(w.substr(0, pos)) + stem + "а", surface);
    }
  }
  return std::string(surface);
}

namespace {

// Whether a surname that fits no declension of its case reads as one that
// does not decline: it ends in a vowel no declension keeps through its cases
// (Шойгу, Гессе, Саакашвили), not in a consonant, -а, -я, -ь or -й, which
// only a wrong reading of the first name's case would leave unexplained.
bool Indeclinable(std::string_view w) {
  for (const char* v : {"е", "и", "о", "у", "ы", "э", "ю"}) {
    if (EndsWith(w, v)) return true;
  }
  return false;
}

// A man's surname in the case `c` of his first name: its nominative when the
// ending names one declension for that case, the surface when it does not
// decline, or empty when it is left to the rules by ending alone (an
// adjective-type surname, a prepositional -е, which every declension has, or
// an ending no reading explains).
std::string AgreeingManSurname(std::string_view surface, std::string_view w, Case c) {
  auto out = [&](std::string_view stem, const char* ending) {
    return CapitalizeLike(std::string(stem) + ending, surface);
  };
  auto strip_if = [&](const char* e, std::string_view* stem) {
    if (!EndsWith(w, e)) return false;
    *stem = Strip(w, e);
    return !stem->empty();
  };
  std::string_view stem;
  switch (c) {
    case Case::kNom:
      return std::string(surface);
    case Case::kGen:
      if (EndsWith(w, "ого") || EndsWith(w, "его")) return {};
      if (strip_if("а", &stem)) return VowelEnd(stem) ? std::string() : out(stem, "");
      if (strip_if("я", &stem)) {
        if (EndsWith(stem, "и")) return {};
        return VowelEnd(stem) ? out(stem, "й") : out(stem, "ь");
      }
      if (strip_if("ы", &stem)) return VowelEnd(stem) ? std::string() : out(stem, "а");
      // Чайки, Дерипаски (-и after к, г, х); not Левандовски, Ковальджи.
      if (strip_if("и", &stem) && (EndsWith(stem, "к") || EndsWith(stem, "г") ||
                                   EndsWith(stem, "х")) &&
          !EndsWith(stem, "ск") && !EndsWith(stem, "цк")) {
        return out(stem, "а");
      }
      // -у and -е are no genitive: Шойгу, Нетаньяху (an accusative Обаму
      // reads so too, and stays as written).
      return Indeclinable(w) ? std::string(surface) : std::string();
    case Case::kDat:
      if (EndsWith(w, "ому") || EndsWith(w, "ему")) return {};
      if (strip_if("у", &stem)) return VowelEnd(stem) ? std::string(surface) : out(stem, "");
      if (strip_if("ю", &stem)) {
        return VowelEnd(stem) ? out(stem, "й") : out(stem, "ь");
      }
      if (strip_if("е", &stem)) return VowelEnd(stem) ? std::string(surface) : out(stem, "а");
      return Indeclinable(w) ? std::string(surface) : std::string();
    case Case::kIns:
      if (EndsWith(w, "ым") || EndsWith(w, "им")) return {};
      if (strip_if("ом", &stem)) return VowelEnd(stem) ? std::string() : out(stem, "");
      if (strip_if("ем", &stem) || strip_if("ём", &stem)) {
        if (VowelEnd(stem)) return out(stem, "й");
        return SibilantEnd(stem) ? out(stem, "") : out(stem, "ь");
      }
      if (strip_if("ой", &stem)) return VowelEnd(stem) ? std::string() : out(stem, "а");
      return Indeclinable(w) ? std::string(surface) : std::string();
    case Case::kPrep:
    case Case::kUnknown:
      return {};
  }
  return {};
}

std::string ComputeNominativeSurname(std::string_view surface, Gender gender, Case c,
                                     bool* by_agreement) {
  *by_agreement = false;
  const std::string lower = entity_text::FoldName(surface);
  std::string_view w = lower;
  if (w.size() < 6) return std::string(surface);
  auto out = [&](std::string_view stem, const char* ending) {
    return CapitalizeLike(std::string(stem) + ending, surface);
  };
  if (gender == Gender::kMasc) {
    std::string agreeing = AgreeingManSurname(surface, w, c);
    // A surname kept as written (read as one that does not decline) is a
    // guess; one whose ending named its declension is not.
    *by_agreement = !agreeing.empty() && agreeing != surface;
    if (!agreeing.empty()) return agreeing;
  }
  // Adjective-like surnames: Вяземский, Крутой, Толстая.
  for (const char* sk : {"ск", "цк"}) {
    for (const char* e : {"ого", "ому", "им", "ом", "ий"}) {
      if (EndsWith2(w, sk, e) && gender != Gender::kFem) {
        return out(Strip(w, e), "ий");
      }
    }
    for (const char* e : {"ой", "ую", "ая"}) {
      if (EndsWith2(w, sk, e) && gender != Gender::kMasc) return out(Strip(w, e), "ая");
    }
  }
  // -ов/-ев/-ин/-ын possessive surnames.
  for (const char* suf : {"ов", "ев", "ёв", "ин", "ын"}) {
    for (const char* e : {"ым", "а", "у", "е", "ой", "ою", "ой"}) {
      if (!EndsWith2(w, suf, e)) continue;
      std::string_view stem = Strip(w, e);
      std::string_view ending = e;
      if (gender == Gender::kFem) {
        return (ending == "ой" || ending == "у" || ending == "а") ? out(stem, "а")
                                                                   : std::string(surface);
      }
      if (gender == Gender::kUnknown && ending == "ой") return out(stem, "а");
      if (gender == Gender::kUnknown && ending == "а") return std::string(surface);
      return out(stem, "");
    }
  }
  if (gender == Gender::kFem) return std::string(surface);
  if (EndsWith(w, "ого") || EndsWith(w, "ому")) return out(Strip(w, "ого"), "ой");
  if (EndsWith(w, "ым")) return out(Strip(w, "ым"), "ой");
  // Consonant-stem foreign and Russian surnames: Трампа, Трампом → Трамп.
  for (const char* e : {"ом", "ем", "а", "у", "е"}) {
    if (!EndsWith(w, e)) continue;
    std::string_view stem = Strip(w, e);
    if (gender == Gender::kMasc && !VowelEnd(stem)) return out(stem, "");
  }
  // -а declension: Обамы, Обаме, Обамой → Обама.
  if (gender == Gender::kMasc) {
    for (const char* e : {"ы", "ой"}) {
      if (EndsWith(w, e) && !VowelEnd(Strip(w, e))) return out(Strip(w, e), "а");
    }
  }
  // Whoever it is, a surname in -ы is an -а noun's genitive (Обамы, Дзюбы):
  // a woman's Лаврова makes Лавровой; a family's Ивановы is left alone.
  if (gender == Gender::kUnknown && EndsWith(w, "ы")) {
    std::string_view stem = Strip(w, "ы");
    if (!VowelEnd(stem) && !VelarOrSibilantEnd(stem) && !EndsWith(stem, "ов") &&
        !EndsWith(stem, "ев") && !EndsWith(stem, "ин") && !EndsWith(stem, "ын")) {
      return out(stem, "а");
    }
  }
  return std::string(surface);
}

}  // namespace

Case MasculineNameCase(std::string_view lower, std::string_view nominative) {
  // Only a name ending in a consonant, й or ь declines this way (Никита,
  // Джо do not).
  const bool soft = EndsWith(nominative, "й") || EndsWith(nominative, "ь");
  if (!soft && VowelEnd(nominative)) return Case::kUnknown;
  if (lower == nominative) return Case::kNom;
  const std::string_view stem =
      soft ? Strip(nominative, EndsWith(nominative, "й") ? "й" : "ь") : nominative;
  if (lower.size() <= stem.size() || lower.substr(0, stem.size()) != stem) return Case::kUnknown;
  const std::string_view ending = lower.substr(stem.size());
  if (ending == "а" || ending == "я") return Case::kGen;
  if (ending == "у" || ending == "ю") return Case::kDat;
  if (ending == "ом" || ending == "ем" || ending == "ём") return Case::kIns;
  if (ending == "е") return Case::kPrep;
  return Case::kUnknown;
}

std::string NominativeSurname(std::string_view surface, Gender gender, Case first_name_case,
                              bool* by_agreement) {
  // The same surnames come back article after article, and the rules above
  // cost a FoldName and a few UTF-32 round trips per call.
  thread_local std::unordered_map<std::string, std::pair<std::string, bool>> cache;
  std::string key{static_cast<char>('0' + static_cast<int>(gender)),
                  static_cast<char>('0' + static_cast<int>(first_name_case))};
  key.append(surface);
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() > 100000) cache.clear();
    bool agreed = false;
    std::string name = ComputeNominativeSurname(surface, gender, first_name_case, &agreed);
    it = cache.emplace(std::move(key), std::make_pair(std::move(name), agreed)).first;
  }
  if (by_agreement != nullptr) *by_agreement = it->second.second;
  return it->second.first;
}

}  // namespace pressa::entities

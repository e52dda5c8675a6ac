// The extraction lexicon: head nouns, titles, verbs and gazetteers. The big
// lists are data files compiled in (indexer/entities/*.tsv); the short
// closed-class lists live here, next to the rules that use them.
#include "indexer/entities/entity_lexicon.h"

#include <string_view>

#include "stemmers/entity_names.h"
#include "stemmers/entity_text.h"

namespace pressa {
namespace embedded {
// Generated from indexer/entities/*.tsv (stemmers/entity_embed.cmake).
extern const char kPlacesTsv[];
extern const char kOrgsTsv[];
extern const char kFirstNamesTsv[];
extern const char kMinedTsv[];
}  // namespace embedded

namespace entities {

namespace {

struct HeadSpec {
  const char* nominative;
  Gender gender;
  bool strong;
  bool place;
};

const HeadSpec kHeads[] = {
    {"центр", Gender::kMasc, false, false}, {"фонд", Gender::kMasc, false, false},
    {"банк", Gender::kMasc, false, false}, {"комитет", Gender::kMasc, true, false},
    {"союз", Gender::kMasc, false, false}, {"завод", Gender::kMasc, false, false},
    {"университет", Gender::kMasc, false, false}, {"институт", Gender::kMasc, false, false},
    {"суд", Gender::kMasc, true, false}, {"совет", Gender::kMasc, false, false},
    {"департамент", Gender::kMasc, true, false}, {"филиал", Gender::kMasc, false, false},
    {"клуб", Gender::kMasc, false, false}, {"концерн", Gender::kMasc, false, false},
    {"холдинг", Gender::kMasc, false, false}, {"комбинат", Gender::kMasc, false, false},
    {"альянс", Gender::kMasc, false, false}, {"парламент", Gender::kMasc, true, false},
    {"штаб", Gender::kMasc, false, false}, {"театр", Gender::kMasc, false, false},
    {"музей", Gender::kMasc, false, false}, {"колледж", Gender::kMasc, false, false},
    {"лицей", Gender::kMasc, false, false}, {"техникум", Gender::kMasc, false, false},
    {"трест", Gender::kMasc, false, false}, {"машзавод", Gender::kMasc, false, false},
    {"автозавод", Gender::kMasc, false, false}, {"льнокомбинат", Gender::kMasc, false, false},
    {"секретариат", Gender::kMasc, false, false}, {"конгресс", Gender::kMasc, true, false},
    {"сенат", Gender::kMasc, true, false}, {"профсоюз", Gender::kMasc, false, false},
    {"кабинет", Gender::kMasc, false, false}, {"консорциум", Gender::kMasc, false, false},
    {"технопарк", Gender::kMasc, false, false}, {"госуниверситет", Gender::kMasc, false, false},
    {"главк", Gender::kMasc, true, false}, {"трибунал", Gender::kMasc, true, false},
    {"горсовет", Gender::kMasc, true, false}, {"облсовет", Gender::kMasc, true, false},
    {"служба", Gender::kFem, true, false}, {"компания", Gender::kFem, false, false},
    {"администрация", Gender::kFem, true, false}, {"дума", Gender::kFem, true, false},
    {"партия", Gender::kFem, false, false}, {"палата", Gender::kFem, false, false},
    {"академия", Gender::kFem, false, false}, {"корпорация", Gender::kFem, false, false},
    {"ассоциация", Gender::kFem, false, false}, {"федерация", Gender::kFem, false, false},
    {"организация", Gender::kFem, false, false}, {"инспекция", Gender::kFem, true, false},
    {"прокуратура", Gender::kFem, true, false}, {"полиция", Gender::kFem, true, false},
    {"гвардия", Gender::kFem, false, false}, {"школа", Gender::kFem, false, false},
    {"больница", Gender::kFem, false, false}, {"фабрика", Gender::kFem, false, false},
    {"биржа", Gender::kFem, false, false}, {"лига", Gender::kFem, false, false},
    {"комиссия", Gender::kFem, true, false}, {"коллегия", Gender::kFem, false, false},
    {"мэрия", Gender::kFem, true, false}, {"префектура", Gender::kFem, true, false},
    {"фракция", Gender::kFem, false, false}, {"гимназия", Gender::kFem, false, false},
    {"консерватория", Gender::kFem, false, false}, {"лаборатория", Gender::kFem, false, false},
    {"епархия", Gender::kFem, false, false}, {"церковь", Gender::kFem, false, false},
    {"рада", Gender::kFem, false, false}, {"ассамблея", Gender::kFem, false, false},
    {"редакция", Gender::kFem, false, false}, {"телекомпания", Gender::kFem, false, false},
    {"радиостанция", Gender::kFem, false, false}, {"авиакомпания", Gender::kFem, false, false},
    {"госкорпорация", Gender::kFem, false, false}, {"поликлиника", Gender::kFem, false, false},
    {"библиотека", Gender::kFem, false, false}, {"галерея", Gender::kFem, false, false},
    {"армия", Gender::kFem, false, false}, {"налоговая", Gender::kFem, false, false},
    {"правительство", Gender::kNeut, true, false}, {"министерство", Gender::kNeut, true, false},
    {"агентство", Gender::kNeut, true, false}, {"общество", Gender::kNeut, false, false},
    {"управление", Gender::kNeut, true, false}, {"объединение", Gender::kNeut, false, false},
    {"собрание", Gender::kNeut, false, false}, {"предприятие", Gender::kNeut, false, false},
    {"учреждение", Gender::kNeut, false, false}, {"ведомство", Gender::kNeut, false, false},
    {"представительство", Gender::kNeut, true, false},
    {"партнерство", Gender::kNeut, false, false}, {"товарищество", Gender::kNeut, false, false},
    {"издательство", Gender::kNeut, false, false}, {"казначейство", Gender::kNeut, true, false},
    {"консульство", Gender::kNeut, true, false}, {"посольство", Gender::kNeut, true, false},
    {"генконсульство", Gender::kNeut, true, false}, {"училище", Gender::kNeut, false, false},
    {"содружество", Gender::kNeut, false, false}, {"сообщество", Gender::kNeut, false, false},
    {"информагентство", Gender::kNeut, false, false},
    {"область", Gender::kFem, false, true}, {"край", Gender::kMasc, false, true},
    {"район", Gender::kMasc, false, true}, {"округ", Gender::kMasc, false, true},
    {"автономия", Gender::kFem, false, true},
};

const char* const kLegalForms[] = {
    "ООО", "ОАО", "АО", "ЗАО", "ПАО", "НАО", "АНО", "НКО", "ФГУП", "ГУП", "МУП", "ФГБУ",
    "ФГБОУ", "ФГАОУ", "ГБУ", "ГБОУ", "ГАУ", "МБУ", "МБОУ", "МАОУ", "МАУ", "ОГБУ", "ОГБОУ",
    "ОГАУ", "СОГБУ", "СОГКУ", "ИП", "ТОО", "НП", "ФКУ", "ГКУ", "МКУ", "ОДО", "ЧУП", "УП",
    "ЧТУП", "СП", "ТД", "ГК", "ПК", "КФХ", "СПК", "ФГКУ", "ФГБНУ", "ФБУ", "ФГУ", "ЧОУ", "ЧУ",
    "LLC", "Ltd", "Inc", "AG", "GmbH",
    // Kind prefixes that stay in the name: РИА «Новости», ФК «Тамбов».
    "РИА", "ИА", "ФК", "ХК", "ПФК", "МФК", "НИИ", "КБ", "ТРК", "АКБ",
};

const char* const kTitles[] = {
    "губернатор", "президент", "премьер", "премьер-министр", "министр", "замминистра",
    "глава", "директор", "гендиректор", "мэр", "депутат", "сенатор", "спикер",
    "председатель", "зампред", "замглавы", "заместитель", "генсек", "посол", "госсекретарь",
    "канцлер", "король", "королева", "принц", "принцесса", "патриарх", "митрополит",
    "епископ", "актер", "актриса", "певец", "певица", "писатель", "поэт", "художник",
    "режиссер", "тренер", "футболист", "хоккеист", "теннисист", "теннисистка", "игрок",
    "нападающий", "защитник", "вратарь", "полузащитник", "чемпион", "чемпионка",
    "журналист", "журналистка", "корреспондент", "эксперт", "аналитик", "политолог",
    "экономист", "адвокат", "прокурор", "судья", "следователь", "генерал", "полковник",
    "майор", "капитан", "лейтенант", "сержант", "адмирал", "маршал", "командующий",
    "лидер", "основатель", "руководитель", "начальник", "бизнесмен", "предприниматель",
    "миллиардер", "олигарх", "профессор", "академик", "ученый", "врач", "ректор", "декан",
    "пресс-секретарь", "представитель", "экс-президент", "вице-президент", "вице-премьер",
    "вице-губернатор", "врио", "экс-министр", "советник", "помощник", "омбудсмен",
    "главнокомандующий", "конгрессмен", "кандидат", "супруга", "жена", "муж", "сын",
    "дочь", "брат", "сестра", "отец", "мать", "господин", "госпожа", "мистер", "миссис",
    "сопредседатель", "секретарь", "солист", "солистка", "вокалист", "гитарист",
    "композитор", "продюсер", "блогер", "активист", "правозащитник", "министра",
    "председателя", "губернатора", "сенатора", "премьера", "спортсмен", "спортсменка",
    "боксер", "гонщик", "пилот", "космонавт", "астронавт", "священник", "protagonist",
    "атаман", "глава", "главе", "зам", "экс-глава", "экс-губернатор", "мэра", "автор",
    "историк", "философ", "социолог", "исследователь", "инженер", "конструктор",
};

const char* const kSpeechVerbs[] = {
    "заявил", "заявила", "сказал", "сказала", "отметил", "отметила", "подчеркнул",
    "подчеркнула", "сообщил", "сообщила", "добавил", "добавила", "пояснил", "пояснила",
    "рассказал", "рассказала", "написал", "написала", "считает", "уверен", "уверена",
    "отмечает", "говорит", "заявляет", "признался", "призналась", "признал", "признала",
    "уточнил", "уточнила", "подытожил", "подытожила", "напомнил", "напомнила", "ответил",
    "ответила", "объяснил", "объяснила", "заметил", "заметила", "выразил", "выразила",
    "призвал", "призвала", "предложил", "предложила", "встретился", "встретилась", "провел",
    "провёл", "провела", "подписал", "подписала", "поблагодарил", "поблагодарила",
    "поручил", "поручила", "посетил", "посетила", "прокомментировал", "прокомментировала",
    "пишет", "заверил", "заверила", "указал", "указала", "полагает", "сообщает", "добавляет",
    "подчеркивает", "отмечал", "говорил", "говорила", "заявлял", "сообщил", "обратился",
    "обратилась", "поздравил", "поздравила", "вручил", "вручила", "родился", "родилась",
    "умер", "умерла", "скончался", "скончалась", "стал", "стала", "возглавил", "возглавила",
    "назначил", "назначила", "покинул", "покинула", "победил", "победила", "выиграл",
    "выиграла", "проиграл", "проиграла", "получил", "получила", "принял", "приняла",
    "подал", "подала", "опроверг", "опровергла", "раскритиковал", "раскритиковала",
    "пообещал", "пообещала", "отказался", "отказалась", "согласился", "согласилась",
};

const char* const kStopAcronyms[] = {
    "ВВП", "СМИ", "НДС", "ДТП", "ЧС", "МСП", "ИП", "НИОКР", "ЖКХ", "ЖКУ", "IT", "ИТ", "ТВ",
    "ЕГЭ", "ОГЭ", "ВУЗ", "АЭС", "ГЭС", "ТЭЦ", "ТЦ", "ТРЦ", "ПМЖ", "ОМС", "ДМС", "НДФЛ",
    "ФЗ", "КоАП", "УК", "ГК", "СВО", "ВОВ", "МКС", "ПВО", "НЛО", "ВИЧ", "СПИД", "ОРВИ",
    "COVID", "ПЦР", "ДНК", "РНК", "МРОТ", "ИЖС", "СНТ", "ТСЖ", "КПД", "USD", "EUR", "ЗОЖ",
    "АПК", "ТЭК", "ОПК", "ГТО", "ЕГРЮЛ", "ИНН", "ОГРН", "КПП", "МО", "ГО", "ЧП", "PR",
    "CEO", "VIP", "SMS", "GPS", "HR", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI",
    "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "OK", "ОК", "TV",
    "PC", "DVD", "CD", "USB", "NB", "PS", "ГМО", "ЛЭП", "АЗС", "БПЛА", "РСЗО", "ЗРК", "ТБО",
    "ТКО", "ЖБИ", "ООПТ", "ФИО", "ЧМ", "ОИ", "МБ", "ГБ", "КБ", "ИИ", "AI", "ЛПУ", "ФАП",
    "ДК", "ДШИ", "ДЮСШ", "ОДН", "ЦРБ", "НИИ", "ИТ-", "ЦФО", "ТОП", "ТОР", "ОЭЗ", "СЭЗ",
    "НПА", "ГОСТ", "ЕЭП", "МСФО", "ИТАР", "ДОТ", "ДПС", "СМС", "ОВЗ", "ДНР", "ЛНР",
    "ФК", "ХК", "ПО", "СИЗО", "СНВ", "TOP", "ЧМ", "ЧЕ", "ОИ", "НХЛ", "ВТ", "ЕГЭ", "США",
    // Technologies, weapons, treaties, time zones and marks the press corpus
    // wrote in capitals and the acronym rule took for bodies (VPN in every
    // BBC post's footer).
    "VPN", "PDT", "PST", "UPD", "UK", "RU", "ICO", "MMA", "ММА", "THAAD", "ПРО", "СПГ", "БЛА",
    "ПДД", "ПКР", "ЖК", "ХХ", "МБР", "ОФЗ", "БМП", "ОСАГО", "ПЗРК", "РЛС", "ТЭС", "РЭБ",
    "ГТС", "РСМД", "ДРСМД", "СВПД", "ВПК",
};

const char* const kQuoteOrgWords[] = {
    "компания", "завод", "фирма", "газета", "журнал", "банк", "холдинг", "концерн",
    "агентство", "издание", "издательство", "партия", "движение", "фонд", "клуб", "центр",
    "группа", "телеканал", "канал", "радиостанция", "радио", "организация", "объединение",
    "предприятие", "комбинат", "фабрика", "команда", "фк", "хк", "театр", "корпорация",
    "общество", "ассоциация", "союз", "сеть", "университет", "институт", "академия",
    "колледж", "студия", "ансамбль", "коллектив", "оркестр", "хор", "оператор",
    "перевозчик", "авиакомпания", "автоконцерн", "производитель", "ритейлер", "застройщик",
    "девелопер", "кооператив", "служба", "бюро", "портал", "информагентство", "телекомпания",
    "трк", "госкорпорация", "агрохолдинг", "предприятие", "фабрика", "машзавод", "ооо",
    "оао", "зао", "пао", "ао", "ано", "мup", "гуп", "муп", "фгуп", "ип", "ск", "мфц", "нко",
    "издательский", "медиахолдинг", "кинокомпания", "лейбл", "учреждение", "организация",
    "федерация", "лига", "дом", "торговый", "ведомство", "сайт",
};

// Capitalised words that are never a surname even where the person rules
// would take one (a title at the start of a sentence, months, pronouns).
const char* const kNotNames[] = {
    "губернатор", "президент", "министр", "глава", "директор", "мэр", "депутат", "он",
    "она", "они", "мы", "вы", "я", "это", "этот", "эта", "все", "так", "также", "кроме",
    "однако", "но", "и", "а", "в", "на", "по", "при", "для", "как", "что", "если", "когда",
    "после", "перед", "между", "сегодня", "вчера", "завтра", "январь", "февраль", "март",
    "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
    "бог", "господь", "интернет", "премьер", "председатель", "его", "ее", "их", "там",
    "здесь", "тогда", "сейчас", "теперь", "ранее", "позже", "впрочем", "между",
    "уже", "еще", "лишь", "только", "даже", "именно", "кстати", "напомним", "итак",
    "поэтому", "потому", "причем", "зато", "хотя", "пока", "вместе", "согласно",
};

std::string Upper(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    entity_text::AppendUtf8(entity_text::Upper(entity_text::DecodeUtf8(s, &i)), &out);
  }
  return out;
}

template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    fn(line);
  }
}

void AddName(Lexicon* lex, Entity::Type type, std::string_view name) {
  std::string key = EntityKey(name);
  if (key.empty()) return;
  // The first entry for a key wins: places come before organizations.
  lex->names.emplace(key, GazetteerEntry{type, std::string(name), 1});
}

Lexicon* Build() {
  auto* lex = new Lexicon;
  for (const HeadSpec& h : kHeads) {
    HeadNoun head{h.nominative, h.gender, h.strong, h.place};
    for (const std::string& form : NounForms(h.nominative, h.gender)) {
      lex->heads.emplace(form, head);
      if (form.size() >= 2) lex->head_hint.set(Lexicon::HintOf(form));
      // ё-free spelling too (FoldName folds ё→е in the text).
    }
  }
  // Adjective-declined heads: сборная (России), налоговая.
  for (const char* form : {"сборная", "сборной", "сборную", "сборною"}) {
    lex->heads.emplace(form, HeadNoun{"сборная", Gender::kFem, true, false});
    lex->head_hint.set(Lexicon::HintOf(form));
  }
  for (const char* f : kLegalForms) lex->legal_forms.insert(f);
  for (const char* t : kTitles) lex->person_titles.insert(EntityKey(t));
  for (const char* v : kSpeechVerbs) lex->speech_verbs.insert(entity_text::FoldName(v));
  for (const char* a : kStopAcronyms) lex->stop_acronyms.insert(entity_text::FoldName(a));
  for (const char* w : kQuoteOrgWords) lex->quote_org_words.insert(EntityKey(w));
  for (const char* w : kNotNames) lex->not_names.insert(w);

  ForEachLine(embedded::kFirstNamesTsv, [&](std::string_view line) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return;
    std::string nom(line.substr(0, tab));
    Gender g = line.substr(tab + 1) == "f" ? Gender::kFem : Gender::kMasc;
    const std::string lower = entity_text::FoldName(nom);
    static const char* const kAmbiguous[] = {"вера", "надежда", "любовь", "роман", "лев",
                                             "слава", "марк", "ян", "лука", "ева", "роза",
                                             "том", "пол", "ким", "али", "жан", "мира"};
    bool ambiguous = false;
    for (const char* a : kAmbiguous) ambiguous |= lower == a;
    for (const std::string& form : NounForms(lower, g)) {
      auto& readings = lex->first_names[form];
      bool dup = false;
      for (const FirstName& r : readings) dup |= r.nominative == nom;
      if (!dup) readings.push_back(FirstName{nom, g, ambiguous});
    }
  });
  ForEachLine(embedded::kPlacesTsv,
              [&](std::string_view line) { AddName(lex, Entity::Type::kPlace, line); });
  ForEachLine(embedded::kOrgsTsv,
              [&](std::string_view line) { AddName(lex, Entity::Type::kOrg, line); });
  // Mined lists (bench/ner/mine_gazetteers.py).
  ForEachLine(embedded::kMinedTsv, [&](std::string_view line) {
    std::vector<std::string_view> f;
    while (true) {
      size_t tab = line.find('\t');
      f.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    if (f.size() < 2) return;
    if (f[0] == "place" || f[0] == "org") {
      Entity::Type type = f[0] == "place" ? Entity::Type::kPlace : Entity::Type::kOrg;
      std::string key = EntityKey(f[1]);
      if (key.empty()) return;
      const GazetteerEntry* known = lex->names.Find(key);
      GazetteerEntry entry = known != nullptr ? *known : GazetteerEntry{type, std::string(f[1]), 1};
      if (entry.type != type) return;
      for (size_t k = 1; k < f.size(); ++k) {
        if (f[k].find(' ') == std::string_view::npos) {
          // A head noun alone (Федерации, Республики) names nothing by itself.
          std::string lower = entity_text::FoldName(f[k]);
          if (lex->Head(lower)) continue;
          lex->forms.emplace(lower, entry);
        } else {
          std::string sk = EntityKey(f[k]);
          lex->names.emplace(sk, entry);
        }
      }
    } else if (f[0] == "first" && f.size() >= 3) {
      const std::string lower = entity_text::FoldName(f[1]);
      const Gender g = f[2] == "f" ? Gender::kFem : Gender::kMasc;
      // The mined surface may be inflected; generate forms only from a
      // consonant-final masculine name (Бенедикт → Бенедикта), where that is safe.
      std::vector<std::string> forms{lower};
      if (g == Gender::kMasc && !LooksLikeAdjective(lower)) forms = NounForms(lower, g);
      for (const std::string& form : forms) {
        auto& readings = lex->first_names[form];
        if (readings.empty()) readings.push_back(FirstName{std::string(f[1]), g, false});
      }
    } else if (f[0] == "surname") {
      lex->known_surnames.insert(entity_text::FoldName(f[1]));
      lex->known_surname_keys.insert(EntityKey(f[1]));
    }
  });
  (void)Upper;
  return lex;
}

}  // namespace

const Lexicon& Lexicon::Get() {
  static const Lexicon* lexicon = Build();
  return *lexicon;
}

}  // namespace entities
}  // namespace pressa

// Russian inflection rules for entity normal forms: nominative of adjectives,
// head nouns, first names, patronymics and surnames, without a dictionary.
#ifndef PRESSA_INDEXER_ENTITIES_ENTITY_MORPH_H_
#define PRESSA_INDEXER_ENTITIES_ENTITY_MORPH_H_

#include <string>
#include <string_view>
#include <vector>

namespace pressa::entities {

enum class Gender { kMasc, kFem, kNeut, kUnknown };

// The singular case forms (lower case, nominative first) of a noun given in
// the nominative: hard and soft masculine, -а/-я/-ия/-ь feminine, -о/-е/-ие
// neuter. Used to recognise head nouns and first names in any case.
std::vector<std::string> NounForms(const std::string& nominative, Gender gender);

// True if the lower-case word looks like an adjective (full-form ending).
bool LooksLikeAdjective(std::string_view lower);

// The nominative singular of an adjective agreeing with a head noun of
// `gender`, keeping the capitalisation of `surface`: "Смоленской" + kFem →
// "Смоленская", "Российского" + kMasc → "Российский". Returns surface if no
// adjective ending is found.
std::string NominativeAdjective(std::string_view surface, Gender gender);

// "Викторовны" → "Викторовна", "Николаевича" → "Николаевич"; surface if not a
// patronymic form. *gender is set from the ending.
bool IsPatronymic(std::string_view lower);
std::string NominativePatronymic(std::string_view surface, Gender* gender);

// The case a man's first name is written in, from its ending against its
// nominative (a name that declines: ends in a consonant, й or ь): "Сергея"
// of "Сергей" is kGen, "Бараку" kDat, "Рафаэлем" kIns, "Бараке" kPrep.
enum class Case { kUnknown, kNom, kGen, kDat, kIns, kPrep };
Case MasculineNameCase(std::string_view lower, std::string_view nominative_lower);

// The nominative of a surname for a person of `gender` (kUnknown: guessed
// from the ending): "Анохина" + kMasc → "Анохин", "Лавровой" + kFem →
// "Лаврова", "Субботиным" → "Субботин", "Обамы" → "Обама". A man's surname
// beside his first name is in the first name's case (`first_name_case`),
// which tells its declension where the ending alone does not: "Бараку
// Обаме" → "Обама" (a dative in -е), "Сергея Шойгу" → "Шойгу" (no genitive
// ends in -у: it does not decline), "Рафаэлем Надалем" → "Надаль".
// *by_agreement (if given) says whether the first name's case decided it.
std::string NominativeSurname(std::string_view surface, Gender gender,
                              Case first_name_case = Case::kUnknown,
                              bool* by_agreement = nullptr);

// Re-capitalises the first letter of a lower-case word like `model`.
std::string CapitalizeLike(std::string_view lower, std::string_view model);

}  // namespace pressa::entities

#endif  // PRESSA_INDEXER_ENTITIES_ENTITY_MORPH_H_

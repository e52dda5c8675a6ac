// The Russian stopword list: function words that carry no meaning for news search.
//
// Based on the Snowball Russian stop list, in normalized form (ё folded to е,
// so "её", "всё", "ещё" appear as "ее", "все", "еще"). Left out on purpose,
// although Snowball has them: numerals ("один", "два", "три"), "раз", and
// content-bearing adverbs ("хорошо", "лучше", "больше", "много", "можно",
// "нельзя", "сейчас", "всегда", "никогда", "конечно"...), because news queries
// use them ("три года", "больше денег"). Added: forms of "этот", "который",
// "свой", "наш", "ваш", the short prepositions' variants (ко, обо, ото, изо)
// and the compound prepositions "из-за", "из-под".
#include "stemmers/stopwords.h"

#include <array>
#include <string_view>
#include <unordered_set>

namespace pressa::stopwords {
namespace {

using namespace std::string_view_literals;

constexpr std::array kWords = {
    // Prepositions.
    "в"sv, "во"sv, "на"sv, "с"sv, "со"sv, "к"sv, "ко"sv, "у"sv, "о"sv, "об"sv,
    "обо"sv, "от"sv, "ото"sv, "из"sv, "изо"sv, "за"sv, "по"sv, "под"sv,
    "подо"sv, "над"sv, "надо"sv, "при"sv, "про"sv, "для"sv, "до"sv, "без"sv,
    "через"sv, "перед"sv, "передо"sv, "между"sv, "после"sv, "из-за"sv,
    "из-под"sv,
    // Conjunctions.
    "и"sv, "а"sv, "но"sv, "или"sv, "либо"sv, "да"sv, "что"sv, "чтобы"sv,
    "чтоб"sv, "если"sv, "как"sv, "когда"sv, "так"sv, "то"sv, "тоже"sv,
    "также"sv, "хотя"sv, "хоть"sv, "будто"sv, "ибо"sv, "зато"sv, "однако"sv,
    "чем"sv, "потому"sv, "поэтому"sv,
    // Particles and function adverbs.
    "не"sv, "ни"sv, "нет"sv, "же"sv, "ж"sv, "бы"sv, "б"sv, "ли"sv, "ль"sv,
    "ведь"sv, "вот"sv, "вон"sv, "уже"sv, "уж"sv, "еще"sv, "даже"sv, "ну"sv,
    "лишь"sv, "только"sv, "разве"sv, "нибудь"sv, "либо"sv, "тут"sv, "там"sv,
    "здесь"sv, "где"sv, "куда"sv, "зачем"sv, "тогда"sv, "теперь"sv, "потом"sv,
    "опять"sv, "вдруг"sv, "почти"sv, "совсем"sv, "впрочем"sv, "наконец"sv,
    "чуть"sv,
    // Personal and reflexive pronouns.
    "я"sv, "меня"sv, "мне"sv, "мной"sv, "мною"sv, "ты"sv, "тебя"sv, "тебе"sv,
    "тобой"sv, "тобою"sv, "он"sv, "его"sv, "него"sv, "ему"sv, "нему"sv,
    "им"sv, "ним"sv, "нем"sv, "она"sv, "ее"sv, "нее"sv, "ей"sv, "ней"sv,
    "ею"sv, "нею"sv, "оно"sv, "мы"sv, "нас"sv, "нам"sv, "нами"sv, "вы"sv,
    "вас"sv, "вам"sv, "вами"sv, "они"sv, "их"sv, "них"sv, "ими"sv, "ними"sv,
    "себя"sv, "себе"sv, "собой"sv, "собою"sv,
    // Possessive pronouns.
    "мой"sv, "моя"sv, "мое"sv, "мои"sv, "моего"sv, "моей"sv, "моих"sv,
    "твой"sv, "твоя"sv, "твое"sv, "твои"sv, "свой"sv, "своя"sv, "свое"sv,
    "свои"sv, "своего"sv, "своей"sv, "своему"sv, "своим"sv, "своих"sv,
    "свою"sv, "своими"sv, "наш"sv, "наша"sv, "наше"sv, "наши"sv, "нашего"sv,
    "нашей"sv, "наших"sv, "ваш"sv, "ваша"sv, "ваше"sv, "ваши"sv,
    // Demonstrative, relative, interrogative and defining pronouns.
    "этот"sv, "эта"sv, "это"sv, "эти"sv, "этого"sv, "этой"sv, "этому"sv,
    "этим"sv, "этом"sv, "этих"sv, "эту"sv, "этими"sv, "тот"sv, "та"sv,
    "те"sv, "того"sv, "той"sv, "тому"sv, "тем"sv, "том"sv, "ту"sv, "тех"sv,
    "теми"sv, "такой"sv, "такая"sv, "такое"sv, "такие"sv, "кто"sv, "кого"sv,
    "кому"sv, "кем"sv, "ком"sv, "чего"sv, "чему"sv, "какой"sv,
    "какая"sv, "какое"sv, "какие"sv, "который"sv, "которая"sv, "которое"sv,
    "которые"sv, "которого"sv, "которой"sv, "которому"sv, "которым"sv,
    "котором"sv, "которую"sv, "которых"sv, "которыми"sv, "весь"sv, "вся"sv,
    "все"sv, "всего"sv, "всей"sv, "всем"sv, "всех"sv, "всю"sv, "всеми"sv,
    "сам"sv, "сама"sv, "само"sv, "сами"sv, "самого"sv, "самой"sv,
    "ничего"sv,
    // Forms of "быть".
    "быть"sv, "был"sv, "была"sv, "было"sv, "были"sv, "будет"sv, "будут"sv,
    "есть"sv,
};

// A hash set: analysis asks about every word, and this measured faster than
// a binary search over the sorted list.
const std::unordered_set<std::string_view>& Table() {
  static const std::unordered_set<std::string_view> table(kWords.begin(),
                                                          kWords.end());
  return table;
}

constexpr size_t LongestWord() {
  size_t longest = 0;
  for (std::string_view w : kWords) longest = w.size() > longest ? w.size() : longest;
  return longest;
}

}  // namespace

bool Contains(std::string_view norm_word) {
  if (norm_word.empty() || norm_word.size() > LongestWord()) return false;
  return Table().count(norm_word) != 0;
}

size_t Size() { return Table().size(); }

}  // namespace pressa::stopwords

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
#include <cstdint>
#include <string_view>

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

constexpr size_t LongestWord() {
  size_t longest = 0;
  for (std::string_view w : kWords) longest = w.size() > longest ? w.size() : longest;
  return longest;
}

// Open addressing on a small table, at most a quarter full: analysis asks
// about every word, and most words miss at their first empty slot after one
// multiply-and-shift hash, where an unordered_set hashes the whole word,
// divides by a prime and follows bucket pointers.
constexpr size_t kTableSize = 1024;
static_assert(kTableSize >= 4 * kWords.size(), "keep the table sparse");

constexpr size_t kLongest = LongestWord();

// The length and the second bytes of the first, last and next-to-last
// letters: in UTF-8 Cyrillic the first byte of a letter is almost always
// 0xD0 or 0xD1, the second tells the letters apart.
inline size_t Slot(std::string_view w) {
  const auto* b = reinterpret_cast<const unsigned char*>(w.data());
  const size_t n = w.size();
  uint32_t key = static_cast<uint32_t>(n) | b[n > 1 ? 1 : 0] << 8 | b[n - 1] << 16 |
                 static_cast<uint32_t>(b[n > 3 ? n - 3 : 0]) << 24;
  return (key * 0x9E3779B1u) >> 22;  // the top 10 bits: kTableSize slots
}

struct Table {
  std::string_view slots[kTableSize];
  size_t size = 0;
  Table() {
    for (std::string_view w : kWords) {
      size_t at = Slot(w);
      while (!slots[at].empty() && slots[at] != w) at = (at + 1) % kTableSize;
      if (slots[at].empty()) ++size;
      slots[at] = w;
    }
  }
};

const Table& TheTable() {
  static const Table table;
  return table;
}

}  // namespace

bool Contains(std::string_view norm_word) {
  if (norm_word.empty() || norm_word.size() > kLongest) return false;
  const Table& table = TheTable();
  for (size_t at = Slot(norm_word);; at = (at + 1) % kTableSize) {
    if (table.slots[at].empty()) return false;
    if (table.slots[at] == norm_word) return true;
  }
}

size_t Size() { return TheTable().size; }

}  // namespace pressa::stopwords

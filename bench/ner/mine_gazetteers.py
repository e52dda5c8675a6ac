#!/usr/bin/env python3
"""Rebuilds indexer/entities/entity_mined.tsv from the TUNING part of the gold
sets (NEREL train, factRuEval dev minus every 5th book): the names annotated
there become gazetteer entries (places, organizations), first names and
surnames. The held-out part (NEREL dev, every 5th factRuEval book) is never
read, so bench/ner/score.py's held-out figures stay honest.

Usage: bench/ner/mine_gazetteers.py [--gold ../shared/gold] [--out FILE]
Licences: NEREL is CC BY 2.5, factRuEval-2016 MIT (see their LICENSE files).
"""
import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

PREPOSITIONS = {"в", "во", "на", "по", "с", "со", "из", "к", "у", "о", "об", "от", "до", "за",
                "под", "над", "при", "для", "и", "а", "но", "что", "как", "это"}
TOKEN = re.compile(r"[\w][\w'’-]*")


ENDING = re.compile(r"(ами|ями|ах|ях|ой|ей|ом|ем|ью|ов|ев|ым|им|а|я|ы|и|е|у|ю)$")


def crude_key(surface):
    """Groups inflected forms of one name: each word without its case ending."""
    return " ".join(ENDING.sub("", w) for w in surface.lower().split())


# Noun paradigms for a name's head word: (nominative ending, the endings of
# its other cases, gender, preference when the forms seen fit several).
NOUN_PARADIGMS = [
    ("ия", ("ии", "ию", "ией", "иею"), "f", 8),
    ("", ("а", "у", "ом", "ем", "е"), "m", 7),
    ("ий", ("ия", "ию", "ием", "ии"), "m", 6),
    ("й", ("я", "ю", "ем", "е"), "m", 6),
    ("а", ("ы", "и", "е", "у", "ой", "ей", "ою"), "f", 5),
    ("ь", ("и", "ью"), "f", 4),
    ("я", ("и", "е", "ю", "ей", "ёй", "ею"), "f", 3),
    ("ь", ("я", "ю", "ем", "ём", "е"), "m", 2),
    ("о", ("а", "у", "ом", "е"), "n", 1),
    ("ье", ("ья", "ью", "ьем"), "n", 1),
    ("ие", ("ия", "ию", "ием", "ии"), "n", 1),
    ("ы", ("", "ов", "ам", "ами", "ах"), "p", 0),
    ("и", ("", "ов", "ей", "ам", "ям", "ами", "ями", "ах", "ях"), "p", 0),
]
VOWELS = set("аеёиоуыэюя")
SOFT_OR_VOWEL = VOWELS | set("ьй")
VELAR_SIBILANT = set("кгхжшчщ")
SIBILANT_C = set("жшчщц")
# One form alone names its nominative only by an ending few nominatives have
# (в Тусоне, в Альпах); Баку, Сочи, Анапа, Абакана, Газпром could be either.
OBLIQUE_ONLY = ("е", "ью", "ах", "ях", "ии")
ADJ_NOMINATIVE = {"m": ("ый", "ий", "ой"), "f": ("ая", "яя"), "n": ("ое", "ее"),
                  "p": ("ые", "ие")}
# What an adjective's ending says of its noun's gender (several for an
# oblique case most genders share), and whether it is a nominative.
ADJ_NOMINATIVE_ENDINGS = ("ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие")
ADJ_GENDERS = (("ыми", "p"), ("ими", "p"), ("ого", "mn"), ("его", "mn"), ("ому", "mn"),
               ("ему", "mn"), ("ая", "f"), ("яя", "f"), ("ую", "f"), ("юю", "f"), ("ое", "n"),
               ("ее", "n"), ("ые", "p"), ("ие", "p"), ("ых", "p"), ("их", "p"), ("ый", "m"),
               ("ий", "m"), ("ом", "mn"), ("ем", "mn"), ("ым", "mn"), ("им", "mn"),
               ("ой", "f"), ("ей", "f"), ("ою", "f"))
ADJ_ENDINGS = ("ого", "его", "ому", "ему", "ыми", "ими", "ый", "ий", "ой", "ая", "яя", "ое",
               "ее", "ые", "ие", "ым", "им", "ом", "ем", "ую", "юю", "ей", "ых", "их", "ою")
# Stems whose masculine nominative is stressed -ой (the stems of
# entity_morph.cc's StressedOy, here whole): Большой, Донской, Морской.
STRESSED_OY = ("городск", "морск", "донск", "мужск", "женск", "миров", "делов", "больш",
               "молод", "прав", "втор", "золот", "стальн", "лесн", "полев", "передов", "боев",
               "трудов", "рабоч", "стенн", "областн", "окружн")
SOFT_ADJ = ("его", "ему", "ее", "яя", "юю", "ими", "ей")


def fits(stem, nom_ending, ending):
    """Whether stem + ending spells a form of the paradigm (Russian spelling:
    -ы never after к, г, х, ж, ш, ч, щ, -и after other consonants only in the
    soft paradigms; -ем for -ом only after ж, ш, ч, щ, ц)."""
    if len(stem) < 2:
        return False
    last = stem[-1]
    if nom_ending in ("", "а", "о", "ы", "ь") and last in SOFT_OR_VOWEL:
        return False
    if nom_ending != "о" and stem.endswith("ств"):  # государство, министерство
        return False
    if nom_ending == "й" and last == "и":  # собрания is собрание's, not собраний's
        return False
    if nom_ending == "я" and last == "ь":  # Скопье is no Скопья
        return False
    if nom_ending == "ий" and stem.endswith(("ен", "ан")):  # движение, командование
        return False
    if nom_ending == "а" and ending in ("ей", "ой") and (ending == "ей") != (last in SIBILANT_C):
        return False
    if nom_ending == "й" and last not in VOWELS:
        return False
    if nom_ending in ("а", "ы") and ending == "ы" and last in VELAR_SIBILANT:
        return False
    if nom_ending == "а" and ending == "и" and last not in VELAR_SIBILANT:
        return False
    if nom_ending == "" and ending == "ем" and last not in SIBILANT_C:
        return False
    if nom_ending == "" and ending == "ом" and last in SIBILANT_C:
        return False
    return True


def feminine_stem_bonus(stem, nom_ending):
    """Stems that end as feminine -а nouns mostly do, where one form (в Праге)
    fits a masculine reading as well: -к but not -ск (Америка, Лубянка),
    -г after a vowel but о (Прага, Гаага), -сс, -цц (Одесса, Ницца), -ав
    (Варшава, Полтава), -иц (Сребреница). It weighs only where the forms seen tie."""
    if nom_ending != "а":
        return 0
    if (stem.endswith("к") and not stem.endswith(("ск", "цк"))) or \
            stem.endswith(("сс", "цц", "ав", "иц")) or \
            (stem.endswith("г") and len(stem) > 1 and stem[-2] in VOWELS and stem[-2] != "о"):
        return 3
    return 0


# Head nouns the paradigms above cannot spell: a neuter in -е beside
# masculines in -ь (море), a vowel that drops (церковь, дворец).
IRREGULAR_HEADS = {"мор": ("море", "n"), "церкв": ("церковь", "f"), "дворц": ("дворец", "m"),
                   "войск": ("войска", "p"), "братья-мусульман": ("братья-мусульмане", "p")}
IRREGULAR_ENDINGS = ("ями", "ами", "ью", "ем", "ом", "ях", "ах", "ей", "ям", "ам", "е", "я",
                     "ю", "и", "у", "а", "")


def irregular_head(forms):
    for seen in sorted(forms, key=forms.get, reverse=True):
        for e in IRREGULAR_ENDINGS:
            if seen.endswith(e) and seen[:len(seen) - len(e)] in IRREGULAR_HEADS:
                return IRREGULAR_HEADS[seen[:len(seen) - len(e)]]
    return None


def head_nominative(forms, genders=None, oblique=False):
    """(nominative, gender) of a name's head word from its forms seen
    {lower: count}: the reading whose paradigm holds the most of them (two or
    more); from one form only when it is known to be oblique (`oblique`: its
    adjectives say so) or ends as no nominative does; else as seen. `genders`
    (letters m, f, n, p) limits the readings to what the adjectives allow."""
    top = max(forms, key=forms.get)
    irregular = irregular_head(forms)
    if irregular is not None:
        return irregular
    best = None
    for seen in forms:
        for nom_ending, obliques, g, pref in NOUN_PARADIGMS:
            if genders is not None and g not in genders:
                continue
            for e in (nom_ending,) + obliques:
                if not seen.endswith(e):
                    continue
                stem = seen[:len(seen) - len(e)]
                if not fits(stem, nom_ending, e):
                    continue
                if e == "" and e != nom_ending and any(x and seen.endswith(x) for x in obliques):
                    continue  # островов is остров-ов, not острововы
                paradigm = {stem + x for x in (nom_ending,) + obliques
                            if fits(stem, nom_ending, x)}
                explained = [f for f in forms if f in paradigm]
                nominative = stem + nom_ending
                # One form alone: the ending read off it must be an oblique
                # one, known so from the adjectives or by itself.
                if len(explained) < 2 and (
                        seen != top or e == nom_ending or len(stem) < 3 or
                        not (oblique or e in OBLIQUE_ONLY)):
                    continue
                score = (len(explained), sum(forms[f] for f in explained),
                         forms.get(nominative, 0), pref + feminine_stem_bonus(stem, nom_ending))
                if best is None or score > best[0]:
                    best = (score, nominative, g)
    if best is None:
        return top, noun_gender(top)
    return best[1], best[2]


def noun_gender(nominative):
    """A noun's gender by its nominative's ending (бюро: neuter)."""
    if nominative.endswith(("о", "е")):
        return "n"
    if nominative.endswith(("а", "я")):
        return "f"
    if nominative.endswith(("ы", "и")):
        return "p"
    return "m"


def adjective_nominative(forms, gender):
    """The nominative of an adjective agreeing with a head of `gender`: a form
    seen that is one, else made from the stem of the commonest form."""
    endings = ADJ_NOMINATIVE.get(gender, ())
    for seen in sorted(forms, key=forms.get, reverse=True):
        if endings and seen.endswith(endings):
            return seen
    seen = max(forms, key=forms.get)
    if gender not in ADJ_NOMINATIVE:
        return seen
    for e in ADJ_ENDINGS:
        if seen.endswith(e) and len(seen) - len(e) >= 3:
            stem = seen[:len(seen) - len(e)]
            hard, soft = ADJ_NOMINATIVE[gender][:2]
            if gender == "m" and stem in STRESSED_OY:
                return stem + "ой"
            if e in SOFT_ADJ or (stem[-1] in VELAR_SIBILANT and gender in ("m", "p")):
                return stem + soft
            return stem + hard
    return seen


def adjective_genders(forms):
    """The genders an adjective's commonest form allows its noun (Южную: f;
    Вечного: m or n)."""
    seen = max(forms, key=forms.get)
    for e, g in ADJ_GENDERS:
        if seen.endswith(e):
            return g
    return None


def looks_adjective(word):
    """An adjective's form: an adjective ending, -ом and -ем only after the
    -н-, -ск-, -цк-, -ов-, -ев- of adjective suffixes (Южном, Московском; not
    судом, банком, Бирмингем), -ие not after н or т (управление)."""
    if len(word) < 5 or not word.endswith(ADJ_ENDINGS):
        return False
    if word.endswith(("ом", "ем")):
        return word[-3] == "н" or word[:-2].endswith(("ск", "цк", "ов", "ев"))
    if word.endswith(("ние", "тие")):
        return False
    return True


def cased_like(word, model):
    """`word` (lower case) with the letter case of `model` over their common
    start: Кореи -> корея -> Корея, Абу-Грэйв stays."""
    k = 0
    low = model.lower()
    while k < min(len(word), len(low)) and word[k] == low[k]:
        k += 1
    return model[:k] + word[k:]


NOMINATIVE_BAD_ENDINGS = ("ы", "е", "у", "и", "ой", "ом", "ем", "ою", "ей", "ью", "ым", "им")


def written_display_of(surfaces):
    """For names not in Cyrillic words (acronyms, Latin): the commonest
    surface without an oblique-case ending, else the commonest (СБ ООН, not
    СБУ ООН, which crude_key groups with it)."""
    ranked = [s for s, _ in surfaces.most_common()]
    for s in ranked:
        last = s.split()[-1].lower()
        if not last.endswith(NOMINATIVE_BAD_ENDINGS):
            return s
    return ranked[0]


# A word of a name in Cyrillic, capitalised or not, hyphenated parts too.
CYRILLIC_WORD = re.compile(r"[А-ЯЁа-яё][а-яё]*(-[А-ЯЁа-яё][а-яё]*)*")
# A relational adjective (Бельгийском, Американские).
RELATIONAL = re.compile(r"[сц]к(%s)$" % "|".join(ADJ_ENDINGS))


def display_of(surfaces):
    """The name's nominative, from the surfaces seen: the head word (the first
    that is not an adjective) in the reading its seen forms fit best, the
    adjectives before it agreeing with it, the words after it (a genitive
    complement: Мыс Доброй Надежды) as most often written. Names with a word
    not in Cyrillic lower case after its capital (USA, РФ) stay as written."""
    top = surfaces.most_common(1)[0][0]
    words = top.split()
    if any(not CYRILLIC_WORD.fullmatch(w) for w in words):
        return written_display_of(surfaces)
    # Other spellings (ДУМ beside Дума) are no case forms of it.
    surfaces = collections.Counter({x: n for x, n in surfaces.items()
                                    if all(CYRILLIC_WORD.fullmatch(w) for w in x.split())})
    lower = [w.lower() for w in words]
    # The head is the first word that is no adjective, or the last word; a
    # relational adjective alone (Бельгийском) is left as it is.
    head = next((i for i, w in enumerate(lower) if not looks_adjective(w)), len(words) - 1)
    if len(words) == 1 and all(RELATIONAL.search(x.lower()) for x in surfaces):
        return top
    # A surface whose adjectives are all nominatives is the name as written
    # (Красное море); -ой only before a head ending in a consonant (Большой
    # театр), being as often a feminine oblique case (Большой восьмёрки).
    if head > 0:
        for surface, _ in surfaces.most_common():
            ws = [w.lower() for w in surface.split()]
            if len(ws) != len(words):
                continue
            masculine = ws[head][-1] not in SOFT_OR_VOWEL
            if all(w.endswith(ADJ_NOMINATIVE_ENDINGS) or (masculine and w.endswith("ой"))
                   for w in ws[:head]):
                return surface
    same = [(s.split(), n) for s, n in surfaces.items() if len(s.split()) == len(words)]
    position_forms = []
    for i in range(head + 1):
        forms = collections.Counter()
        for ws, n in same:
            forms[ws[i].lower()] += n
        position_forms.append(forms)
    genders = adjective_genders(position_forms[0]) if head > 0 else None
    nominative, gender = head_nominative(position_forms[head], genders, oblique=head > 0)
    if genders and gender not in genders:
        gender = genders[0]
    out = [cased_like(adjective_nominative(position_forms[i], gender), words[i])
           for i in range(head)]
    out.append(cased_like(nominative, words[head]))
    out.extend(words[head + 1:])
    return " ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=os.path.join(score.ROOT, "..", "shared", "gold"))
    ap.add_argument("--out", default=os.path.join(score.ROOT, "indexer", "entities",
                                                  "entity_mined.tsv"))
    args = ap.parse_args()
    factru = os.path.join(args.gold, "factrueval-dev")
    nerel = os.path.join(args.gold, "nerel")
    if not os.path.isdir(factru) or not os.path.isdir(nerel):
        sys.exit("mine_gazetteers.py: gold sets not found under %s" % os.path.abspath(args.gold))
    docs = [d for d in score.load_factru(factru, "place") + score.load_nerel(nerel)
            if d["split"] == "tune"]
    lower_words = set()
    for d in docs:
        lower_words.update(w for w in TOKEN.findall(d["text"]) if w[:1].islower())

    names = {"place": collections.defaultdict(collections.Counter),
             "org": collections.defaultdict(collections.Counter)}
    type_votes = collections.defaultdict(collections.Counter)
    first = collections.defaultdict(collections.Counter)
    first_docs = collections.defaultdict(set)
    surnames = collections.Counter()
    for d in docs:
        text = d["text"]
        for t, s, e in d["gold"]:
            surface = " ".join(text[s:e].split()).strip(score.TRIM)
            toks = TOKEN.findall(surface)
            if not toks or not surface[:1].isupper() or len(toks) > 5:
                continue
            if t in ("place", "org"):
                words = surface.split()
                # A common word capitalised at a sentence start (Сегодня, Союз)
                # or a phrase opening with a preposition is not a name.
                if t == "org" and len(words) == 1 and surface.lower() in lower_words:
                    continue
                if words[0].lower() in PREPOSITIONS:
                    continue
                key = surface.lower()
                names[t][key][surface] += 1
                type_votes[key][t] += 1
            elif t == "person":
                if any(len(x) == 1 for x in toks):
                    toks = [x for x in toks if len(x) > 1]
                    if toks:
                        surnames[toks[-1]] += 1
                    continue
                if len(toks) >= 2:
                    first[toks[0].lower()][toks[0]] += 1
                    first_docs[toks[0].lower()].add(d["id"])
                    surnames[toks[-1]] += 1
                else:
                    surnames[toks[0]] += 1

    out = ["# Mined by bench/ner/mine_gazetteers.py from the tuning part of NEREL (CC BY 2.5)",
           "# and factRuEval-2016 (MIT); do not edit by hand, re-run the script.",
           "# place|org<TAB>display<TAB>other surfaces...  /  first<TAB>surface<TAB>m|f  /  surname<TAB>surface"]
    for t in ("place", "org"):
        groups = collections.defaultdict(collections.Counter)
        for key in names[t]:
            if type_votes[key].most_common(1)[0][0] != t:
                continue
            groups[crude_key(key)].update(names[t][key])
        for group in sorted(groups):
            surfaces = groups[group]
            display = display_of(surfaces)
            rest = sorted(x for x in surfaces if x != display)
            out.append("\t".join([t, display] + rest))
    first_lower = set()
    for key in sorted(first):
        if len(first_docs[key]) < 2 or key in lower_words:
            continue
        first_lower.add(key)
        surface = first[key].most_common(1)[0][0]
        gender = "f" if key.endswith(("а", "я")) else "m"
        out.append("first\t%s\t%s" % (surface, gender))
    for surface in sorted(surnames):
        if surface.lower() in first_lower or surface.lower() in lower_words:
            continue
        if not surface[:1].isupper() or surface.isupper():
            continue
        out.append("surname\t%s" % surface)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("mine_gazetteers.py: %d lines -> %s" % (len(out), args.out))


if __name__ == "__main__":
    main()

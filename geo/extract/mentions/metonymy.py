"""Metonymy: a place name that stands for a government or an actor ("Ankara a indiqué").

Such mentions are kept with ``metonymic=True`` so no event is placed there.
"""

from __future__ import annotations

import re

from geo.extract.mentions.cues import _DE, _DE_ENDS, _guarded, _has
from geo.extract.prefilter import guard

#: Endings (as for ``_DE_ENDS``) of a window that ``_METONYMIC_BEFORE`` can match.
_METONYMIC_ENDS = (*_DE_ENDS, "par", "avec", "entre", "selon", "apr\u00e8s", "apres", "contre")
#: One of these is in every window that ``_METONYMIC_BEFORE`` matches.
_METONYMIC_STEMS = (
    "gime", "troupes", "forces", "arm", "gouvernement", "pouvoir", "autorit", "bombardements", "raids", "frappes",
    "avions", "aviation", "offensive", "alli", "soutien", "diplomatie", "position", "cision", "veto", "porte-parole",
    "sidence", "minist", "ambassade", "parrain", "appui", "intervention", "missaire", "menaces", "protestations",
    "par", "avec", "entre", "aupr", "selon", "apr", "contre", "appel", "lendemain", "veille",
)

#: "les forces de X", "le régime de X": the nouns of an actor before a place.
_METONYMIC_NOUN = (
    rf"(?:r[ée]gime|troupes|forces|arm[ée]e|gouvernement|pouvoir|autorit[ée]s|bombardements|raids(?:\s+a[ée]riens)?|frappes|"
    rf"avions|aviation|offensive|alli[ée]s?|soutien|diplomatie|position|d[ée]cision|veto|porte-parole|"
    rf"pr[ée]sidence|ministère|ambassade|parrain|appui|intervention|[ée]missaire|menaces|protestations)\s+{_DE}$"
)
#: "soutenu par X", "selon X", "à l'appel de X": the prepositions of an actor before a place.
_METONYMIC_PREP = (
    r"(?:\bpar|\bavec|\bentre|\baupr[èe]s\s+de|\bselon|\bd['’]apr[èe]s|\bcontre|\bà\s+l['’]appel\s+de|lendemain\s+de|veille\s+de)\s+(?:la\s+|l['’])?$"
)
_METONYMIC_BEFORE = re.compile(f"{_METONYMIC_NOUN}|{_METONYMIC_PREP}", re.IGNORECASE)
#: The two halves of ``_METONYMIC_BEFORE``, each behind the literals its matches hold: a window matches the
#: whole pattern when it matches one of them, and the costly nouns are searched only where one is written.
_METONYMIC_HALVES = tuple(guard(re.compile(half, re.IGNORECASE)) for half in (_METONYMIC_NOUN, _METONYMIC_PREP))
#: How a window ends (lower-cased, trailing spaces stripped) when each half matches it: the nouns end with a _DE.
_HALF_ENDS = (_DE_ENDS, _METONYMIC_ENDS)
_METONYMIC_AFTER = re.compile(
    r"^\s*(?:et\s+(?:la\s+|l['’]|le\s+)?[A-ZÉ][\w\-]+\s+)?"
    r"(?:n['’]|ne\s+)?(?:a|ont|avait|avaient|aura|auraient|aurait|s['’]est|se\s+sont|se\s+dit|se\s+disent|y\s+ont|y\s+a|"
    r"reproche|accuse|affirme|estime|d[ée]nonce|annonce|appelle|exige|refuse|soutient|assure|dément|juge|craint|"
    r"appelant|estimant|affirmant|accusant|qualifiant|redoutant|souhaitant|jugeant|mènent|m[èe]ne|bombarde|"
    r"pourrait|doit|veut|peut|entend|consid[èe]re|est\s+(?:pr[eê]t|d[ée]termin|oppos|favorable)|[ée]tait\s+(?:la\s+bienvenue|d[ée]termin))\b",
    re.IGNORECASE,
)
#: An attack aimed at a Syrian place: "une attaque au drone contre X", "des frappes contre X".
_ATTACK_ON_PLACE = re.compile(
    r"\b(?:attaques?|frappes?|raids?|tirs?|assauts?|bombardements?|offensives?|roquettes?|obus)\b[^.;,]{0,30}\bcontre\s*$",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b[àa]|\ben|\bau|\baux|\bvers|\bdepuis|\bdans|\bfrontali[èe]re?s?\s+de|\bfronti[èe]re\s+(?:avec\s+)?(?:de\s+)?|"
    r"\bbas[ée]e?s?\s+en|\bsitu[ée]e?s?\s+en|\bnord|\bsud|\best|\bouest)\s+(?:la\s+|l['’]|le\s+)?$",
    re.IGNORECASE,
)


#: "des bombardements sur Maaret Misrine et Binnich avaient fait": places hit, not actors ("Damas et Moscou ont").
_PLACE_PREP = re.compile(r"(?:\bsur|(?<!\w)[àa]|\bdans|\bvers|\bdepuis)\s+(?:la\s+|le\s+|l['’])?$", re.IGNORECASE)
_PLACE_PREP_LIST = re.compile(
    r"(?:\bsur|(?<!\w)[àa]|\bdans|\bvers|\bdepuis)\s+(?:la\s+|le\s+|l['’])?[A-ZÀ-Þ][\w\-’']*(?:\s+[\w\-’']+){0,3}\s+et\s+(?:la\s+|l['’]|le\s+)?$"
)
_PREP_BEFORE = re.compile(
    r"(?:\bde|\bd['’]|\bdu|\bdes|\bsur|\bdans|\bpour|\bvers|\bcontre|\bquartiers?\s+\w+|\bisoler|\breprendre|\bconqu[ée]rir)\s*(?:la\s+|l['’]|le\s+)?[\s«»\"]*$",
    re.IGNORECASE,
)
#: "X et la Turquie ont ...": two actors as subjects.
_AND_ACTOR_AFTER = re.compile(r"^\s+et\s+(?:la\s+|l['’]|le\s+)?[A-ZÉ][\w\-]+\s+(?:ont|y\s+ont|avaient|se\s+sont)\b")
_AND_BEFORE = re.compile(r"\b(?:et|de)\s+(?:la\s+|l['’]|le\s+)?$")
_VERB_AFTER = re.compile(r"^\s+(?:ont|y\s+ont|avaient|se\s+sont)\b")
#: "un hôpital aux abords de X avaient été ...": "de" after a place word locates, it does not name an actor.
_LOCATIVE_DE = re.compile(
    r"\b(?:abords|environs|alentours|p[ée]riph[ée]rie|proximit[ée]|pr[èe]s|banlieue|entr[ée]e|sortie|village|ville|"
    r"localit[ée]|quartier|r[ée]gion|province|secteur|campagne|centre|nord|sud|est|ouest|hauteurs)\s+(?:de|d['’])\s*$",
    re.IGNORECASE,
)


def _actor_before(before: str) -> bool:
    """True when ``_METONYMIC_BEFORE`` matches ``before`` ("les forces de ", "soutenu par la "): each half is
    searched only when the window ends as it can and holds its literals."""
    low = _guarded(before)
    if low is None:
        return any(half.search(before) for half in _METONYMIC_HALVES)
    tail = low.rstrip()
    if not (tail.endswith(_METONYMIC_ENDS) and _has(low, _METONYMIC_STEMS)):
        return False
    halves = zip(_HALF_ENDS, _METONYMIC_HALVES, strict=True)
    return any(tail.endswith(ends) and half.search(before) for ends, half in halves)


def _is_metonymic(text: str, start: int, end: int, *, foreign: bool, kind: str | None) -> bool:
    """True when the place at ``text[start:end]`` stands for a government or an actor ("Ankara a indiqué")."""
    if kind == "country" and not foreign:
        return False  # "Syrie" is the country, not an actor, in this corpus
    before = text[max(0, start - 50) : start]
    after = text[end : end + 90]
    if not foreign and before.rstrip().endswith("contre") and _ATTACK_ON_PLACE.search(before):
        return False  # "une attaque au drone contre Souqaylabiyé": the place hit, not an actor
    if _actor_before(before):
        return True
    if _AND_ACTOR_AFTER.match(after) and not _PLACE_PREP.search(before):
        return True
    if _VERB_AFTER.match(after) and _AND_BEFORE.search(before) \
            and not _PLACE_PREP_LIST.search(before) and not _LOCATIVE_DE.search(before):
        return True
    if _METONYMIC_AFTER.match(after) and not _LOCATIVE_BEFORE.search(before) and not _PREP_BEFORE.search(before) \
            and not _PLACE_PREP_LIST.search(before):
        return True
    if foreign and kind in {"country", "foreign"} and not _LOCATIVE_BEFORE.search(before):
        # foreign countries are mostly actors in these dispatches ("la Russie a", "soutenues par la Russie")
        return re.search(r"(?:\bla|\ble|\bl['’]|\bles|\bpar|\bet)\s*$", before) is not None and not re.search(
            r"\b(?:fronti[èe]re|frontali[èe]re?s?|territoire|sol|ciel)\s+(?:de\s+)?(?:la|le|l['’])\s*$", before
        )
    return False


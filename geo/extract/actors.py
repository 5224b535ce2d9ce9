"""Armed actors named in French dispatches, normalised to the labels of :data:`geo.model.ACTORS`.

"les forces du régime", "l'armée syrienne", "les troupes de Damas", "prorégime" -> ``"regime"``;
"l'aviation russe", "Moscou" (as an actor) -> ``"Russia"``; "les jihadistes", "HTS" ->
``"HTS/jihadists"``; "l'EI", "Daech" -> ``"IS"``; "FDS", "YPG", "forces kurdes" ->
``"SDF/Kurdish forces"`` ... The labels are also the controllers of the front-line model.

"jihadistes et rebelles" (one coalition in Idleb) is labelled ``"HTS/jihadists"``: the dominant
controller of such areas. "factions proturques" / "rebelles proturcs" are ``"Turkey"``.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["ACTOR_PATTERNS", "find_actors", "normalise_actor"]

_A = r"[’']"
_D = r"(?:de\s+|d[’']\s*)"
#: Weapon or strike nouns that an adjective of nationality turns into an actor: "tirs d'artillerie
#: turcs", "frappes aériennes syriennes", "drones israéliens", "raids américains".
_WEAPONS = (
    r"(?:tirs|bombardements|pilonnages|frappes|raids|avions|aviation|artillerie|drones?|h[ée]licopt[èe]res|obus|roquettes|"
    r"missiles|mortiers|chars|bombardiers|chasseurs)(?:\s+(?:a[ée]rien(?:ne)?s|de\s+mortiers?|d[’']artillerie|de\s+drones?|de\s+roquettes|de\s+missiles|"
    r"d[’']obus|de\s+chars))?"
)

#: (label, regular expression) in priority order: the first pattern that matches at a position wins,
#: longer expressions are listed before their parts.
ACTOR_PATTERNS: tuple[tuple[str, str], ...] = (
    # combined coalition of Idleb / Aleppo: jihadists and rebels
    ("HTS/jihadists", r"\b(?:d?jihadistes|islamistes)\s+et\s+(?:les\s+)?(?:rebelles|insurg[ée]s)(?:\s+alli[ée]s)?\b"),
    ("HTS/jihadists", r"\b(?:rebelles|insurg[ée]s)\s+et\s+(?:leurs\s+alli[ée]s\s+)?(?:les\s+)?d?jihadistes\b"),
    # Turkey and its Syrian proxies
    ("Turkey", r"\b(?:factions|rebelles|groupes|forces)\s+(?:syriens?\s+)?pro-?tur(?:cs|ques|que|c)\b"),
    ("Turkey", r"\b(?:arm[ée]e|forces|troupes|aviation|soldats|militaires|drones?|avions?)\s+tur(?:cs|ques|que|c)\b"),
    ("Turkey", rf"\b{_WEAPONS}\s+tur(?:cs|ques|que|c)\b"),
    ("Turkey", r"\bTurquie\b|\bAnkara\b"),
    # Kurdish forces
    ("SDF/Kurdish forces", r"\bForces\s+d[ée]mocratiques\s+syriennes\b|\bFDS\b|\bYPG\b|\bPYD\b|\bSDF\b"),
    ("SDF/Kurdish forces", r"\b(?:forces|milices|combattants|police|unit[ée]s|groupes)\s+kurdes?\b"),
    ("SDF/Kurdish forces", r"\bUnit[ée]s\s+de\s+protection\s+du\s+peuple\b|\bKurdes\b"),
    # Islamic State
    ("IS", r"\b(?:groupe\s+)?[EÉ]tat\s+islamique\b|\bEI\b|\bDaech\b|\bDaesh\b|\bISIS\b"),
    ("IS", r"\bjihadistes\s+(?:de\s+l['’]EI|du\s+groupe\s+[EÉ]tat\s+islamique)\b"),
    # HTS / jihadists
    ("HTS/jihadists", r"\bHayat\s+Tahrir\s+al-Ch?am\b|\bHTS\b|\b(?:Front\s+)?Fateh\s+al-Ch?am\b"
     r"|\b(?:Front\s+)?al-Nosra\b|\bJaich\s+al-Fatah\b|\bAl-Qa[iï]da\b"),
    ("HTS/jihadists", r"\bd?jihadistes\b|\bislamistes\b"),
    # Russia
    ("Russia", rf"\b{_WEAPONS}\s+russes?\b"),
    ("Russia", r"\b(?:aviation|arm[ée]e|forces|avions?|bombardiers|troupes|militaires|appui\s+a[ée]rien|"
     r"(?:frappes|raids|bombardements)(?:\s+a[ée]rien(?:ne)?s)?|chasseurs|h[ée]licopt[èe]res|soldats)\s+russes?\b"),
    ("Russia", r"\brusses?\b(?=\s+(?:et|ont|a)\b)|\bRussie\b|\bMoscou\b|\bKremlin\b|\ballié\s+russe\b|\boccupants\s+russes\b"),
    # coalition
    ("coalition", r"\bcoalition\s+(?:internationale|antijihadiste|anti-?EI|men[ée]e\s+par\s+(?:Washington|les\s+[EÉ]tats-Unis))\b"),
    ("coalition", r"\b(?:avions|frappes|raids)\s+(?:de\s+la\s+)?coalition\b|\b(?:forces|avions)\s+am[ée]ricain(?:e?s)\b"),
    # US strikes in Syria are coded as the US-led coalition (the label set has no separate US actor)
    ("coalition", rf"\b{_WEAPONS}\s+am[ée]ricain(?:e?s)?\b"),
    ("coalition", r"\bcoalition\b(?!\s+(?:rebelle|d?jihadiste|islamiste|kurde|arabo|domin|de\s+(?:rebelles|groupes|factions|d?jihadistes)|d{AP}(?:opposition|insurg)))".replace("{AP}", "[’']")),
    # Iran / Hezbollah
    ("Iran/Hezbollah", r"\bHezbollah\b|\bmilices\s+(?:chiites|iraniennes|pro-?iraniennes)\b|\bGardiens\s+de\s+la\s+r[ée]volution\b"
     r"|\bforces\s+iraniennes\b|\bIran\b|\bT[ée]h[ée]ran\b"),
    # Israel
    ("Israel", rf"\barm[ée]e\s+isra[ée]lienne\b|\b{_WEAPONS}\s+isra[ée]lien(?:ne)?s?\b|\bIsra[ëe]l\b|\bTsahal\b"),
    # regime
    ("regime", r"\b(?:forces|troupes|avions|aviation|h[ée]licopt[èe]res|soldats|hommes|unit[ée]s|chars|artillerie|frappes|raids|bombardements|barils)\s+"
     r"(?:du\s+(?:r[ée]gime|pouvoir)|de\s+(?:Damas|Bachar\s+al-Assad|l['’]armée\s+syrienne))(?:\s+syrien)?\b"),
    # "frappes aériennes syriennes", "hélicoptères syriens": the Syrian air force and artillery are the regime's
    ("regime", rf"\b{_WEAPONS}\s+syrien(?:ne)?s?\b"),
    ("regime", r"\b(?:forces|troupes|milices|combattants|unit[ée]s)\s+(?:pro-?r[ée]gime|pro-?gouvernementales|gouvernementales|loyalistes|du\s+gouvernement)\b"),
    # "les troupes syriennes", "des soldats syriens": the Syrian army (not "rebelles syriens")
    ("regime", r"\b(?:forces|troupes|soldats|militaires|unit[ée]s)\s+syrien(?:ne)?s\b"),
    ("regime", r"\barm[ée]e\s+(?:syrienne|de\s+l['’]air\s+syrienne|du\s+r[ée]gime|r[ée]guli[èe]re)\b|\bpro-?r[ée]gime\b|\bpro-?gouvernementa(?:les?|ux)\b"
     r"|\bloyalistes\b|\br[ée]gime(?:\s+syrien|\s+de\s+(?:Damas|Bachar\s+al-Assad))?\b|\bDamas\b|\bpouvoir\s+de\s+Bachar\s+al-Assad\b|\bl['’]arm[ée]e\b(?!\s+(?:turque|russe|isra[ée]lienne|am[ée]ricaine|syrienne\s+libre|de\s+la\s+conqu))"),
    # rebels
    ("rebels", r"\b(?:rebelles|insurg[ée]s|coalition\s+rebelle|opposition\s+arm[ée]e|groupes\s+rebelles|factions\s+rebelles|Arm[ée]e\s+syrienne\s+libre|ASL|antir[ée]gime)\b"),
    ("rebels", r"\bopposition\b"),
    # bare "les factions" (armed groups of the opposition), last so that "factions proturques" stays Turkey
    ("rebels", r"\bfactions(?:\s+arm[ée]es)?\b(?!\s+(?:pro-?tur\w*|kurdes|pro-?r[ée]gime|loyalistes|gouvernementales|palestiniennes|pro-?iraniennes))"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((label, re.compile(rx, re.IGNORECASE if label != "IS" else 0)) for label, rx in ACTOR_PATTERNS)


#: Cheap pre-filter: a sentence without any of these stems has no actor.
_STEMS = re.compile(
    r"r[ée]gime|arm[ée]e|forces|troupes|pouvoir|gouvern|loyal|damas|bachar|russ|moscou|kremlin|turc|turq|ankara|"
    r"kurd|fds|ypg|pyd|sdf|unit[ée]s|islami|\bei\b|daech|daesh|isis|hts|hayat|fateh|nosra|jaich|qa[iï]da|jihad|"
    r"coalition|am[ée]ricain|hezbollah|milices|iran|t[ée]h[ée]ran|gardiens|isra|tsahal|rebel|insurg|opposition|asl|"
    r"antir[ée]gime|pro-?r[ée]gime|aviation|avions|raids|frappes|bombard|syrien|faction|soldats|militaires",
    re.IGNORECASE,
)


#: The alternatives of ``_STEMS`` as lower-case substrings ("[ée]" spelled both ways, "\\bei\\b" apart; the
#: redundant "antirégime", "prorégime" left out): tests/test_actors.py checks they stay in step.
_STEM_WORDS = (
    "r\u00e9gime", "regime", "arm\u00e9e", "armee", "forces", "troupes", "pouvoir", "gouvern", "loyal", "damas", "bachar",
    "russ", "moscou", "kremlin", "turc", "turq", "ankara", "kurd", "fds", "ypg", "pyd", "sdf", "unit\u00e9s", "unites",
    "islami", "daech", "daesh", "isis", "hts", "hayat", "fateh", "nosra", "jaich", "qaida", "qa\u00efda", "jihad",
    "coalition", "am\u00e9ricain", "americain", "hezbollah", "milices", "iran", "t\u00e9h\u00e9ran", "teh\u00e9ran",
    "t\u00e9heran", "teheran", "gardiens", "isra", "tsahal", "rebel", "insurg", "opposition", "asl", "aviation", "avions",
    "raids", "frappes", "bombard", "syrien", "faction", "soldats", "militaires",
)
_EI = re.compile(r"\bei\b", re.IGNORECASE)


def _has_stem(sentence: str) -> bool:
    """``_STEMS.search(sentence) is not None``, by substring tests on the lower-cased sentence."""
    low = sentence.lower()
    if "\u0131" in low or "\u017f" in low or "\u0307" in low:  # ı, ſ, İ: case-insensitive regex semantics
        return _STEMS.search(sentence) is not None
    return any(map(low.__contains__, _STEM_WORDS)) or ("ei" in low and _EI.search(sentence) is not None)


def find_actors(sentence: str) -> list[tuple[int, int, str]]:
    """Find actor expressions in a sentence.

    Parameters
    ----------
    sentence : str
        Any French text.

    Returns
    -------
    list of (start, end, label)
        Non-overlapping spans, in text order; at a given position the longest/earliest-listed
        pattern wins.
    """
    return list(_find_actors(sentence))


@lru_cache(maxsize=4096)
def _find_actors(sentence: str) -> tuple[tuple[int, int, str], ...]:
    if not _has_stem(sentence):
        return ()
    rx, labels = _combined()
    out: list[tuple[int, int, str]] = []
    for m in rx.finditer(sentence):
        if m.end() > m.start():
            out.append((m.start(), m.end(), labels[m.lastgroup]))
    return tuple(out)


@lru_cache(maxsize=1)
def _combined() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every pattern, longest patterns first at a position (one regex pass).

    Every pattern starts with ``\\b`` and a word character, so the alternation is put behind one
    shared ``\\b(?=\\w)``: positions that are not the start of a word fail once instead of once
    per pattern (tests/test_actors.py checks the invariant).
    """
    parts = []
    labels = {}
    for i, (label, rx) in enumerate(ACTOR_PATTERNS):
        name = f"p{i}"
        labels[name] = label
        body = rx if label != "IS" else f"(?-i:{rx})"
        parts.append(f"(?P<{name}>{body})")
    return re.compile(r"\b(?=\w)(?:" + "|".join(parts) + ")", re.IGNORECASE), labels


def normalise_actor(text: str) -> str | None:
    """Return the normalised actor label of an expression, or ``None``.

    Parameters
    ----------
    text : str
        An expression such as ``"les forces du régime"`` or ``"l'aviation russe"``.

    Returns
    -------
    str or None
        One of :data:`geo.model.ACTORS`, the label of the first (leftmost) actor in ``text``.
    """
    actors = find_actors(text)
    return actors[0][2] if actors else None

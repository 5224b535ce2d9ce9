"""French names of armed actors, as data: each pattern and the :class:`~geo.vocab.Actor` it names.

:mod:`geo.extract.actors` compiles :data:`ACTOR_PATTERNS` into one alternation. Patterns are
regular expressions (case-insensitive, except the ``IS`` ones: "EI" is an acronym, "ei" is not).
"""

from __future__ import annotations

from geo.vocab import Actor

#: Weapon or strike nouns that an adjective of nationality turns into an actor: "tirs d'artillerie
#: turcs", "frappes aériennes syriennes", "drones israéliens", "raids américains".
_WEAPONS = (
    r"(?:tirs|bombardements|pilonnages|frappes|raids|avions|aviation|artillerie|drones?|h[ée]licopt[èe]res|obus"
    r"|roquettes|"
    r"missiles|mortiers|chars|bombardiers|chasseurs)(?:\s+(?:a[ée]rien(?:ne)?s|de\s+mortiers?|d[’']artillerie"
    r"|de\s+drones?|de\s+roquettes|de\s+missiles|"
    r"d[’']obus|de\s+chars))?"
)

#: (label, regular expression) in priority order: the first pattern that matches at a position wins,
#: longer expressions are listed before their parts.
ACTOR_PATTERNS: tuple[tuple[Actor, str], ...] = (
    # combined coalition of Idleb / Aleppo: jihadists and rebels
    (Actor.HTS, r"\b(?:d?jihadistes|islamistes)\s+et\s+(?:les\s+)?(?:rebelles|insurg[ée]s)(?:\s+alli[ée]s)?\b"),
    (Actor.HTS, r"\b(?:rebelles|insurg[ée]s)\s+et\s+(?:leurs\s+alli[ée]s\s+)?(?:les\s+)?d?jihadistes\b"),
    # Turkey and its Syrian proxies
    (Actor.TURKEY, r"\b(?:factions|rebelles|groupes|forces)\s+(?:syriens?\s+)?pro-?tur(?:cs|ques|que|c)\b"),
    (Actor.TURKEY, (r"\b(?:arm[ée]e|forces|troupes|aviation|soldats|militaires|drones?|avions?)"
                    r"\s+tur(?:cs|ques|que|c)\b")),
    (Actor.TURKEY, rf"\b{_WEAPONS}\s+tur(?:cs|ques|que|c)\b"),
    (Actor.TURKEY, r"\bTurquie\b|\bAnkara\b"),
    # Kurdish forces
    (Actor.SDF, r"\bForces\s+d[ée]mocratiques\s+syriennes\b|\bFDS\b|\bYPG\b|\bPYD\b|\bSDF\b"),
    (Actor.SDF, r"\b(?:forces|milices|combattants|police|unit[ée]s|groupes)\s+kurdes?\b"),
    (Actor.SDF, r"\bUnit[ée]s\s+de\s+protection\s+du\s+peuple\b|\bKurdes\b"),
    # Islamic State
    (Actor.IS, r"\b(?:groupe\s+)?[EÉ]tat\s+islamique\b|\bEI\b|\bDaech\b|\bDaesh\b|\bISIS\b"),
    (Actor.IS, r"\bjihadistes\s+(?:de\s+l['’]EI|du\s+groupe\s+[EÉ]tat\s+islamique)\b"),
    # HTS / jihadists
    (Actor.HTS, (r"\bHayat\s+Tahrir\s+al-Ch?am\b|\bHTS\b|\b(?:Front\s+)?Fateh\s+al-Ch?am\b"
     r"|\b(?:Front\s+)?al-Nosra\b|\bJaich\s+al-Fatah\b|\bAl-Qa[iï]da\b")),
    (Actor.HTS, r"\bd?jihadistes\b|\bislamistes\b"),
    # Russia
    (Actor.RUSSIA, rf"\b{_WEAPONS}\s+russes?\b"),
    (Actor.RUSSIA, (r"\b(?:aviation|arm[ée]e|forces|avions?|bombardiers|troupes|militaires|appui\s+a[ée]rien|"
     r"(?:frappes|raids|bombardements)(?:\s+a[ée]rien(?:ne)?s)?|chasseurs|h[ée]licopt[èe]res|soldats)\s+russes?\b")),
    (Actor.RUSSIA, (r"\brusses?\b(?=\s+(?:et|ont|a)\b)|\bRussie\b|\bMoscou\b|\bKremlin\b|\ballié\s+russe\b"
                   r"|\boccupants\s+russes\b")),
    # coalition
    (Actor.COALITION, (r"\bcoalition\s+(?:internationale|antijihadiste|anti-?EI|men[ée]e\s+par\s+(?:Washington"
                      r"|les\s+[EÉ]tats-Unis))\b")),
    (Actor.COALITION, (r"\b(?:avions|frappes|raids)\s+(?:de\s+la\s+)?coalition\b|\b(?:forces"
                      r"|avions)\s+am[ée]ricain(?:e?s)\b")),
    # US strikes in Syria are coded as the US-led coalition (the label set has no separate US actor)
    (Actor.COALITION, rf"\b{_WEAPONS}\s+am[ée]ricain(?:e?s)?\b"),
    (Actor.COALITION, r"\bcoalition\b(?!\s+(?:rebelle|d?jihadiste|islamiste|kurde|arabo|domin|de\s+(?:rebelles|groupes"
                      r"|factions|d?jihadistes)|d{AP}(?:opposition|insurg)))".replace("{AP}", "[’']")),
    # Iran / Hezbollah
    (Actor.IRAN, (r"\bHezbollah\b|\bmilices\s+(?:chiites|iraniennes|pro-?iraniennes)\b"
                 r"|\bGardiens\s+de\s+la\s+r[ée]volution\b"
     r"|\bforces\s+iraniennes\b|\bIran\b|\bT[ée]h[ée]ran\b")),
    # Israel
    (Actor.ISRAEL, rf"\barm[ée]e\s+isra[ée]lienne\b|\b{_WEAPONS}\s+isra[ée]lien(?:ne)?s?\b|\bIsra[ëe]l\b|\bTsahal\b"),
    # regime
    (Actor.REGIME, (r"\b(?:forces|troupes|avions|aviation|h[ée]licopt[èe]res|soldats|hommes|unit[ée]s|chars|artillerie"
                   r"|frappes|raids|bombardements|barils)\s+"
     r"(?:du\s+(?:r[ée]gime|pouvoir)|de\s+(?:Damas|Bachar\s+al-Assad|l['’]armée\s+syrienne))(?:\s+syrien)?\b")),
    # "frappes aériennes syriennes", "hélicoptères syriens": the Syrian air force and artillery are the regime's
    (Actor.REGIME, rf"\b{_WEAPONS}\s+syrien(?:ne)?s?\b"),
    (Actor.REGIME, (r"\b(?:forces|troupes|milices|combattants|unit[ée]s)\s+(?:pro-?r[ée]gime|pro-?gouvernementales"
                   r"|gouvernementales|loyalistes|du\s+gouvernement)\b")),
    # "les troupes syriennes", "des soldats syriens": the Syrian army (not "rebelles syriens")
    (Actor.REGIME, r"\b(?:forces|troupes|soldats|militaires|unit[ée]s)\s+syrien(?:ne)?s\b"),
    (Actor.REGIME, (r"\barm[ée]e\s+(?:syrienne|de\s+l['’]air\s+syrienne|du\s+r[ée]gime|r[ée]guli[èe]re)\b"
                   r"|\bpro-?r[ée]gime\b|\bpro-?gouvernementa(?:les?|ux)\b"
     r"|\bloyalistes\b|\br[ée]gime(?:\s+syrien|\s+de\s+(?:Damas|Bachar\s+al-Assad))?\b|\bDamas\b"
     r"|\bpouvoir\s+de\s+Bachar\s+al-Assad\b|\bl['’]arm[ée]e\b(?!\s+(?:turque|russe|isra[ée]lienne|am[ée]ricaine"
     r"|syrienne\s+libre|de\s+la\s+conqu))")),
    # rebels
    (Actor.REBELS, (r"\b(?:rebelles|insurg[ée]s|coalition\s+rebelle|opposition\s+arm[ée]e|groupes\s+rebelles"
                   r"|factions\s+rebelles|Arm[ée]e\s+syrienne\s+libre|ASL|antir[ée]gime)\b")),
    (Actor.REBELS, r"\bopposition\b"),
    # bare "les factions" (armed groups of the opposition), last so that "factions proturques" stays Turkey
    (Actor.REBELS, (r"\bfactions(?:\s+arm[ée]es)?\b(?!\s+(?:pro-?tur\w*|kurdes|pro-?r[ée]gime|loyalistes"
                   r"|gouvernementales|palestiniennes|pro-?iraniennes))")),
)


#: Cheap pre-filter (case-insensitive): a sentence without any of these stems has no actor.
STEMS: str = (
    r"r[ée]gime|arm[ée]e|forces|troupes|pouvoir|gouvern|loyal|damas|bachar|russ|moscou|kremlin|turc|turq|ankara|"
    r"kurd|fds|ypg|pyd|sdf|unit[ée]s|islami|\bei\b|daech|daesh|isis|hts|hayat|fateh|nosra|jaich|qa[iï]da|jihad|"
    r"coalition|am[ée]ricain|hezbollah|milices|iran|t[ée]h[ée]ran|gardiens|isra|tsahal|rebel|insurg|opposition|asl|"
    r"antir[ée]gime|pro-?r[ée]gime|aviation|avions|raids|frappes|bombard|syrien|faction|soldats|militaires"
)


#: The alternatives of :data:`STEMS` as lower-case substrings ("[ée]" spelled both ways, "\\bei\\b" apart; the
#: redundant "antirégime", "prorégime" left out): tests/unit/test_actors.py checks they stay in step.
STEM_WORDS: tuple[str, ...] = (
    "r\u00e9gime", "regime", "arm\u00e9e", "armee", "forces", "troupes", "pouvoir", "gouvern", "loyal", "damas",
    "bachar", "russ", "moscou", "kremlin", "turc", "turq", "ankara", "kurd", "fds", "ypg", "pyd", "sdf", "unit\u00e9s",
    "unites", "islami", "daech", "daesh", "isis", "hts", "hayat", "fateh", "nosra", "jaich", "qaida", "qa\u00efda",
    "jihad", "coalition", "am\u00e9ricain", "americain", "hezbollah", "milices", "iran", "t\u00e9h\u00e9ran",
    "teh\u00e9ran", "t\u00e9heran", "teheran", "gardiens", "isra", "tsahal", "rebel", "insurg", "opposition", "asl",
    "aviation", "avions", "raids", "frappes", "bombard", "syrien", "faction", "soldats", "militaires",
)  # fmt: skip

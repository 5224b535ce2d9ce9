"""French numbers as data: number words, approximating nouns, count modifiers, and people counted
by noun phrases ("une femme et ses deux filles" = 3).

:mod:`geo.extract.numbers` compiles and uses them: :func:`~geo.extract.numbers.parse_count`,
:func:`~geo.extract.numbers.find_counts`, :func:`~geo.extract.numbers.find_people`.
"""

from __future__ import annotations

#: One person: "une femme", "son mari", "un adolescent". Possessives count too ("sa fille").
ONE_PERSON: tuple[str, ...] = (
    "femme", "homme", "père", "pere", "mère", "mere", "enfant", "fils", "fille", "fillette", "garçon", "garcon",
    "bébé", "bebe", "nourrisson", "adolescent", "adolescente", "mari", "épouse", "epouse", "frère", "frere",
    "sœur", "soeur", "grand-père", "grand-mère", "civil", "civile", "vieillard", "écolier", "écolière", "enseignant",
    "enseignante", "infirmier", "infirmière", "médecin", "secouriste", "journaliste", "soldat", "combattant",
)
#: Two people: "un couple".
TWO_PEOPLE: tuple[str, ...] = ("couple",)
#: Determiners of one: "un", "une", "son", "sa", "leur".
ONE_DETERMINERS: tuple[str, ...] = ("un", "une", "son", "sa", "leur")
#: Determiners of a counted plural: "ses deux filles", "leurs trois enfants".
PLURAL_DETERMINERS: tuple[str, ...] = ("ses", "leurs")

#: Number words up to sixteen.
UNITS: dict[str, int] = {
    "zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
}  # fmt: skip
#: Tens (with the Belgian and Swiss forms).
TENS: dict[str, int] = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}  # fmt: skip
#: "quatre-vingt(s)" = 80, written as one word.
EIGHTY: tuple[str, ...] = ("quatre-vingts", "quatre-vingt")
HUNDREDS: frozenset[str] = frozenset({"cent", "cents"})
THOUSANDS: frozenset[str] = frozenset({"mille", "milles"})
#: Big multipliers ("trois millions").
BIG: dict[str, int] = {
    "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000,
}  # fmt: skip
#: Big nouns in the plural after "des", "de": "des milliers", "des dizaines de milliers".
BIG_PLURALS: dict[str, int] = {"milliers": 1000, "millions": 1_000_000, "milliards": 1_000_000_000}
#: Approximating nouns ("une dizaine") and their value.
APPROX_NOUNS: dict[str, int] = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}  # fmt: skip
#: Count modifiers, normalised -> (minimum, approx): "plus de 950" is a floor, "près de 80" a round figure.
PREFIXES: dict[str, tuple[bool, bool]] = {
    "plus de": (True, False),
    "plus d'": (True, False),
    "bien plus de": (True, False),
    "un peu plus de": (True, False),
    "au moins": (True, False),
    "pas moins de": (True, False),
    "plus d'une": (True, False),
    "près de": (False, True),
    "pres de": (False, True),
    "environ": (False, True),
    "quelque": (False, True),
    "autour de": (False, True),
    "presque": (False, True),
    "approximativement": (False, True),
    "moins de": (False, True),
    "jusqu'à": (False, True),
    "jusqu'a": (False, True),
}
#: First words of a modifier that makes a floor (a modifier not in :data:`PREFIXES` otherwise approximates).
MINIMUM_STARTS: tuple[str, ...] = ("plus", "au moins", "pas moins", "bien plus", "un peu plus")
#: Words that may follow a year but never a counted noun ("en 2019 par ...", "2012 et 2013").
NOT_A_NOUN: frozenset[str] = frozenset({
    "par", "et", "à", "a", "au", "aux", "en", "le", "la", "les", "des", "du", "de", "d", "pour",
    "contre", "ont", "avait", "avaient", "sur", "dans", "avec", "lorsque", "quand", "où", "qui",
    "que", "alors", "puis", "après", "avant", "ou", "mais", "selon", "depuis", "lors", "entre",
})  # fmt: skip

"""French people counted by noun phrases, as data: "une femme et ses deux filles" = 3.

:func:`geo.extract.numbers.find_people` reads a list of such phrases joined by "et" or commas.
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

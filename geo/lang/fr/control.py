"""French wording of control changes and control states, as data.

Each table is a tuple of regular-expression fragments (case-insensitive, ``{AP}`` stands for an
apostrophe ``'`` or ``’``). :mod:`geo.extract.events` joins and compiles them once. The *role* of each
group says who gains: ``gain`` (the subject gains: "les rebelles ont repris X", "l'EI s'empare
de X"), ``passive`` (the agent after "par" gains: "X a été reprise par l'armée", "repris par les
FDS"), ``hands`` (the actor after the phrase gains: "X est tombée aux mains des insurgés"),
``nominal`` ("la prise de X par Y", "la chute de X"), ``loss`` (the subject loses, the other side
gains: "les rebelles ont perdu X", "les forces kurdes se sont retirées de X").
"""

from __future__ import annotations

from geo.vocab import Actor

#: Present and imperfect forms of capture verbs, with no auxiliary: "l'armée reprend X",
#: "les jihadistes s'emparent de X", "l'EI encercle X", "assiégeaient".
GAIN_FINITE: tuple[str, ...] = (
    r"reprend", r"reprennent", r"reprenait", r"reprenaient", r"s{AP}empare", r"s{AP}emparent", r"s{AP}emparait",
    r"s{AP}emparaient", r"(?:re)?conqui[eè]r(?:t|ent)", r"encercl(?:e|ent|ait|aient)",
    r"assi[èée]g(?:e|ent|eait|eaient)", r"grignot(?:e|ent|ait|aient)", r"chass(?:e|ent)", r"expuls(?:e|ent)",
    r"d[ée]log(?:e|ent)", r"captur(?:e|ent)", r"investi(?:t|ssent)", r"p[ée]n[èe]tr(?:e|ent)\s+dans",
    r"entr(?:e|ent)\s+dans", r"resserr(?:e|ent)\s+l{AP}[ée]tau", r"bris(?:e|ent)\s+(?:le\s+si[èe]ge|l{AP}encerclement)",
    r"prenn?(?:d|ent|ait|aient)\s+(?:le\s+contr[ôo]le|pied|possession)",
    (r"contr[ôo]l(?:e|ent|ait|aient)\s+(?:d[ée]sormais|de\s+nouveau|[àa]\s+nouveau|maintenant|[àa]\s+pr[ée]sent"
     r"|la\s+quasi-totalit[ée]|plus\s+de|[\"«“]?\s*\d+\s*%[\"»”]?\s*|presque)"),
    # gerunds: "en prenant le contrôle de X", "en s'emparant de X"
    r"(?:re)?prenant\s+(?:le\s+contr[ôo]le|pied|possession)", r"s{AP}emparant", r"(?:re)?conqu[ée]rant",
    # infinitives after "pu", "réussi à", "parvenus à", "permis de", "venaient de"
    (r"(?:pu|r[ée]ussi\s+[àa]|parvenue?s?\s+[àa]|permis\s+(?:(?:[àa]|aux?)\s+(?:[\w’']+\s+){1,3})?d[e']|venai(?:t|ent)\s+d[e']"
     r"|vien(?:t|nent)\s+d[e'])\s*"
     r"(?:(?:re)?prendre|s{AP}emparer|(?:re)?conqu[ée]rir|chasser|expulser|d[ée]loger|repousser|p[ée]n[ée]trer"
     r"|entrer|avancer\s+dans)"),
)

#: Past participles used after an auxiliary (``a``, ``ont``, ``avaient``, ``s'est`` ...) that the
#: older rules do not know: "ont pris pied à X", "s'étaient rendus maîtres de X", "ont expulsé".
GAIN_PARTICIPLE: tuple[str, ...] = (
    r"pris\s+pied", r"rendue?s?\s+ma[îi]tres?", r"expuls[ée]e?s?", r"arrach[ée]e?s?",
    r"repouss[ée]e?s?\s+(?:\w+\s+){0,3}hors", r"resserr[ée]\s+l{AP}[ée]tau", r"fait\s+irruption",
    r"hiss[ée]\s+(?:le|son)\s+drapeau", r"bris[ée]\s+(?:\w+\s+)?(?:l{AP}encerclement|le\s+si[èe]ge)",
    r"achev[ée]\s+la\s+prise",
    (r"pris(?!\s+(?:part|soin|fin|acte|note|position|la\s+(?:fuite|parole|d[ée]cision|t[êe]te|route|direction"
     r"|rel[èe]ve)))"),
    r"(?:re)?conquise?s?", r"empar[ée]e?s?", r"p[ée]n[ée]tr[ée]e?s?\s+(?:\w+\s+){0,2}?dans",
    r"entr[ée]e?s?\s+(?:\w+\s+){0,2}?dans",
)

#: Present forms of holding that report a change when the subject is an armed actor and the
#: clause is not a relative one ("qui contrôle X" describes, "elles contrôlent également X" reports).
HOLD_FINITE: tuple[str, ...] = (r"contr[ôo]l(?:e|ent|ait|aient)", r"tien(?:t|nent)", r"tenai(?:t|ent)")

#: A place that falls or surrenders, with no winner named: "X est tombée fin mars", "X s'est rendue".
FELL: tuple[str, ...] = (
    (r"(?:est|sont|[ée]tait|[ée]taient|a\s+[ée]t[ée]"
     r"|avait\s+[ée]t[ée])\s+(?:[\w’']+\s+){0,3}?tomb[ée]e?s?\b(?!\s+(?:sur|dans|sous|[àa]\s+(?:court|terre)))"),
    r"tomb(?:e|ent)\b(?!\s+(?:sur|dans|sous))", r"s{AP}est\s+(?:[\w’']+\s+){0,2}?rendue?",
    # "la ville est « presque entièrement sous contrôle »": held, the holder told before (never "sous contrôle de Y")
    (r"(?:est|sont|[ée]tait|[ée]taient)\s+(?:[\w’'\"«»“”]+\s+){0,3}?sous\s+contr[ôo]le\b[\"»”]?"
     r"(?!\s*(?:de|d{AP}|du|des|turc|russe|kurde|du\s+r[ée]gime)\b)"),
)

#: "passées des mains des FDS à celles des groupes proturcs": from the first actor to the second.
HANDS_FROM_TO: str = r"pass[ée]e?s?\s+des\s+mains\s+(?:de|d{AP}|du|des)"

#: Words that stand for a place named before: "de la ville", "du camp", "cette localité".
ANAPHOR_NP: str = (
    r"(?:la|le|l{AP}|cette|ce|cet|les|ces|leur|son|sa|du|des|au)\s*(?:ville|localit[ée]|cit[ée]|quartier|camp|secteur|enceinte|colline|base|a[ée]roport|"
    r"bourgade|bourg|village|poche|enclave|prison|forteresse|citadelle|chef-lieu|oasis|m[ée]tropole|capitale|bastion|fief|centre-ville|"
    r"poste|passage|poste-fronti[èe]re|colline|mont|barrage|h[ôo]pital|mosqu[ée]e|aérodrome|caserne|garnison)\b"
)

#: Places counted, not named: "une trentaine de localités", "plusieurs villages" (placed from context, as the
#: region the paragraph speaks of).
COUNTED_PLACES: str = (
    r"(?:une\s+(?:dizaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine)\s+de|plusieurs|quelques"
    r"|\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|de\s+nombreu(?:x|ses))\s+"
    r"(?:autres\s+)?(?:localit[ée]s|villages|hameaux|bourgades|quartiers)\b"
)

#: A part of the place a trigger governs, before it: "plus de 40 % de la localité", "la majeure partie des
#: quartiers de cette ville", "l'essentiel de la colline".
PART_OF: str = (
    r"(?:(?:plus\s+de\s+|pr[èe]s\s+de\s+|environ\s+|quelque\s+)?[\"«“]?\s*\d+\s*%|la\s+(?:majeure\s+|plus\s+grande\s+)?partie"
    r"|l{AP}essentiel|la\s+(?:quasi-)?totalit[ée]|une\s+(?:grande\s+|bonne\s+)?partie)[\"»”]?"
    r"(?:\s+(?:des|de\s+ses|de\s+leurs)\s+(?:quartiers|secteurs|positions))?\s+"
)

#: A clause on the place named just before it: "à Alep, où le régime contrôle désormais 93 % des quartiers".
WHERE_CLAUSE: str = r"^[\s,]*o[ùu]\s"

#: Participles without auxiliary that take an agent or a loser after them: "repris la veille
#: aux rebelles", "arrachée aux combattants kurdes", "reconquise par l'armée", "chassé de X par Y".
PARTICIPIAL: tuple[str, ...] = (
    r"(?:re)?pris(?:es?)?", r"(?:re)?conquis(?:es?)?", r"arrach[ée]e?s?", r"captur[ée]e?s?", r"chass[ée]e?s?",
    r"lib[ée]r[ée]e?s?", r"expuls[ée]e?s?", r"d[ée]log[ée]e?s?",
)
#: When, right after such a participle, instead of its agent: "X, bastion rebelle repris après un an de siège".
PARTICIPIAL_WHEN: str = (
    r"(?:apr[èe]s\s+(?:un|une|deux|trois|quatre|cinq|six|des|plusieurs|\d+)\b|en\s+(?:\d{4}|janvier|f[ée]vrier|mars|avril|mai"
    r"|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)\b|la\s+veille\b|le\s+\d{1,2}(?:er)?\s)"
)
#: "d'autres régions reprises par le régime, comme la Ghouta": the place named as an example after a participle.
SUCH_AS: str = (
    r"\s*,\s*(?:comme|notamment|tel(?:le)?s?\s+que)\s+(?:la\s+|le\s+|l{AP}|les\s+|celles?\s+de\s+|ceux\s+de\s+)?"
)
#: Participles whose place follows "de": "l'EI chassé de X par les Kurdes", "délogés de X".
PARTICIPIAL_FROM: str = r"(?:chass|expuls|d[ée]log)"

#: "aux mains de", "sous le contrôle de", "entre les mains de": the actor that follows holds the place.
HANDS: tuple[str, ...] = (
    r"tomb[ée]e?s?(?:\s+(?!(?:et|mais|qui|que)\b)[\w’']+){0,4}?\s+(?:aux|entre\s+les|entre\s+leurs)\s+mains",
    r"tomb(?:e|ent)(?:\s+[\w’']+){0,3}?\s+(?:aux|entre\s+les)\s+mains",
    r"pass[ée]e?s?(?:\s+[\w’']+){0,3}?\s+sous\s+(?:le\s+)?contr[ôo]le",
    r"repass[ée]e?s?(?:\s+[\w’']+){0,3}?\s+(?:sous\s+(?:le\s+)?contr[ôo]le|aux\s+mains)",
)

#: Nouns of a capture, followed by the place ("la prise de X par Y", "la chute de X", "la
#: reconquête par l'armée de X", "l'entrée des troupes dans X").
NOMINAL: tuple[str, ...] = (
    r"prise", r"chute", r"reprise", r"reconqu[êe]te", r"conqu[êe]te", r"capture", r"lib[ée]ration", r"perte",
)
#: Nominal forms that mean a partial change.
NOMINAL_PARTIAL: tuple[str, ...] = (r"entr[ée]e", r"encerclement", r"si[èe]ge")

#: The subject loses the place: "les rebelles ont perdu X", "se sont retirés de X", "ont évacué X".
LOSS: tuple[str, ...] = (
    r"perd(?:ent|ait|aient)?(?!\s+(?:la\s+vie|connaissance|pied|espoir|patience))",
    (r"(?:a|ont|avait|avaient|auraient|aurait)\s+(?:\w+\s+){0,2}?perdu(?!\s+(?:la\s+vie|connaissance|pied|espoir"
     r"|patience))"),
    (r"(?:se\s+(?:sont|seraient|[ée]taient|retir\w+)|s{AP}(?:est|[ée]tait"
     r"|[ée]taient))\s+(?:\w+\s+){0,2}?retir[ée]e?s?"),
    r"se\s+retir(?:e|ent|aient|ait)", r"quitt(?:e|ent)",
    # "ils en avaient été chassés", "ils y ont été délogés": driven out of the place in focus
    (r"(?:en|y)\s+(?:ont|a|avaient|avait|auraient|aurait)\s+(?:\w+\s+){0,2}?[ée]t[ée]\s+(?:\w+\s+)?"
     r"(?:chass|repouss|d[ée]log|expuls)[ée]e?s?"),
    (r"(?:venai(?:t|ent)|vien(?:t|nent))(?:\s+(?:aussi|encore|d[ée]j[àa]|[ée]galement|justement))?\s+d[e']\s*"
     r"(?:\w+\s+)?(?:perdre|abandonner|[ée]vacuer|quitter)"),
    r"(?:a|ont|avaient|avait)\s+(?:\w+\s+){0,2}?(?:quitt[ée]|[ée]vacu[ée]|abandonn[ée])",
    r"(?:ont|a|avaient|avait|se\s+sont|s{AP}est)\s+(?:\w+\s+){0,2}?red[ée]ploy[ée]e?s?",
    (r"(?:a|ont|avaient|avait)\s+(?:[ée]t[ée]\s+)?(?:d[ûu]|contraint\w*)\s+(?:d{AP}|de\s+)?(?:abandonner|quitter"
     r"|[ée]vacuer|se\s+retirer)"),
)

#: The change is only partial: "une partie de", "pris pied", "entrés dans", "encerclé".
PARTIAL: tuple[str, ...] = (
    r"encercl", r"assi[èée]g", r"(?<!l{AP})(?<!la\s)avanc", r"(?<!la\s)progress", r"grignot", r"\bentr[ée]",
    r"p[ée]n[ée]tr", r"pris\s+pied", r"\bune\s+partie\b", r"partiellement", r"en\s+partie", r"la\s+majeure\s+partie",
    r"plus\s+de\s+la\s+moiti[ée]", r"resserr", r"\d+\s*%", r"quasi-totalit", r"presque",
)

#: The change was undone: "avant d'en être chassés", "repoussés", "brièvement".
REVERSED: tuple[str, ...] = (
    r"avant\s+d{AP}(?:en\s+|y\s+)?[êe]tre\s+(?:chass|repouss|d[ée]log|expuls)",
    r"repouss[ée]e?s\s+(?:\w+\s+){0,3}(?:hors|par)", r"bri[èe]vement", r"temporairement", r"reperdu\w*",
    r"perdu\s+(?:[àa]\s+nouveau|de\s+nouveau)", r"avant\s+de\s+(?:la|le|les)\s+perdre",
    r"avant\s+d{AP}y\s+(?:revenir|retourner|reprendre\s+pied)",
)

#: One side's claim, or denied: "selon l'agence Amaq", "a affirmé l'armée", "ce que dément Damas".
CLAIM: tuple[str, ...] = (
    r"selon\s+(?:l{AP}agence\s+Amaq|Amaq|le\s+r[ée]gime|les\s+rebelles|Damas|Ankara|un\s+porte-parole)",
    r"d[ée]ment", r"d[ée]menti", r"contest[ée]e?", r"revendiqu", r"affirm\w*\s+avoir", r"assur\w*\s+avoir",
    r"dit\s+avoir", r"disent\s+avoir",
)
DENIED: tuple[str, ...] = (
    r"d[ée]ment(?:ent)?", r"d[ée]menti", r"n{AP}a\s+pas\s+reconnu", r"ni[ée]e?s?", r"nient", r"conteste(?:nt)?",
)

#: Control states, not changes: "X, contrôlé par Y", "sous le contrôle de Y", "tenu par Y",
#: "aux mains des rebelles", "les quartiers rebelles", "la partie est, aux mains des rebelles".
STATE_AGENT: tuple[str, ...] = (
    r"contr[ôo]l[ée]e?s?\s+par", r"tenue?s?\s+par", r"sous\s+(?:le\s+)?contr[ôo]le\s+(?:de|d{AP}|du|des)",
    r"(?<!tomb[ée]\s)(?<!tomb[ée]es\s)aux\s+mains\s+(?:de|d{AP}|du|des)", r"domin[ée]e?s?\s+par",
    r"fief\s+(?:de|d{AP}|du|des)", r"bastion\s+(?:de|d{AP}|du|des)",
)
#: "quartiers rebelles", "secteurs insurgés", "zones gouvernementales": the adjective names the holder.
STATE_ADJECTIVE: dict[str, Actor] = {
    r"rebelles?": Actor.REBELS, r"insurg[ée]e?s": Actor.REBELS, r"gouvernementa(?:ux|les?)": Actor.REGIME,
    r"prorégime": Actor.REGIME, r"loyalistes": Actor.REGIME, r"kurdes?": Actor.SDF, r"jihadistes": Actor.HTS,
}
STATE_NOUNS: str = (
    r"(?:quartiers?|secteurs?|zones?|r[ée]gions?|localit[ée]s?|villages?|partie|poches?|enclaves?|territoires?"
    r"|bastions?|fiefs?)"
)

#: A part of a city named by its direction: "les quartiers Est d'Alep", "la partie occidentale de X",
#: "l'ouest de la ville de X". The holder of that part holds a point a few kilometres that way.
PART_DIRECTION: dict[str, tuple[float, float]] = {
    r"est|orientale?s?|de\s+l{AP}est": (0.0, 1.0),
    r"ouest|occidentale?s?|de\s+l{AP}ouest": (0.0, -1.0),
    r"nord|septentrionale?s?|du\s+nord": (1.0, 0.0),
    r"sud|m[ée]ridionale?s?|du\s+sud": (-1.0, 0.0),
}
PART_NOUNS: str = r"(?:quartiers?|partie|secteurs?|moiti[ée]|zones?|banlieues?|faubourgs?|l{AP})"
#: Offset of a directional part from the city point, in degrees (about 3 km).
PART_OFFSET_DEG: float = 0.03

#: Words that open an apposition describing a place before its trigger: "X, petite ville du nord, est tombée",
#: "X, principal point de passage, repris la veille", "X, ancien fief jihadiste et première ville tombée".
APPOSITION_START: str = (
    r"(?:un|une|l{AP}|le|la|ancien(?:ne)?|premi[èe]re?|derni[èe]re?|principale?|autre|seule?|petite?|grande?|ville"
    r"|localit[ée]|bourgade|cit[ée]|village|quartier|bastion|fief|chef-lieu|poste|base|verrou)"
)
#: Words that end an apposition (a relative clause or a verb of its own): then it is no apposition.
APPOSITION_BREAK: str = r"(?:qui|que|qu{AP}|dont|où|ont|sont|a|est|avait|avaient|selon)"
#: "ont abandonné six quartiers, dont celui de X": the cue of a place named among those counted.
AMONG: str = (
    r",\s*(?:dont|notamment|parmi\s+lesquel\w+)\s+(?:(?:celui|celle|ceux|celles)\s+)?(?:(?:de|d{AP}|du|des)\s*)?"
    r"(?:(?:la|le|l{AP})\s*)?(?:(?:ville|localit[ée]|village|quartier|secteur)\s+(?:de\s+|d{AP}))?"
)


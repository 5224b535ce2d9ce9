"""French triggers of event kinds, compiled: strikes, clashes, control changes, displacement, violence
against civilians, and what negates, defers or widens them (a war-wide toll, a campaign's toll).
"""

from __future__ import annotations

import re

from geo.lang.fr import kinds as _fr_kinds

_I = re.IGNORECASE


AP = r"['’]"


_AUX = (
    rf"(?:a|ont|avait|avaient|aurait|auraient|avoir|ayant|s{AP}est|se\s+sont|s{AP}[ée]taient|s{AP}[ée]tait|"
    rf"sont|est|[ée]taient|[ée]tait|ont\s+[ée]t[ée]|a\s+[ée]t[ée]|avait\s+[ée]t[ée]|avaient\s+[ée]t[ée]|se\s+seraient"
    rf"|se\s+serait|s{AP}en\s+sont|s{AP}en\s+est)"
)


_ADV = r"(?:\s+(?!(?:et|mais|qui|que)\b)[\w’'\-]+){0,3}?"
#: Words between the auxiliary and a capture participle: no determiner ("a fui d'autres régions reconquises par
#: le régime": the participle qualifies the noun, the auxiliary is another verb's).
_CONTROL_ADV = (
    r"(?:\s+(?!(?:et|mais|qui|que|des|les|ces|plusieurs|d['’]autres|certaines?|nombreu\w+)\b)[\w’'\-]+){0,3}?"
)


STRIKE = re.compile(
    rf"\b(?:raids?(?:\s+a[ée]riens?)?|frappes?(?:\s+a[ée]riennes?)?|bombardements?|barils?\s+(?:d{AP}explosifs"
    rf"|explosifs)|"
    rf"tirs?\s+(?:de\s+roquettes?|d{AP}obus|d{AP}artillerie|de\s+missiles?|de\s+mortiers?)|obus|roquettes?|missiles?|"
    rf"drones?|pilonnages?|bombardiers|avions?\s+(?:du\s+r[ée]gime|militaires|russes|de\s+guerre|syriens|turcs"
    rf"|isra[ée]liens|de\s+la\s+coalition)|"
    rf"h[ée]licopt[èe]res|(?:ont|a|avaient|avait|avoir)\s+(?:\w+\s+){{0,2}}?(?:bombard[ée]|pilonn[ée]|frapp[ée])(?<!frappe)e?s?"
    rf"|"
    rf"explosions?|voitures?\s+pi[ée]g[ée]es?|v[ée]hicules?\s+pi[ée]g[ée]s?|engins?\s+explosifs?|mines?\s+antipersonnel"
    rf"|"
    rf"attentats?(?:[\s-]+suicides?)?|kamikazes?|(?:se\s+sont|s{AP}est)\s+fait\s+exploser|(?:a|avait|ont|avaient)\s+explos[ée]|"
    + "|".join(x.replace("{AP}", AP) for x in _fr_kinds.STRIKE_EXTRA)
    + r")\b",
    _I,
)


NOT_A_WEAPON = re.compile(_fr_kinds.STRIKE_NOT_A_WEAPON.replace("{AP}", AP), _I)


VAC = re.compile(r"\b(?:" + "|".join(x.replace("{AP}", AP) for x in _fr_kinds.VAC_TRIGGERS) + r")\b", _I)


ABDUCTION = re.compile(r"\b(?:" + "|".join(x.replace("{AP}", AP) for x in _fr_kinds.VAC_ABDUCTION) + r")\b", _I)


VAC_AGENT = re.compile(_fr_kinds.VAC_GROUND_AGENT.replace("{AP}", AP), _I)


STRIKE_NEG_BEFORE = re.compile(
    r"(?:[ée]changes?\s+de|\bl['’]une?\s+des|cesser|arr[êe]t(?:er)?|fin\s+(?:des|aux)|condamn\w*|d[ée]nonc\w*|interdi\w*|craign\w*|raison\s+d\w*|"
    r"malgr[ée]|menace\w*|risque\w*|[ée]viter|protection\s+contre|pause\s+dans)(?:\s+[\w’']+){0,4}\s*$",
    _I,
)


STRIKE_NEG_AFTER = re.compile(r"^\s*(?:doivent|doit|devraient|devrait)\s+(?:cesser|s['’]arr)", _I)


STRIKE_ACTION = re.compile(
    rf"\b(?:tu[ée]e?s?|tuant|tuer|p[ée]ri|perdu\s+la\s+vie|co[ûu]t[ée]\s+la\s+vie|(?:ont|a|avaient|avait)\s+fait|vis[ée]e?s?"
    rf"|visant|"
    rf"frapp[ée](?:e|es|s)?\b(?<!frappes)|touch[ée]e?s?|abattue?s?|secou[ée]e?s?|men[ée]e?s?|m[èe]nent|m[èe]ne|menant"
    rf"|intensifi[ée]e?s?|"
    rf"poursuiv\w*|pilonn\w*|bombard[ée]e?s?|eu\s+lieu|meurtri\w*|cibl[ée](?:e|es|s)?\b(?<!cible)(?<!cibles)|ciblant"
    rf"|d[ée]truit\w*|endommag\w*|"
    rf"bless[ée]e?s?|blessant|s{AP}est\s+abattu\w*|s{AP}abat\w*|largu[ée]\w*|tomb[ée]e?s?\s+sur|mort\s+de|"
    rf"men(?:ait|aient)|multipli\w*|ravag\w*|mis\s+hors\s+(?:service|d{AP}usage)|fait\s+usage|utilis\w*|pulv[ée]ris\w*|"
    rf"d[ée]vast\w*|s{AP}abattent|tir[ée]e?s\s+(?:sur|contre)|(?:a|ont|avait|avaient)\s+(?:aussi\s+|encore\s+)?retenti"
    rf"|explos[ée]e?s?"
    rf"|lan[cç](?:[ée]e?s?|ent|aient|ait|ant)\s+(?:des|de\s+nouve(?:aux|lles)|plusieurs)\s+"
    rf"(?:drones|roquettes|missiles|obus|frappes|raids))\b",
    _I,
)


TARGET_AFTER = re.compile(
    r"^[^.;]{0,70}?\b(?:sur|contre)\s+(?:le|la|les|l['’]|un|une|des|deux|trois|plusieurs|ces"
    r"|cette|ce|cet|leurs?|ses|son|sa|d['’]autres|[A-ZÀ-Þ])",
    0,
)


#: A strike named again with a demonstrative ("ces raids", "cette frappe", "ce type de bombardement"): the
#: strike told before, not a new one, unless the clause names a place of its own.
STRIKE_ANAPHOR = re.compile(
    r"\b(?:ce|cet|cette|ces)\s+(?:(?:types?\s+de|nouvel(?:le)?s?|derni[eè]re?s?|m[êe]mes?)\s+)?$"
    r"|^\W*(?:les|le|la|l['’])\s*$",  # a definite strike opening its sentence: "Les raids, imputés à Damas, ..."
    _I,
)


#: Strikes that resumed: "les frappes (y) ont repris dimanche", "les raids reprennent" (the trigger is the subject).
STRIKE_RESUMED = re.compile(
    r"^\s*(?:[\w’'\-]+\s+){0,3}?(?:y\s+)?(?:ont|avaient|a|avait)\s+repris\b|^\s*(?:y\s+)?reprenn?ent\b", _I
)


#: A strike as the agent of a passive or the cause of a loss: "repoussés par des frappes russes", "sous les bombes".
#: Also a strike named with the fighting it went with ("après des combats acharnés et des frappes aériennes",
#: "émaillée de combats et de bombardements") or as the support of an advance ("avec l'appui des frappes").
STRIKE_AGENT_BEFORE = re.compile(
    r"\b(?:par|sous)\s+(?:des|les|de\s+(?:nouvelles|nouveaux|violentes|violents|multiples)|d['’]intenses)\s*$"
    r"|\b(?:combats|affrontements|accrochages)(?:\s+[\w’'\-]+){0,2}?\s+et\s+(?:de\s+|des\s+|d['’])\s*$"
    r"|\b(?:soutien|appui|couverture)(?:\s+(?:a[ée]rien|d[ée]cisif|massif|intensif))?\s+(?:des|de\s+nouvelles)\s*$",
    _I,
)


#: A strike dated to the day after its name: "après un raid israélien le 10 juin 2022", "une frappe le 3 mai".
STRIKE_DATED_AFTER = re.compile(
    r"^(?:\s+[\w’'\-]+){0,3}?\s+le\s+\d{1,2}(?:er)?\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t"
    r"|septembre|octobre|novembre|d[ée]cembre)\b",
    _I,
)


#: A strike verb is its own action: "l'armée pilonne X", "bombardaient les abords de X", "a été visée".
VERB_TRIGGER = re.compile(r"(?:pilonn|bombard)(?:e|ent|ait|aient|ant|er)$|^(?:a|ont|avait|avaient)\s", _I)


CLASH = re.compile(
    r"\b(?:combats|affrontements|accrochages|heurts|violences\s+arm[ée]es|batailles?)\b",
    _I,
)


CLASH_PRED = re.compile(
    r"\b(?:opposent|opposant|oppos[ée]|ont\s+(?:fait|[ée]clat[ée]|tu[ée]|eu\s+lieu|oppos[ée]|repris)|a\s+fait|"
    r"se\s+poursuiv\w*|se\s+sont\s+poursuivis|font\s+rage|faisaient\s+rage|ont\s+fait\s+rage|violents?|intenses|"
    r"meurtriers|au\s+sol|[ée]clat[ée]|en\s+cours|ont\s+lieu|avaient\s+lieu)\b",
    _I,
)


CLASH_NEG_BEFORE = re.compile(
    r"(?:fui|fuyant|fuir|[ée]chapp\w*|arr[êe]t(?:er)?|cessation|fin|tr[êe]ve|pause|forces\s+dans|entraver"
    r"|sans)(?:\s+[\w’']+){0,3}\s*$",
    _I,
)


OFFENSIVE = re.compile(
    rf"\b{_AUX}{_ADV}\s+(?:lanc[ée]|amorc[ée]|d[ée]clench[ée]|men[ée]|entam[ée]|d[ée]but[ée])e?s?\b[^.;]{{0,60}}?"
    rf"\b(?:offensive|progression|assaut|attaque|op[ée]ration\s+(?:militaire|terrestre))"
    rf"|\b(?:offensive|assaut|attaque)\s+(?:a\s+[ée]t[ée]\s+)?(?:lanc[ée]e|amorc[ée]e|d[ée]clench[ée]e)\b"
    rf"|\b(?:ont|a|avaient|avait)\s+(?:\w+\s+)?attaqu[ée]\b",
    _I,
)


#: Attacks that met resistance: "ont repoussé une attaque des forces prorégime", "une attaque ... a été
#: repoussée", "une attaque des jihadistes contre des positions du régime".
ATTACK = re.compile(
    rf"\brepouss\w*\s+(?:\w+\s+){{0,2}}?(?:une?|les|des|plusieurs|l{AP})\s*(?:\w+\s+)?(?:attaques?|assauts?|offensives?"
    rf"|tentatives?)\b"
    rf"|\b(?:attaques?|assauts?|offensives?)\b[^.;]{{0,100}}?\b(?:a|ont|avait"
    rf"|avaient)\s+(?:\w+\s+)?[ée]t[ée]\s+repouss[ée]e?s?\b"
    rf"|\b(?:attaques?|assauts?)\s+(?:[\w’'\-]+\s+){{0,5}}?contre\s+(?:des|les|leurs|l{AP}une\s+des)\s+positions\b",
    _I,
)


CLASH_EXTRA = re.compile(r"\b(?:" + "|".join(x.replace("{AP}", AP) for x in _fr_kinds.CLASH_EXTRA) + r")", _I)


#: A clash named only as the way a place was taken: "au terme de violents combats", "après trois jours de combats".
FIGHT_BACKGROUND = re.compile(
    r"(?:au\s+terme\s+d[e'’]|apr[èe]s|[àa]\s+l['’]issue\s+d[e'’])\s*(?:[\w’'\-]+\s+){0,6}$", _I
)


_CONTROL_VERB = (
    r"(?:conquis|captur[ée]e?s?|empar[ée]e?s?|reconquise?s?|pris\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche|hier)(?:\s+(?:matin|soir))?\s+)?(?:le\s+contr[ôo]le|possession|d{AP}assaut)|"
    r"encercl[ée]e?s?|avanc[ée]s?|progress[ée]s?|grignot[ée]|chass[ée]e?s?|d[ée]log[ée]e?s?|investi|"
    r"tomb[ée]e?s?(?:\s+(?!(?:et|mais|qui|que)\b)[\w’']+){0,4}?\s+(?:aux|entre\s+les)\s+mains"
    r"|pass[ée]e?s?(?:\s+[\w’']+){0,3}?\s+sous\s+(?:le\s+)?contr[ôo]le|"
    r"perc[ée]|bris[ée]\s+le\s+si[èe]ge|reprise?s?|conquise?s?|entrée?s?(?:\s+[\w’']+){0,3}?\s+dans|"
    r"ouvert\s+(?:une?|le|la)\s+(?:voie|route|passage|corridor|br[èe]che)(?!\s+[àa]\s)|regagn[ée])"
).replace("{AP}", AP)


_CONTROL_INF = (
    rf"(?:reprendre|conqu[ée]rir|reconqu[ée]rir|capturer|prendre\s+(?:le\s+contr[ôo]le\s+)?|s{AP}emparer|s{AP}ouvrir|"
    rf"briser|percer|encercler|chasser|d[ée]loger)"
)


CONTROL = re.compile(
    rf"\b{_AUX}{_CONTROL_ADV}(?:\s+[\w’'\-]+[ée]s?\s+et)?\s+{_CONTROL_VERB}\b"
    rf"|\b(?:r[ée]ussi|parvenus?|parvenues?|permis)\s+(?:à|de|d{AP})\s*{_CONTROL_INF}",
    _I,
)


PARTIAL = re.compile(
    r"encercl|avanc|progress|grignot|ouvr|bris|perc|\bentr[ée]|\bune\s+partie\b|partiellement"
    r"|en\s+partie",
    _I,
)


CLAIM = re.compile(
    rf"\b(?:a|ont)\s+(?:\w+\s+){{0,6}}?(?:affirm[ée]|assur[ée]|annonc[ée]|revendiqu[ée])\b[^.]{{0,80}}\bavoir\b|"
    rf"\bselon\s+(?:un\s+site|l{AP}arm[ée]e|le\s+r[ée]gime|Damas|les\s+rebelles"
    rf"|des\s+m[ée]dias\s+pro)|\bsite\s+pro\w*|\brevendiqu\w*|\bdit\s+avoir\b"
    rf"|\bassure\s+avoir\b",
    _I,
)


REVERSED = re.compile(
    r"\brepouss\w*|\breperdu\w*|\bperdu\s+(?:à\s+nouveau|de\s+nouveau)|\bont\s+(?:aussitôt"
    r"|ensuite)\s+repris|\bd[ée]menti\w*",
    _I,
)


DISPLACEMENT = re.compile(
    rf"\b{_AUX}{_ADV}\s+(?:fui|d[ée]plac[ée]e?s?|[ée]vacu[ée]e?s?|jet[ée]e?s?\s+sur\s+les\s+routes)\b|\bfuyant\b|"
    rf"\bla\s+fuite\s+d(?:e|{AP})|\bexode\b|\bd[ée]plac[ée]e?s\b",
    _I,
)


NEG = re.compile(r"\b(?:n['’]|ne\s+)(?:\w+\s+){0,2}$|\bpas\s*$", _I)


FUTURE = re.compile(
    r"\b(?:commencera\w*|sera|seront|iront|ira|va|vont|compte|comptent|pr[ée]voit|pr[ée]voient|pr[ée]vue?s?|envisage\w*"
    r"|"
    r"s['’]appr[êe]t\w*|se\s+dessine|d[ée]termin[ée]e?s?\s+[àa]|continuera|cherchent?\s+[àa]|visant\s+[àa]"
    r"|pour\s+reprendre|"
    r"jusqu['’][àa]\s+reprendre|objectif)\b",
    _I,
)


FIRST_PERSON = re.compile(r"\b(?:nous|je|j['’]|on|nos|mon|ma|mes)\b", _I)


#: Explosive devices and suicide attacks: subtype "explosion" (ACLED "remote explosive / suicide bomb").
IED = re.compile(r"explos|pi[ée]g|kamikaze|attentat|\bmines?\b", _I)


#: A sentence that only gives a toll: "Le bilan s'élève à sept morts", "Le bilan est de 12 tués".
TOLL_SENTENCE = re.compile(
    r"^\W*(?:(?:Selon|D['’]apr[èe]s)\s+[^,]{1,60},\s*)?(?:le|ce|un)\s+(?:nouveau\s+|dernier\s+"
    r"|premier\s+)?bilan\b(?![^.]{0,60}\b(?:guerre|conflit)\b)",
    _I,
)


#: A sentence that only counts the injured of the strike told before ("Plus de 100 personnes ont été blessées
#: lundi dans le sud de X"): a strike coded from its injured when no one was counted killed, unless the
#: sentence names that strike again ("blessées dans ce raid": the same strike).
INJURED_SENTENCE = re.compile(
    r"^\W*(?:plus\s+de\s+|au\s+moins\s+|pr[èe]s\s+de\s+)?[\w.]+\s+(?:personnes|civils|habitants)\s+"
    r"(?:ont|avaient)\s+(?:aussi\s+|également\s+)?[ée]t[ée]\s+bless[ée]e?s\b"
    r"(?![^.;]*\b(?:ce|cet|cette|ces|m[êe]mes?)\s+(?:raids?|frappes?|bombardements?|attaques?|tirs?|explosions?)\b)",
    _I,
)


#: An earlier, superseded toll: "Un précédent bilan faisait état de huit morts".
EARLIER_TOLL_ANY = re.compile(
    r"\b(?:pr[ée]c[ée]dent|ant[ée]rieur|initial|premier|ancien)\w*\s+bilan\b"
    r"|\bbilan\s+(?:pr[ée]c[ée]dent|initial|provisoire\s+pr[ée]c[ée]dent)",
    _I,
)


#: A source's own toll of an event told before: "avançaient un bilan de 42 morts", "a recensé parmi les morts ...".
TOLL_REPORT = re.compile(
    r"\b(?:bilan|recens\w*|fait\s+[ée]tat|d[ée]nombr\w*|d[ée]compt\w*|fait\s+\S+\s+(?:morts"
    r"|victimes))\b",
    _I,
)


#: Strikes told over the whole war ("Israël a multiplié les frappes en Syrie depuis 2011"): a trend, not an event.
WAR_LONG = re.compile(
    r"\bdepuis\s+(?:le\s+d[ée]but\s+(?:de\s+la\s+guerre|du\s+conflit|de\s+la\s+r[ée]volte|du\s+soul[èe]vement)"
    r"|des\s+ann[ée]es|plusieurs\s+ann[ée]es)"
    r"|\bmultipli\w*\s+(?:les|ses|leurs)\s+(?:frappes|raids|bombardements|attaques)\b[^.;]{0,40}?\bdepuis\s+(?:19|20)\d\d\b",
    _I,
)


#: "Depuis des années" telling a long absence, not a long campaign: "l'aviation, absente de ce ciel depuis des
#: années, a bombardé ...": the strike is new.
ABSENT_SINCE = re.compile(
    r"\b(?:absente?s?|inactive?s?|silencieu(?:x|se|ses)|[ée]cart[ée]e?s?)\s+(?:[\w’'\-]+\s+){0,4}?depuis\s+"
    r"(?:des|plusieurs)\s+ann[ée]es",
    _I,
)


#: A side's own losses ("déplore 46 morts dans ses rangs", "les pertes du régime"): fighters, not a strike's victims.
OWN_LOSSES = re.compile(r"\bdans\s+(?:ses|leurs|nos)\s+rangs\b|\bpertes\b", _I)


#: Fighting named by its noun ("la contre-attaque a fait six morts"): a toll of a clash, not of a strike.
GROUND_ATTACK = re.compile(r"\b(?:contre-attaques?|contre-offensives?|assauts?|offensives?|embuscades?)\b", _I)


#: A toll of a whole battle, war or campaign, with no strike named: not one strike.
WAR_WIDE = re.compile(
    r"\b(?:combats|bataille|guerre|conflit|affrontements|violences|op[ée]rations|offensive|s[ée]isme|tremblement)\b"
    r"|\b[àa]\s+travers\s+(?:la\s+Syrie|le\s+pays)|\bl['’]an(?:n[ée]e)?\s+derni[eè]re?\b|\bdepuis\s+(?:le\s+d[ée]but"
    r"|\d{4})",
    _I,
)


CIVILIAN_TOLL = re.compile(r"\b(?:\d[\d\s.]*|[a-zé-]+)\s+civils\b", _I)


#: Fighting and strikes counted together over a period: a campaign's toll (kept as a strike only
#: when it counts civilians first: "ont tué plus de 300 civils et des centaines de combattants").
AGGREGATE_TOLL = re.compile(
    r"\b(?:combats|affrontements)\s+et\s+(?:les\s+|des\s+)?(?:bombardements|frappes|raids)|"
    r"\b(?:bombardements|frappes|raids)(?:\s+\w+)?\s+et\s+(?:les\s+|des\s+)?(?:combats|affrontements)",
    _I,
)


#: Subjects with which "ont repris" means "resumed": "les frappes ont repris", "les combats y avaient repris".
RESUMED_SUBJECT = re.compile(
    r"\b(?:bombardements|frappes|raids|combats|tirs|affrontements|violences|hostilit[ée]s"
    r"|pilonnages|attaques|cours|n[ée]gociations)\b(?:\s+[\w’']+){0,2}?\s*$",
    _I,
)


DISP_EXTRA = re.compile(r"\b(?:" + "|".join(x.replace("{AP}", AP) for x in _fr_kinds.DISPLACEMENT_EXTRA) + r")", _I)


DISP_PEOPLE = re.compile(_fr_kinds.DISPLACEMENT_PEOPLE, _I)

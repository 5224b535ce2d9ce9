"""Code events (strikes, clashes, control changes, displacement) from a French dispatch.

The text is cut into sentences (French abbreviations such as "M." do not end one), each sentence
into clauses at "tandis que", "alors que", ", et <jour>" and " où ". A clause qualifies as an
event of a kind when it holds a trigger of that kind *and* an action (a finite verb, a victim
count, a target "sur ..."); negated, planned, diplomatic ("appelant à cesser les bombardements")
and war-wide toll sentences do not. Clauses of one sentence that code the same event are merged;
an event whose place is only given in the next sentence ("... sur un village du nord-ouest de la
Syrie. ... les frappes ont visé le village de Joubass") spans both sentences, and a bare toll
("Environ 80 civils ont été tués dans le cadre de cette escalade") joins the strike before it.

Places come from the mentions (:func:`geo.extract.mentions.find_mentions`): the most specific
non-metonymic Syrian place of the clause, else of the sentence, else of the context ("cette
région" is the governorate of the place in focus, "ce secteur", "y" the place in focus; a sentence
with neither anaphor nor place takes its paragraph's governorate, else the document's main place,
never a military site only because it was named last). Country-level events ("en Syrie") keep
``place="Syria"``, ``geo_precision=3`` and no coordinates; a strike on a foreign place ("obus tirés
depuis la Syrie sur la ville turque de X") keeps ``place=X`` with no coordinates nor governorate,
so it is never drawn nor counted inside Syria. Who reports ("selon Moscou") is not the actor.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from geo.extract.actors import find_actors
from geo.extract.control_pass import (
    _CO_SUBJECT,
    ANAPHOR,
    ControlHit,
    _subject_head,
    control_sides,
    control_status,
    find_controls,
    find_states,
    opponent,
    tied_after,
)
from geo.kinds import acled_types
from geo.lang.fr import control as _fr_control
from geo.lang.fr import kinds as _fr_kinds
from geo.model import ControlState, Document, Event, FrontObservation, Mention

__all__ = ["Sentence", "find_control_states", "find_events", "split_sentences"]

# ----------------------------------------------------------------------------- sentences

_ABBREV = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "etc", "av", "cf", "ex", "env", "no", "n°", "gén", "gen", "col", "lt"}
_END = re.compile(r"[.!?…]+[\"»”)]*(?=[\s\u00a0]+[\"«“(\-–]?[\s\u00a0]*[A-ZÀ-ÖØ-Þ0-9])")
_DATE_PREFIX = re.compile(r"\A\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*")


@dataclass(slots=True)
class Sentence:
    """A sentence of a document: offsets into ``doc.text`` and its paragraph number."""

    start: int
    end: int
    text: str
    para: int
    index: int = 0


def split_sentences(text: str, lo: int = 0) -> list[Sentence]:
    """Split French text into sentences with offsets.

    Parameters
    ----------
    text : str
        The document text.
    lo : int
        Where to start (after a `` date YYYY-MM`` prefix).

    Returns
    -------
    list of Sentence
        Paragraph breaks (newlines) always end a sentence; ``.``, ``!``, ``?`` end one before a
        capital unless the word before is an abbreviation ("M.") or a single initial.
    """
    out: list[Sentence] = []
    para = 0
    for line in re.finditer(r"[^\n]+", text[lo:]):
        ls, le = line.start() + lo, line.end() + lo
        if not text[ls:le].strip():
            continue
        cut = ls
        for m in _END.finditer(text, ls, le):
            word = _last_word(text, cut, m.start())
            w = word.lower()
            if w in _ABBREV or (len(word) == 1 and word.isupper()):
                continue
            _push(out, text, cut, m.end(), para)
            cut = m.end()
        _push(out, text, cut, le, para)
        para += 1
    for i, s in enumerate(out):
        s.index = i
    return out


_WORD_CHAR = re.compile(r"[\w°]")


def _last_word(text: str, lo: int, hi: int) -> str:
    """The word just before ``hi`` (as ``re.search(r"([\\w°]+)$", text[lo:hi])`` captures; "" when none).

    The regex backtracks over every start position of a long word: quadratic on a hostile line.
    """
    i = hi
    while i > lo and _WORD_CHAR.match(text, i - 1):
        i -= 1
    return text[i:hi]


def _push(out: list[Sentence], text: str, a: int, b: int, para: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a and re.search(r"\w", text[a:b]):
        out.append(Sentence(a, b, text[a:b], para))


# ----------------------------------------------------------------------------- lexicon

_I = re.IGNORECASE
_AP = r"['’]"
_AUX = (
    rf"(?:a|ont|avait|avaient|aurait|auraient|avoir|ayant|s{_AP}est|se\s+sont|s{_AP}[ée]taient|s{_AP}[ée]tait|"
    rf"sont|est|[ée]taient|[ée]tait|ont\s+[ée]t[ée]|a\s+[ée]t[ée]|avait\s+[ée]t[ée]|avaient\s+[ée]t[ée]|se\s+seraient|se\s+serait|s{_AP}en\s+sont|s{_AP}en\s+est)"
)
_ADV = r"(?:\s+(?!(?:et|mais|qui|que)\b)[\w’'\-]+){0,3}?"

STRIKE = re.compile(
    rf"\b(?:raids?(?:\s+a[ée]riens?)?|frappes?(?:\s+a[ée]riennes?)?|bombardements?|barils?\s+(?:d{_AP}explosifs|explosifs)|"
    rf"tirs?\s+(?:de\s+roquettes?|d{_AP}obus|d{_AP}artillerie|de\s+missiles?|de\s+mortiers?)|obus|roquettes?|missiles?|"
    rf"drones?|pilonnages?|bombardiers|avions?\s+(?:du\s+r[ée]gime|militaires|russes|de\s+guerre|syriens|turcs|isra[ée]liens|de\s+la\s+coalition)|"
    rf"h[ée]licopt[èe]res|(?:ont|a|avaient|avait)\s+(?:\w+\s+){{0,2}}?(?:bombard[ée]|pilonn[ée]|frapp[ée])(?<!frappe)s?|"
    rf"explosions?|voitures?\s+pi[ée]g[ée]es?|v[ée]hicules?\s+pi[ée]g[ée]s?|engins?\s+explosifs?|mines?\s+antipersonnel|"
    rf"attentats?(?:[\s-]+suicides?)?|kamikazes?|(?:se\s+sont|s{_AP}est)\s+fait\s+exploser|a\s+explos[ée]|"
    + "|".join(x.replace("{AP}", _AP) for x in _fr_kinds.STRIKE_EXTRA) + r")\b",
    _I,
)
_NOT_A_WEAPON = re.compile(_fr_kinds.STRIKE_NOT_A_WEAPON.replace("{AP}", _AP), _I)
_VAC = re.compile(r"\b(?:" + "|".join(x.replace("{AP}", _AP) for x in _fr_kinds.VAC_TRIGGERS) + r")\b", _I)
_ABDUCTION = re.compile(r"\b(?:" + "|".join(x.replace("{AP}", _AP) for x in _fr_kinds.VAC_ABDUCTION) + r")\b", _I)
_VAC_AGENT = re.compile(_fr_kinds.VAC_GROUND_AGENT.replace("{AP}", _AP), _I)
_STRIKE_NEG_BEFORE = re.compile(
    r"(?:cesser|arr[êe]t(?:er)?|fin\s+(?:des|aux)|condamn\w*|d[ée]nonc\w*|interdi\w*|craign\w*|raison\s+d\w*|"
    r"malgr[ée]|menace\w*|risque\w*|[ée]viter|protection\s+contre|pause\s+dans)(?:\s+[\w’']+){0,4}\s*$",
    _I,
)
_STRIKE_NEG_AFTER = re.compile(r"^\s*(?:doivent|doit|devraient|devrait)\s+(?:cesser|s['’]arr)", _I)
_STRIKE_ACTION = re.compile(
    rf"\b(?:tu[ée]e?s?|tuant|tuer|p[ée]ri|perdu\s+la\s+vie|co[ûu]t[ée]\s+la\s+vie|(?:ont|a|avaient)\s+fait|vis[ée]e?s?|visant|"
    rf"frapp[ée](?:e|es|s)?\b(?<!frappes)|touch[ée]e?s?|abattue?s?|secou[ée]e?s?|men[ée]e?s?|m[èe]nent|m[èe]ne|menant|intensifi[ée]e?s?|"
    rf"poursuiv\w*|pilonn\w*|bombard[ée]e?s?|eu\s+lieu|meurtri\w*|cibl[ée](?:e|es|s)?\b(?<!cible)(?<!cibles)|ciblant|d[ée]truit\w*|endommag\w*|"
    rf"bless[ée]e?s?|blessant|s{_AP}est\s+abattu\w*|s{_AP}abat\w*|largu[ée]\w*|tomb[ée]e?s?\s+sur|mort\s+de|"
    rf"men(?:ait|aient)|multipli\w*|ravag\w*|mis\s+hors\s+(?:service|d{_AP}usage)|fait\s+usage|utilis\w*|pulv[ée]ris\w*|"
    rf"d[ée]vast\w*|s{_AP}abattent|tir[ée]e?s\s+(?:sur|contre))\b",
    _I,
)
_TARGET_AFTER = re.compile(r"^[^.;]{0,40}?\b(?:sur|contre)\s+(?:le|la|les|l['’]|un|une|des|deux|trois|plusieurs|ces|cette|ce|cet|leurs?|ses|son|sa|d['’]autres|[A-ZÀ-Þ])", 0)
#: A strike verb is its own action: "l'armée pilonne X", "bombardaient les abords de X", "a été visée".
_VERB_TRIGGER = re.compile(r"(?:pilonn|bombard)(?:e|ent|ait|aient|ant)$|^(?:a|ont|avait|avaient)\s", _I)

CLASH = re.compile(
    r"\b(?:combats|affrontements|accrochages|heurts|violences\s+arm[ée]es|batailles?)\b",
    _I,
)
_CLASH_PRED = re.compile(
    r"\b(?:opposent|opposant|oppos[ée]|ont\s+(?:fait|[ée]clat[ée]|tu[ée]|eu\s+lieu|oppos[ée]|repris)|a\s+fait|"
    r"se\s+poursuiv\w*|se\s+sont\s+poursuivis|font\s+rage|faisaient\s+rage|ont\s+fait\s+rage|violents?|intenses|"
    r"meurtriers|au\s+sol|[ée]clat[ée]|en\s+cours|ont\s+lieu|avaient\s+lieu)\b",
    _I,
)
_CLASH_NEG_BEFORE = re.compile(
    r"(?:fui|fuyant|fuir|[ée]chapp\w*|arr[êe]t(?:er)?|cessation|fin|tr[êe]ve|pause|forces\s+dans|entraver|sans)(?:\s+[\w’']+){0,3}\s*$",
    _I,
)
_OFFENSIVE = re.compile(
    rf"\b{_AUX}{_ADV}\s+(?:lanc[ée]|amorc[ée]|d[ée]clench[ée]|men[ée]|entam[ée]|d[ée]but[ée])e?s?\b[^.;]{{0,60}}?"
    rf"\b(?:offensive|progression|assaut|attaque|op[ée]ration\s+(?:militaire|terrestre))"
    rf"|\b(?:offensive|assaut|attaque)\s+(?:a\s+[ée]t[ée]\s+)?(?:lanc[ée]e|amorc[ée]e|d[ée]clench[ée]e)\b"
    rf"|\b(?:ont|a|avaient|avait)\s+(?:\w+\s+)?attaqu[ée]\b",
    _I,
)

#: Attacks that met resistance: "ont repoussé une attaque des forces prorégime", "une attaque ... a été
#: repoussée", "une attaque des jihadistes contre des positions du régime".
_ATTACK = re.compile(
    rf"\brepouss\w*\s+(?:\w+\s+){{0,2}}?(?:une?|les|des|plusieurs|l{_AP})\s*(?:\w+\s+)?(?:attaques?|assauts?|offensives?|tentatives?)\b"
    rf"|\b(?:attaques?|assauts?|offensives?)\b[^.;]{{0,100}}?\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?[ée]t[ée]\s+repouss[ée]e?s?\b"
    rf"|\b(?:attaques?|assauts?)\s+(?:[\w’'\-]+\s+){{0,5}}?contre\s+(?:des|les|leurs|l{_AP}une\s+des)\s+positions\b",
    _I,
)
_ATTACK_STEMS = ("repouss", "position")
_CLASH_EXTRA = re.compile(r"\b(?:" + "|".join(x.replace("{AP}", _AP) for x in _fr_kinds.CLASH_EXTRA) + r")", _I)
_CLASH_EXTRA_STEMS = ("affront", "battu", "batt", "sist", "front", "assaut", "combats", "offensive")
#: A clash named only as the way a place was taken: "au terme de violents combats", "après trois jours de combats".
_FIGHT_BACKGROUND = re.compile(r"(?:au\s+terme\s+d[e'’]|apr[èe]s|[àa]\s+l['’]issue\s+d[e'’])\s*(?:[\w’'\-]+\s+){0,6}$", _I)

_CONTROL_VERB = (
    r"(?:conquis|captur[ée]e?s?|empar[ée]e?s?|reconquise?s?|pris\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier)(?:\s+(?:matin|soir))?\s+)?(?:le\s+contr[ôo]le|possession|d{AP}assaut)|"
    r"encercl[ée]e?s?|avanc[ée]s?|progress[ée]s?|grignot[ée]|chass[ée]e?s?|d[ée]log[ée]e?s?|investi|"
    r"tomb[ée]e?s?(?:\s+(?!(?:et|mais|qui|que)\b)[\w’']+){0,4}?\s+(?:aux|entre\s+les)\s+mains|pass[ée]e?s?(?:\s+[\w’']+){0,3}?\s+sous\s+(?:le\s+)?contr[ôo]le|"
    r"perc[ée]|bris[ée]\s+le\s+si[èe]ge|reprise?s?|conquise?s?|entrée?s?(?:\s+[\w’']+){0,3}?\s+dans|"
    r"ouvert\s+(?:une?|le|la)\s+(?:voie|route|passage|corridor|br[èe]che)|regagn[ée])"
).replace("{AP}", _AP)
_CONTROL_INF = (
    rf"(?:reprendre|conqu[ée]rir|reconqu[ée]rir|capturer|prendre\s+(?:le\s+contr[ôo]le\s+)?|s{_AP}emparer|s{_AP}ouvrir|"
    rf"briser|percer|encercler|chasser|d[ée]loger)"
)
CONTROL = re.compile(
    rf"\b{_AUX}{_ADV}\s+{_CONTROL_VERB}\b"
    rf"|\b(?:r[ée]ussi|parvenus?|parvenues?|permis)\s+(?:à|de|d{_AP})\s*{_CONTROL_INF}",
    _I,
)
_PARTIAL = re.compile(r"encercl|avanc|progress|grignot|ouvr|bris|perc|\bentr[ée]|\bune\s+partie\b|partiellement|en\s+partie", _I)
_CLAIM = re.compile(
    rf"\b(?:a|ont)\s+(?:\w+\s+){{0,6}}?(?:affirm[ée]|assur[ée]|annonc[ée]|revendiqu[ée])\b[^.]{{0,80}}\bavoir\b|"
    rf"\bannon[cç]ait\b|\ba\s+annonc[ée]\b|\bselon\s+(?:un\s+site|l{_AP}arm[ée]e|le\s+r[ée]gime|Damas|les\s+rebelles|l{_AP}agence\s+officielle|"
    rf"la\s+t[ée]l[ée]vision|Sana|des\s+m[ée]dias\s+(?:officiels|pro))|\bsite\s+pro\w*|\brevendiqu\w*|\bdit\s+avoir\b|\bassure\s+avoir\b",
    _I,
)
_REVERSED = re.compile(r"\brepouss\w*|\breperdu\w*|\bperdu\s+(?:à\s+nouveau|de\s+nouveau)|\bont\s+(?:aussitôt|ensuite)\s+repris|\bd[ée]menti\w*", _I)

DISPLACEMENT = re.compile(
    rf"\b{_AUX}{_ADV}\s+(?:fui|d[ée]plac[ée]e?s?|[ée]vacu[ée]e?s?|jet[ée]e?s?\s+sur\s+les\s+routes)\b|\bfuyant\b|"
    rf"\bla\s+fuite\s+d(?:e|{_AP})|\bexode\b|\bd[ée]plac[ée]e?s\b",
    _I,
)
_NEG = re.compile(r"\b(?:n['’]|ne\s+)(?:\w+\s+){0,2}$|\bpas\s*$", _I)
_FUTURE = re.compile(
    r"\b(?:commencera\w*|sera|seront|iront|ira|va|vont|compte|comptent|pr[ée]voit|pr[ée]voient|pr[ée]vue?s?|envisage\w*|"
    r"s['’]appr[êe]t\w*|se\s+dessine|d[ée]termin[ée]e?s?\s+[àa]|continuera|cherchent?\s+[àa]|visant\s+[àa]|pour\s+reprendre|"
    r"jusqu['’][àa]\s+reprendre|objectif)\b",
    _I,
)
_WAR_TOLL = re.compile(r"\b(?:guerre|conflit)\b", _I)
_FIRST_PERSON = re.compile(r"\b(?:nous|je|j['’]|on|nos|mon|ma|mes)\b", _I)
_KILL_VERB = re.compile(
    r"\b(?:tu[ée]e?s?|tuant|ex[ée]cut[ée]e?s?|massacr[ée]e?s?|p[ée]ri|perdu\s+la\s+vie|co[ûu]t[ée]\s+la\s+vie|trouv[ée]\s+la\s+mort|d[ée]c[ée]d[ée]e?s?|"
    r"mort\s+de|morts?\b|fait\s+\S+\s+morts)",
    _I,
)
_VICTIM = re.compile(
    r"^\s*(?:de\s+|d['’])?(?:autres?\s+)?(?:civils?|personnes?|morts?|enfants?|femmes?|combattants?|soldats?|membres?|militaires?|rebelles?|"
    r"d?jihadistes?|insurg[ée]s?|policiers?|secouristes?|habitants?|victimes?|tu[ée]s?|bless[ée]s?|d[ée]plac[ée]s?|"
    r"r[ée]fugi[ée]s?|hommes?|villageois|[ée]l[èe]ves?|patients?|m[ée]decins?|gar[çc]ons?|filles?|b[ée]b[ée]s?|"
    r"infirmi[eè]re?s?|journalistes?|ouvriers?|agriculteurs?|passants?|fid[èe]les|manifestants?|d['’]entre\s+(?:eux|elles))\b",
    _I,
)
_CIVIL = re.compile(r"^\s*(?:de\s+|d['’])?(?:autres?\s+)?(?:civils?|personnes?|enfants?|femmes?|habitants?|victimes?|villageois|[ée]l[èe]ves?|patients?|b[ée]b[ée]s?|gar[çc]ons?|filles?|"
                    r"infirmi[eè]re?s?|journalistes?|ouvriers?|agriculteurs?|passants?|fid[èe]les|manifestants?)\b", _I)
#: "un civil", "une autre femme": a count of one that the number reader leaves to the context.
_ONE = re.compile(
    r"\b(?:un|une)\s+(?=(?:autre\s+)?(?:civile?|enfant|femme|homme|soldat|combattant|rebelle|jihadiste|djihadiste|policier|secouriste|habitant|"
    r"militaire|infirmi[eè]re?|journaliste|m[ée]decin|adolescente?|b[ée]b[ée]|fillette|gar[çc]on)\b)",
    _I,
)
_CHILD = re.compile(r"^\s*(?:de\s+|d['’])?(?:enfants?|mineurs?|gar[çc]ons?|fillettes?|b[ée]b[ée]s?|[ée]l[èe]ves?)\b", _I)
_EARLIER_TOLL = re.compile(r"(?:auparavant|pr[ée]c[ée]dent|pr[ée]c[ée]demment|initial|premier)\w*\s+(?:\w+\s+){0,4}bilan\s+de\s*$|bilan\s+(?:pr[ée]c[ée]dent|initial)\s+de\s*$", _I)
_CLAUSE_BOUNDARY = re.compile(
    r",?\s+(?:tandis\s+qu|alors\s+qu)(?=e\b|['’])"
    r"|,\s+et\s+(?=(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la\s+veille|le\s+lendemain)\b)"
    r"|\s+o[ùu]\s+(?=[^,.]*\d)",
    _I,
)
_FRONT = re.compile(
    r"\b(?:sont|est|se\s+trouvent|se\s+trouve|positionn[ée]e?s|arriv[ée]e?s|stationn[ée]e?s)\s+(?:d[ée]sormais\s+|maintenant\s+|ainsi\s+|d[ée]j[àa]\s+)?"
    r"(?:[àa]\s+)(?P<num>(?:moins\s+de\s+|environ\s+|pr[èe]s\s+de\s+|quelque\s+|une\s+)?[\w,\-]+)\s*(?:kilom[èe]tres?|km)\s+(?:de|d['’]|du)",
    _I,
)
_REGION_ANAPHOR = re.compile(r"\b(?:cette|la|une)\s+r[ée]gion\b|\bla\s+zone\b|\bcette\s+zone\b|\b(?:dans|de)\s+(?:cette|la)\s+province\b(?!\s+(?:de|d['’]|du|turque|voisine))", _I)
_AREA_ANAPHOR = re.compile(
    r"\b(?:ce|le)\s+secteur\b|\b(?:cette|la)\s+(?:ville|cit[ée]|m[ée]tropole|localit[ée])\b|\bgrande\s+ville\b|\by\s+(?:ont|a|avaient|avait|est|sont)\b|"
    r"\bquartiers\s+(?:rebelles|gouvernementaux|est|ouest)\b",
    _I,
)
_TARGET_CTX = re.compile(
    r"(?:\bvisant|\bcontre|\baux|\bau|(?<!\w)à|\boppos\w+\s+(?:\w+\s+){0,3}[àa]|tenu[es]*\s+par|aux\s+mains\s+d\w*|domin[ée]e?s?\s+par|"
    r"positions\s+(?:de|du|des)|(?:quartiers?|secteurs?|zones?|positions?|villages?|localit[ée]s?|territoires?|sites?|bastions?)|sous\s+(?:le\s+)?contr[ôo]le\s+d\w*|contr[ôo]l[ée]e?s?\s+par|d[ée]tenait|membres\s+d\w*)"
    r"\s+(?:les\s+|la\s+|le\s+|l['’]|des\s+|du\s+)?$",
    _I,
)
#: The actor that follows is the author of the action: "attribuées aux jihadistes", "menés par
#: l'aviation russe", "revendiqué par le groupe EI", "bombardée par les forces du régime".
_AGENT_CUE = re.compile(
    rf"(?:\b(?:attribu|imput)\w*\s+(?:à|aux|au)\s+|\b(?:men|perp[ée]tr|revendiqu|conduit|effectu|lanc|bombard|pilonn|frapp|vis|cibl|touch|"
    rf"tir|largu|captur|conquis|repris|chass|d[ée]log)[ée]?e?s?\s+par\s+)"
    rf"(?:l{_AP}|la\s+|les\s+|le\s+|des\s+|un\s+|une\s+)?(?:\w+\s+){{0,1}}$",
    _I,
)
_SUPPORT_CUE = re.compile(
    r"\b(?:soutenu|appuy[ée]|aid[ée]|couvert|[ée]paul[ée]|accompagn[ée]|encadr[ée]|financ[ée]|arm[ée]|entra[îi]n[ée]|"
    r"backed|soutien|appui|l{AP}aide|l{AP}appui|le\s+soutien|la\s+couverture)\w*\s+(?:a[ée]rien\w*\s+)?(?:par|de|d{AP}|du|des)\s+"
    r"(?:l{AP}|la\s+|les\s+|le\s+|des\s+)?(?:\w+\s+){{0,1}}$".replace("{AP}", _AP).replace("{{0,1}}", "{0,1}"),
    _I,
)
_WEAPON_ACTOR = re.compile(r"(?:frappes|raids|bombardements|avions|aviation|tirs|artillerie|drones|h[ée]licopt[èe]res)\b", _I)
#: The actor that follows is a source: "selon Moscou", "d'après l'armée", "a indiqué l'armée russe".
_SOURCE_CUE = re.compile(
    rf"\b(?:selon|d{_AP}apr[èe]s|de\s+source|(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:indiqu|affirm|annonc|rapport|d[ée]clar|assur|pr[ée]cis|"
    rf"expliqu|ajout|soulign|accus|d[ée]menti|confirm)\w*|affirment|affirme|indique|indiquent|annonce|annoncent|rapporte|rapportent|"
    rf"assure|assurent|accuse|accusent|d[ée]clare|d[ée]clarent|a-t-\w+\s+(?:\w+\s+)?)"
    rf"\s+(?:[\w’'\-]+\s+){{0,4}}?(?:l{_AP}|la\s+|les\s+|le\s+|des\s+|du\s+)?$",
    _I,
)
_PRONOUN_START = re.compile(r"^\s*(?:Elles|Ils|Elle|Il)\b")
_SPECIFICITY = {"neighbourhood": 6, "camp": 6, "military site": 6, "village": 5, "town": 5, "city": 4, "road": 4,
                "other": 4, "subdistrict": 3, "district": 2, "region": 2, "governorate": 1, "country": 0}


#: Explosive devices and suicide attacks: subtype "explosion" (ACLED "remote explosive / suicide bomb").
_IED = re.compile(r"explos|pi[ée]g|kamikaze|attentat|\bmines?\b", _I)


def _subtype(trigger: str, clause: str, actor: str | None) -> str:
    low = clause.lower()
    for key, sub in (("baril", "barrel_bomb"), ("drone", "drone"), ("missile", "missile"), ("roquette", "rocket")):
        if key in low:
            return sub
    if _IED.search(trigger):
        return "explosion"
    t = trigger.lower()
    if "baril" in t:
        return "barrel_bomb"
    if "drone" in t:
        return "drone"
    if "missile" in t:
        return "missile"
    if "roquette" in t:
        return "rocket"
    if "obus" in t or "artillerie" in t or "pilonn" in t or "mortier" in t:
        return "shelling"
    if "bombardement" in t or "bombard" in t:
        if actor in {"rebels", "HTS/jihadists", "IS", "SDF/Kurdish forces"}:
            return "shelling"
        if re.search(r"avions?|aviation|a[ée]rien|raid|russe|h[ée]licopt", clause, _I):
            return "air"
        return "shelling"
    return "air"


# ----------------------------------------------------------------------------- analysis


@dataclass(slots=True)
class _Clause:
    start: int  # offsets into doc.text
    end: int
    text: str
    sent: Sentence
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class _Draft:
    event: Event
    clause: _Clause
    place_from: str  # "clause" | "sentence" | "context" | "none"
    has_when: bool
    trigger_less: bool = False
    mention: Mention | None = None
    toll_only: bool = False  # a bare toll sentence: kept only when it joins the event before


def _mentions_in(mentions: list[Mention], a: int, b: int) -> list[Mention]:
    """Mentions that start in ``[a, b)`` (the one sentence/clause lookup of this module; ``mentions`` sorted
    by start): two bisections, never a scan, so extraction stays linear in document size."""
    lo = bisect_left(mentions, a, key=_start_of)
    return mentions[lo : bisect_left(mentions, b, lo=lo, key=_start_of)]


def _start_of(m: Mention) -> int:
    return m.start


def _within(items: list[tuple[int, int, Any]], a: int, b: int) -> list[tuple[int, int, Any]]:
    """Items of a sentence that fall in the clause ``[a, b)``, with clause offsets."""
    return [(s - a, e - a, x) for s, e, x in items if a <= s and e <= b]


def _clauses(sent: Sentence) -> list[tuple[int, int]]:
    cuts = [0]
    for m in _CLAUSE_BOUNDARY.finditer(sent.text):
        if m.start() > 10 and len(sent.text) - m.start() > 10:
            cuts.append(m.start())
    cuts.append(len(sent.text))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _counts(text: str) -> list[tuple[int, int, Any]]:
    """Counts of a sentence, plus "un civil" / "une autre femme" read as one."""
    try:
        from geo.extract.numbers import Count, find_counts
    except ImportError:  # pragma: no cover - geo.extract.numbers ships with the package
        return []
    from geo.extract.numbers import find_people

    found = find_counts(text, skip_dates=True)
    people = [(s, e, _People(c.value)) for s, e, c in find_people(text)] if _may_hold(text, (" et ",)) else []
    if people:  # "une femme et ses deux filles": one count of 3 replaces the counts inside
        found = [t for t in found if not any(ps <= t[0] < pe for ps, pe, _p in people)] + people
    ones = [(m.start(), m.end() - 1, Count(1, False, False)) for m in _ONE.finditer(text)
            if not any(s <= m.start() < e for s, e, _c in found)]
    return sorted(found + ones, key=lambda t: t[0]) if ones or people else found


class _People(int):
    """A count of people read from noun phrases ("un père et ses trois enfants"): they are the victims."""

    @property
    def value(self) -> int:
        return int(self)

    minimum = False
    approx = False


def _when(text: str) -> list[tuple[int, int, str]]:
    from geo.extract.dates import find_when

    return find_when(text)


#: A count of injured: "20 blessés", "18 autres blessés", "quatre patients blessés", "une quarantaine de blessés".
_INJURED_AFTER = re.compile(r"^\s*(?:de\s+|d['’])?(?:autres?\s+)?(?:[\w’'\-]+\s+)?bless[ée]e?s?\b", _I)
#: Between two parts of one toll: "dix combattants de l'EI et six civils", "trois soldats, deux civils".
_PART_GAP = re.compile(r"\s*(?:[\w’'\-]+\s+){0,5}?(?:et\s+|,\s*)|\s*(?:[\w’'\-]+\s+){0,4}?[\w’'\-]+,\s*(?:et\s+)?", _I)


def _casualties(text: str, counts: list[tuple[int, int, Any]] | None = None) -> dict[str, Any]:
    """Read killed / children / injured / displaced counts of a clause."""
    out: dict[str, Any] = {}
    has_kill_verb = bool(_KILL_VERB.search(text))
    subset = False
    last_end: int | None = None  # end of the killed count, while "X soldats et Y jihadistes" goes on
    for s, e, c in _counts(text) if counts is None else counts:
        before = text[max(0, s - 40) : s]
        after = text[e : e + 40]
        if isinstance(c, _People):
            after = " personnes" + after  # the phrase names the victims itself
        if re.search(r"\bdont\s*$", before, _I):
            subset = True
        if _EARLIER_TOLL.search(before):
            continue
        if not _VICTIM.match(after):
            continue
        if _INJURED_AFTER.match(after) or re.search(r"\b(?:bless[ée]|blessant)\s+(?:au\s+moins\s+|plus\s+de\s+)?$", before, _I):
            out.setdefault("injured", c.value)
            continue
        if re.match(r"^\s*d[ée]plac[ée]", after, _I) or re.search(
            r"^\s*(?:personnes|habitants|civils)\s+(?:ont\s+(?:\w+\s+)?(?:fui|[ée]t[ée]\s+d[ée]plac|quitt)|(?:\w+\s+){0,3}d[ée]plac[ée]es?)", after, _I
        ) or re.search(r"(?:fuite|exode|d[ée]placement)\s+(?:de\s+|d['’])\s*$", before, _I):
            out.setdefault("displaced", c.value)
            out.setdefault("displaced_min", c.minimum)
            continue
        if subset:
            if "killed" in out and _CHILD.match(after) and "children_killed" not in out:
                out["children_killed"] = c.value
                out["civilian"] = True
            continue
        if "killed" in out:
            if last_end is not None and _PART_GAP.fullmatch(text[last_end:s]) and not c.approx:
                out["killed_sides"] = out.get("killed_sides", out["killed"]) + c.value
                last_end = e
            else:
                last_end = None
            continue
        after_far = text[e : e + 80]
        killed_here = re.match(r"^\s*morts?\b", after, _I) or (
            has_kill_verb
            and (re.search(r"(?:tu[ée]|tuant|ex[ée]cut[ée]|co[ûu]t[ée]\s+la\s+vie\s+[àa]|mort\s+de|fait)(?:\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
                           r"hier|aujourd['’]hui|ce\s+\w+|cette\s+\w+|dans\s+la\s+\w+|au\s+moins|encore))?\s+$", before, _I)
                 or _KILL_VERB.search(after_far))
        )
        if not killed_here:
            continue
        out["killed"] = c.value
        last_end = e
        out["killed_min"] = c.minimum
        out["killed_approx"] = c.approx
        out["civilian"] = bool(_CIVIL.match(after)) or bool(re.match(r"^\s*morts?\b", after, _I))
        if _CHILD.match(after):
            out["children_killed"] = c.value
    return out


def _actor(clause: str, anchor: int | None, kind: str,
           actors: list[tuple[int, int, str]] | None = None) -> tuple[str | None, str | None, str | None]:
    """Return (actor, actor_text, other side) for a clause; ``anchor`` is the trigger offset."""
    if actors is None:
        actors = find_actors(clause)
    if not actors:
        return None, None, None
    agents = []
    targets = []
    named = None  # explicitly the agent: "attribuées aux jihadistes", "menés par", "bombardé par"
    for s, e, label in actors:
        before = clause[max(0, s - 50) : s]
        if _SUPPORT_CUE.search(before) and not (kind == "strike" and _WEAPON_ACTOR.match(clause, s)):
            continue  # "soutenus par HTS", "appuyées par l'aviation russe": a backer, not the agent
        if _AGENT_CUE.search(before):
            if named is None:
                named = (s, e, label)
            continue
        if _SOURCE_CUE.search(before):
            continue  # who reports ("selon Moscou", "a indiqué l'armée russe") is not who acts
        if _TARGET_CTX.search(before[-40:]):
            targets.append((s, e, label))
        else:
            agents.append((s, e, label))
    pick = named
    if anchor is not None and kind == "strike":
        # "raids du régime", "raids aériens russes", "bombardements rebelles": the actor right after the trigger
        for s, e, label in agents:
            if anchor <= s <= anchor + 45:
                pick = (s, e, label)
                break
    if pick is None and agents:
        pick = agents[0]
    other = targets[0][2] if targets else None
    if pick is None:
        return None, None, other
    return pick[2], clause[pick[0] : pick[1]], other


_EXPELLED = re.compile(r"chass|d[ée]log", _I)


def _control_sides(clause: str, match: Any, actors: list[tuple[int, int, str]]) -> tuple[str | None, str | None]:
    """(new, previous) controller of passive and "fell to" control changes, else (None, None).

    "X est tombé aux mains de Y" / "passé sous le contrôle de Y": Y takes X. "X a été repris(e) par
    Y": Y takes. "Les jihadistes ont été chassés de X par Y": Y takes, the jihadists lose. "Y ont
    délogé les insurgés de X": the insurgents lose.
    """
    if match is None or not actors:
        return None, None
    verb = match.group()
    a, b = match.start(), match.end()
    if re.search(r"(?:mains|contr[ôo]le)$", verb, _I):
        # "... aux mains des forces du régime", "... sous le contrôle de l'armée": the actor right after
        after = [x for x in actors if b <= x[0] <= b + 25]
        before = [x for x in actors if x[1] <= a]
        return (after[0][2] if after else None), (before[-1][2] if before and _EXPELLED.search(verb) else None)
    passive = re.search(r"\b[ée]t[ée]\b", verb)
    if passive:
        par = re.compile(r"\bpar\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+)?$", _I)
        agent = next((x for x in actors if x[0] >= b and par.search(clause[max(b, x[0] - 30) : x[0]])), None)
        before = [x for x in actors if x[1] <= a]
        prev = before[-1][2] if before and _EXPELLED.search(verb) else None
        return (agent[2] if agent else None), prev
    if _EXPELLED.search(verb):
        obj = next((x for x in actors if b <= x[0] <= b + 25), None)
        subj = _subject_head(clause, [x for x in actors if x[1] <= a])
        if obj is not None:
            return (subj[-1][2] if subj else None), obj[2]
    return None, None


def _actor_text(clause: str, actors: list[tuple[int, int, str]], label: str | None) -> str | None:
    x = next((x for x in actors if x[2] == label), None) if label else None
    return clause[x[0] : x[1]] if x else None


def _best_place(mentions: list[Mention], text: str) -> tuple[Mention | None, bool]:
    """Most specific place among mentions; prefer places not introduced by "près de"/"au nord de"."""
    from geo.extract.mentions import mention_hint

    usable = [m for m in mentions if not m.foreign and not m.metonymic and m.name and not _is_dateline(text, m)]
    if not usable:
        return None, False
    scored = []
    for i, m in enumerate(usable):
        _hint, near = mention_hint(text, m)
        scored.append((m.kind == "country", near, -_SPECIFICITY.get(m.kind or "other", 4), i, m))
    scored.sort(key=lambda t: (t[0], t[1], t[2] if not t[1] else 0, t[3]))
    _country, near, _spec, _i, m = scored[0]
    if not near and m.kind in _BROAD_KINDS:
        # "près de Jisr al-Choughour, dans la province d'Idleb": near the town beats the whole governorate
        finer = [t for t in scored if t[1] and t[4].kind not in _BROAD_KINDS and t[4].start < m.start and m.start - t[4].end < 60]
        if finer:
            return finer[0][4], True
    return m, near


_BROAD_KINDS = {"governorate", "region", "district", "country"}


def _is_dateline(text: str, m: Mention) -> bool:
    """"(Maaret al-Noomane) Au moins huit civils ...": where the dispatch was filed, not the event."""
    return text[max(0, m.start - 1) : m.start] == "(" and text[m.end : m.end + 1] == ")" and not text[: max(0, m.start - 1)].strip(" \n")[-1:].isalnum()


def _precision(m: Mention | None, near: bool, text: str) -> int | None:
    if m is None:
        return None
    if m.kind in {"governorate", "country", "region", "district"}:
        before = text[max(0, m.start - 50) : m.start]
        if m.kind == "governorate" and re.search(r"(?:villages?|localit[ée]s?|quartiers?|secteurs?)\s+(?:\w+\s+)?(?:de|d['’])\s*$", before, _I):
            return 2
        return 3
    if near or re.search(r"\b(?:r[ée]gion|environs|alentours|p[ée]riph[ée]rie|campagne|banlieue)\s+(?:de\s+|d['’]|du\s+)\s*$",
                         text[max(0, m.start - 30) : m.start], _I):
        return 2  # "la région d'Afrine", "les environs de Qamichli": around the town
    return 1


def _fill_place(ev: Event, m: Mention | None, near: bool, text: str) -> None:
    """Place an event at a Syrian mention.

    An event placed only at the country ("en Syrie") keeps ``place="Syria"`` and
    ``geo_precision=3`` but no point and no governorate: a country centroid would be drawn as a
    precise point and counted in whichever governorate it falls in.
    """
    if m is None:
        return
    ev.place = m.name
    ev.geo_precision = _precision(m, near, text)
    if m.kind == "country":
        ev.lat = ev.lon = None
        ev.adm1 = ev.adm1_pcode = None
        return
    ev.lat, ev.lon = m.lat, m.lon
    ev.adm1, ev.adm1_pcode = m.adm1, m.adm1_pcode


def _fill_foreign(ev: Event, m: Mention) -> None:
    """Strike on a place outside Syria (shells fired from Syria onto a Turkish town).

    The event is kept (it is part of the war) with ``place`` the foreign name, no coordinates, no
    governorate and ``geo_precision=3``: it is never mapped nor counted inside Syria.
    """
    ev.place = m.name or m.surface
    ev.lat = ev.lon = None
    ev.adm1 = ev.adm1_pcode = None
    ev.geo_precision = 3


#: Where fire comes from, not where it lands: "tirés depuis la Syrie", "en provenance d'Idleb".
_ORIGIN_BEFORE = re.compile(
    rf"\b(?:depuis|[àa]\s+partir\s+d[eu']?|en\s+provenance\s+d[eu']?|lanc[ée]e?s\s+d[eu']?|tir[ée]e?s\s+d[eu']?)\s*(?:la\s+|le\s+|les\s+|l{_AP}|d{_AP})?\s*$",
    _I,
)
#: A foreign place hit: "se sont abattus sur les villes turques d'Akçakale", "ont visé Kilis".
_FOREIGN_TARGET_BEFORE = re.compile(
    rf"(?:\bsur|\bcontre|\bvis\w*|\bfrapp\w*|\btouch\w*|\bbombard\w*|\bpilonn\w*|\bcibl\w*|"
    rf"\b(?:villes?|villages?|localit[ée]s?|territoire|sol|base)\s+(?:\w+\s+)?(?:de|d{_AP}|du)|\bet\s+(?:de\s+|d{_AP}))"
    rf"\s*(?:la\s+|le\s+|les\s+|l{_AP}|des\s+|du\s+)?(?:ville\s+(?:\w+\s+)?(?:de\s+|d{_AP}))?\s*$",
    _I,
)


#: Where people flee to, not where they flee from: "vers Tal Rifaat", "en direction de Sarmada".
_DESTINATION_CUE = re.compile(
    rf"\b(?:vers|en\s+direction\s+d[eu'’]|jusqu{_AP}[àa]|[àa]\s+destination\s+d[eu'’]|r[ée]fugi[ée]e?s?\s+(?:[àa]|dans)|gagn[ée]\w*|rejoint\w*)",
    _I,
)


def _displacement_place(clause_mentions: list[Mention], sent_mentions: list[Mention], text: str) -> tuple[Mention | None, bool, str]:
    """Place of a displacement: where people flee from; destinations only when nothing else is named.

    A place is a destination when a cue ("vers", "en direction de", "jusqu'à") stands between it and
    the start of its sentence part (up to 120 characters back, not across ``.`` or ``;``):
    "ont fui la région d'Afrine, la plupart vers Tal Rifaat et les localités de Nubl et Zahraa".
    """
    for scope, mentions in (("clause", clause_mentions), ("sentence", sent_mentions)):
        origin = []
        for m in mentions:
            window = re.split(r"[.;]", text[max(0, m.start - 120) : m.start])[-1]
            if not _DESTINATION_CUE.search(window):
                origin.append(m)
        m, near = _best_place(origin, text)
        if m is not None:
            return m, near, scope
        m, near = _best_place(mentions, text)
        if m is not None:
            return m, near, scope
    return None, False, "sentence"


def _strike_place(clause_mentions: list[Mention], sent_mentions: list[Mention], text: str) -> tuple[Mention | None, bool, str, Mention | None]:
    """Place of a strike: (mention, near, from, foreign target).

    Places the fire comes from ("depuis la Syrie") are skipped while another place is named; a
    foreign place named as the target wins over the country or nothing (see :func:`_fill_foreign`).
    """
    for scope, mentions in (("clause", clause_mentions), ("sentence", sent_mentions)):
        landing = [m for m in mentions if not _ORIGIN_BEFORE.search(text[max(0, m.start - 30) : m.start])]
        m, near = _best_place(landing, text)
        if m is not None and m.kind != "country":
            return m, near, scope, None
        foreign = next((f for f in mentions if f.foreign and not f.metonymic and not _is_dateline(text, f)
                        and _FOREIGN_TARGET_BEFORE.search(text[max(0, f.start - 40) : f.start])
                        and not find_actors(text[f.start : f.end])), None)  # "Moscou", "Ankara": an actor, not a target
        if foreign is not None:
            return None, False, scope, foreign
        if m is not None:
            return m, near, scope, None
        m, near = _best_place(mentions, text)
        if m is not None:
            return m, near, scope, None
    return None, False, "sentence", None


def _is_heading(sent: str) -> bool:
    """Section headings ("- Raqa 'dans les prochaines semaines' -") and page furniture."""
    t = sent.strip()
    return bool(re.match(r"^[-–—•*]\s.*\s[-–—]$", t)) or (len(t) < 60 and not re.search(r"[.!?»\"]$", t) and t[:1] in "-–—")


def _is_war_toll(sent: str) -> bool:
    if not _WAR_TOLL.search(sent):
        return False
    return any(c.value >= 50_000 for _s, _e, c in _counts(sent)) and bool(re.search(r"morts|mort\s+de|tu[ée]|d[ée]plac", sent, _I))


#: Characters that ``re.IGNORECASE`` equates with an ASCII letter although ``str.lower`` does not
#: ("ı", "ſ", and the combining dot "İ" lowers to): the substring guards below stand aside for them.
_ODD_CASE = ("\u0131", "\u017f", "\u0307")
#: Every match of the named regex holds one of these (lower-case) substrings: cheap pre-guards.
_STRIKE_STEMS = ("raid", "frapp", "bombard", "baril", "tir", "obus", "roquette", "missile", "drone", "pilonn", "avion", "bombe",
                 "chimique", "toxique", "salve", "projectile", "vis", "cibl",
                 "copt", "explos", "piég", "pieg", "antipersonnel", "attentat", "kamikaze")
_CLASH_STEMS = ("combats", "affrontements", "accrochages", "heurts", "violences", "bataille")
_OFFENSIVE_STEMS = ("offensive", "progression", "assaut", "attaqu", "ration")
_CONTROL_STEMS = ("conquis", "captur", "empar", "pris", "encercl", "avanc", "progress", "grignot", "chass", "log",
                  "investi", "tomb", "pass", "perc", "bris", "ouvert", "regagn", "ussi", "parvenu", "permis", "entr")
_DISPLACEMENT_STEMS = ("fui", "fuyant", "plac", "vacu", "jet", "exode", "quitt", "vid", "franchi", "route", "parti", "refug", "réfug",
                       "part", "afflu", "gagn", "accueilli")


def _may_hold(text: str, stems: tuple[str, ...]) -> bool:
    """False only when no match of a regex whose matches all hold one of ``stems`` can be in ``text``."""
    low, odd = _lowered(text)
    return odd or any(stem in low for stem in stems)


@lru_cache(maxsize=64)
def _lowered(text: str) -> tuple[str, bool]:
    low = text.lower()
    return low, any(ch in low for ch in _ODD_CASE)


def _strike_hit(clause: str, cas: dict[str, Any]) -> tuple[int, str] | None:
    if ("«" in clause or '"' in clause or "“" in clause) and _FIRST_PERSON.search(clause):
        return None
    if not _may_hold(clause, _STRIKE_STEMS):
        return None
    if _NOT_A_WEAPON.search(clause) and not re.search(r"\b(?:raids?|bombardements?|obus|roquettes?|missiles?|barils?|drones?|tirs?|explosions?)\b", clause, _I):
        return None  # "La faim frappe Madaya": no weapon, no strike
    for m in STRIKE.finditer(clause):
        before = clause[max(0, m.start() - 60) : m.start()]
        after = clause[m.end() :]
        if _STRIKE_NEG_BEFORE.search(before) or _STRIKE_NEG_AFTER.match(after):
            continue
        window = clause[max(0, m.start() - 80) : m.end() + 120]
        if _STRIKE_ACTION.search(window) or "killed" in cas or _TARGET_AFTER.match(after) or _VERB_TRIGGER.search(m.group()):
            return m.start(), m.group()
    return None


def _vac_hit(clause: str, cas: dict[str, Any]) -> tuple[int, str] | None:
    """Violence against civilians: executions, massacres, kidnappings, civilians killed on the ground
    by armed men ("tués par les forces de sécurité"), never a strike named in the same clause."""
    for rx in (_VAC, _ABDUCTION):
        m = rx.search(clause)
        if m and not _NEG.search(clause[max(0, m.start() - 20) : m.start()]) and not _FUTURE.search(clause[max(0, m.start() - 40) : m.start()]):
            if rx is _VAC and not (cas.get("killed") or re.search(r"\b(?:ont|a|avaient|avait|[ée]t[ée]|sont)\b", clause[max(0, m.start() - 30) : m.end()], _I)):
                continue
            return m.start(), m.group()
    m = _VAC_AGENT.search(clause)
    if m and cas.get("killed") and cas.get("civilian"):
        return m.start(), m.group()
    return None


def _clash_hit(clause: str) -> int | None:
    for m in CLASH.finditer(clause) if _may_hold(clause, _CLASH_STEMS) else ():
        if _CLASH_NEG_BEFORE.search(clause[max(0, m.start() - 40) : m.start()]):
            continue
        if _CLASH_PRED.search(clause[max(0, m.start() - 40) : m.end() + 60]):
            return m.start()
    m = _OFFENSIVE.search(clause) if _may_hold(clause, _OFFENSIVE_STEMS) else None
    if m and not _NEG.search(clause[max(0, m.start() - 20) : m.start()]):
        return m.start()
    m = _ATTACK.search(clause) if _may_hold(clause, _ATTACK_STEMS) else None
    if m and not _NEG.search(clause[max(0, m.start() - 20) : m.start()]) and not _FUTURE.search(clause[max(0, m.start() - 40) : m.start()]):
        return m.start()
    m = _CLASH_EXTRA.search(clause) if _may_hold(clause, _CLASH_EXTRA_STEMS) else None
    if m and not _NEG.search(clause[max(0, m.start() - 20) : m.start()]) and not _FUTURE.search(clause[max(0, m.start() - 40) : m.start()]) \
            and not _CLASH_NEG_BEFORE.search(clause[max(0, m.start() - 40) : m.start()]):
        return m.start()
    return None


#: A sentence that only gives a toll: "Le bilan s'élève à sept morts", "Le bilan est de 12 tués".
_TOLL_SENTENCE = re.compile(r"^\W*(?:(?:Selon|D['’]apr[èe]s)\s+[^,]{1,60},\s*)?(?:le|ce|un)\s+(?:nouveau\s+|dernier\s+|premier\s+)?bilan\b(?![^.]{0,60}\b(?:guerre|conflit)\b)", _I)
_TOLL_ONLY = "toll-only"
#: An earlier, superseded toll: "Un précédent bilan faisait état de huit morts".
_EARLIER_TOLL_ANY = re.compile(r"\b(?:pr[ée]c[ée]dent|ant[ée]rieur|initial|premier|ancien)\w*\s+bilan\b|\bbilan\s+(?:pr[ée]c[ée]dent|initial|provisoire\s+pr[ée]c[ée]dent)", _I)
#: A source's own toll of an event told before: "avançaient un bilan de 42 morts", "a recensé parmi les morts ...".
_TOLL_REPORT = re.compile(r"\b(?:bilan|recens\w*|fait\s+[ée]tat|d[ée]nombr\w*|d[ée]compt\w*|fait\s+\S+\s+(?:morts|victimes))\b", _I)
#: A toll of a whole battle, war or campaign, with no strike named: not one strike.
_WAR_WIDE = re.compile(
    r"\b(?:combats|bataille|guerre|conflit|affrontements|violences|op[ée]rations|offensive|s[ée]isme|tremblement)\b"
    r"|\b[àa]\s+travers\s+(?:la\s+Syrie|le\s+pays)|\bl['’]an(?:n[ée]e)?\s+derni[eè]re?\b|\bdepuis\s+(?:le\s+d[ée]but|\d{4})", _I)
_CIVILIAN_TOLL = re.compile(r"\b(?:\d[\d\s.]*|[a-zé-]+)\s+civils\b", _I)
#: Fighting and strikes counted together over a period: a campaign's toll (kept as a strike only
#: when it counts civilians first: "ont tué plus de 300 civils et des centaines de combattants").
_AGGREGATE_TOLL = re.compile(
    r"\b(?:combats|affrontements)\s+et\s+(?:les\s+|des\s+)?(?:bombardements|frappes|raids)|"
    r"\b(?:bombardements|frappes|raids)(?:\s+\w+)?\s+et\s+(?:les\s+|des\s+)?(?:combats|affrontements)", _I)
#: Subjects with which "ont repris" means "resumed": "les frappes ont repris", "les combats y avaient repris".
_RESUMED_SUBJECT = re.compile(r"\b(?:bombardements|frappes|raids|combats|tirs|affrontements|violences|hostilit[ée]s|pilonnages|attaques|cours|n[ée]gociations)\b(?:\s+[\w’']+){0,2}?\s*$", _I)


def _control_hit(clause: str) -> re.Match[str] | None:
    if not _may_hold(clause, _CONTROL_STEMS):
        return None
    for m in CONTROL.finditer(clause):
        before = clause[max(0, m.start() - 25) : m.start()]
        if _NEG.search(before) or (re.match(r"\S*\s+pas\b", clause[m.start() :]) and re.search(r"\bn['’]", before + m.group())):
            continue
        if re.search(r"\bn['’](?:a|ont|avait|avaient)\b", m.group()[:12]):
            continue
        if _FUTURE.search(clause[max(0, m.start() - 40) : m.start()]):
            continue
        if re.search(r"(?:plusieurs|maintes|diverses|nombreuses|deux|trois|quatre)\s+reprises$", m.group(), _I):
            continue  # "a promis à plusieurs reprises": not a recapture
        if re.search(r"repris$", m.group(), _I) and _RESUMED_SUBJECT.search(clause[max(0, m.start() - 40) : m.start()]):
            continue  # "les bombardements ont repris": the strikes resumed, nobody took a place
        if re.search(r"(?:avanc|progress)[ée]s?$", m.group(), _I) and re.match(r"\s+(?:\w+\s+){0,2}?vers\b", clause[m.end() :]):
            continue  # "a progressé vers les quartiers voisins": towards, not into
        if re.search(r"avanc[ée]s?$", m.group(), _I) and re.match(r"\s+(?:un|une|le|la|les|des|ce|cet|cette)\s+(?:\w+\s+)?(?:chiffres?|bilans?|nombres?|arguments?|hypoth[èe]ses?|dates?|estimations?|explications?)\b", clause[m.end() :], _I):
            continue  # "ont avancé un chiffre": put forward, not advanced
        return m
    return None


def _displacement_hit(clause: str, cas: dict[str, Any]) -> int | None:
    if not _may_hold(clause, _DISPLACEMENT_STEMS):
        return None
    for m in DISPLACEMENT.finditer(clause):
        g = m.group().lower()
        if "vacu" in g and "displaced" not in cas:
            continue
        if re.search(r"\b(?:appel\w*|craign\w*|pour)\s+(?:\w+\s+){0,3}$", clause[max(0, m.start() - 40) : m.start()], _I):
            continue
        if g.startswith("d") and "displaced" not in cas and not re.search(r"\b(?:ont|a|été)\b", clause[max(0, m.start() - 20) : m.start()]):
            continue
        return m.start()
    if _DISP_PEOPLE.search(clause):
        for m in _DISP_EXTRA.finditer(clause):
            before = clause[max(0, m.start() - 40) : m.start()]
            if _NEG.search(before[-20:]) or _FUTURE.search(before) or re.search(r"\b(?:appel\w*|craign\w*|pour|afin\s+de|permettre)\s+(?:\w+\s+){0,3}$", before, _I):
                continue
            if re.search(r"\bqui\s+(?:\w+\s+){0,2}$", before, _I):
                continue  # "des civils qui avaient trouvé refuge dans une école": who the victims were, not an event
            return m.start()
    return None


_DISP_EXTRA = re.compile(r"\b(?:" + "|".join(x.replace("{AP}", _AP) for x in _fr_kinds.DISPLACEMENT_EXTRA) + r")", _I)
_DISP_PEOPLE = re.compile(_fr_kinds.DISPLACEMENT_PEOPLE, _I)


def find_events(doc: Document, mentions: list[Mention]) -> tuple[list[Event], list[FrontObservation]]:
    """Code the events and front observations of a document.

    Parameters
    ----------
    doc : Document
        The dispatch (``doc.text``, ``doc.date``, ``doc.date_precision``, ``doc.source``, ``doc.id``).
    mentions : list of Mention
        The document's place mentions, from :func:`geo.extract.mentions.find_mentions`.

    Returns
    -------
    (events, front_observations)
        Events in text order with flat ACLED-like fields; front observations ("à quatre
        kilomètres de X") with their distance in km.
    """
    from geo.extract.dates import is_cumulative_phrase, resolve_when

    text = doc.text
    m0 = _DATE_PREFIX.match(text)
    sentences = split_sentences(text, m0.end() if m0 else 0)
    mentions = sorted(mentions, key=lambda m: m.start)
    m_starts = [m.start for m in mentions]  # mentions by sentence and clause: bisect, not a scan each
    syrian = [m for m in mentions if not m.foreign and not m.metonymic and m.name]
    main_place = _main_place(syrian)

    all_actors = _generic_jihadists([find_actors(sent.text) for sent in sentences], sentences)
    doc_actors = [x[2] for acts in all_actors for x in acts]
    drafts: list[_Draft] = []
    fronts: list[FrontObservation] = []
    lead_when: str | None = None
    lead_date = None
    prev_when: str | None = None
    prev_actor: tuple[str | None, str | None] = (None, None)

    for sent in sentences:
        stext = sent.text
        s_when = _when(stext)
        if sent.index == 0 and s_when:
            lead_when = s_when[0][2]
        lo_m, hi_m = bisect_left(m_starts, sent.start), bisect_left(m_starts, sent.end)
        sent_mentions = mentions[lo_m:hi_m]  # by bisect: never a scan of the document's mentions
        for fo in _FRONT.finditer(stext):
            fronts.append(_front(doc, sent, fo, sent_mentions))
        if _is_heading(stext) or _is_war_toll(stext):
            prev_when = s_when[0][2] if s_when else prev_when
            continue
        sent_actors = all_actors[sent.index]
        s_counts = _counts(stext)
        found_in_sentence: list[_Draft] = []
        for a, b in _clauses(sent):
            ctext = stext[a:b]
            clause = _Clause(sent.start + a, sent.start + b, ctext, sent,
                             _mentions_in(sent_mentions, sent.start + a, sent.start + b))
            cas = _casualties(ctext, _within(s_counts, a, b))
            c_when = _within(s_when, a, b)
            c_actors = _within(sent_actors, a, b)
            kinds: list[tuple[str, int | None, str | None, Any]] = []
            hit = _strike_hit(ctext, cas)
            clash_at = _clash_hit(ctext)
            ctrl = _control_hit(ctext)
            fr_hits = _control_hits_fr(ctext, clause)
            ctrl_fr = fr_hits[0] if fr_hits else None
            if ctrl_fr is not None and (ctrl is None or ctrl_fr.start < ctrl.start()):
                ctrl = ctrl_fr
            # a second capture of another place in the same clause ("après la chute de X, ils sont entrés dans Y")
            first_end = ctrl.end if isinstance(ctrl, ControlHit) else (ctrl.end() if ctrl is not None else 0)
            first_place = ctrl.place if isinstance(ctrl, ControlHit) else None
            more_ctrl = [h for h in fr_hits if h.start >= first_end and isinstance(h.place, Mention)
                         and (first_place is None or not isinstance(first_place, Mention) or h.place.name != first_place.name)][:1]
            disp_at = _displacement_hit(ctext, cas)
            if clash_at is not None and ctrl is not None and _FIGHT_BACKGROUND.search(ctext[max(0, clash_at - 40) : clash_at]):
                clash_at = None
            if hit and _AGGREGATE_TOLL.search(ctext) and cas.get("killed") and not _CIVILIAN_TOLL.search(ctext):
                hit = None  # "les combats et les bombardements ont tué 311 jihadistes": a campaign's toll, not one strike
            vac = _vac_hit(ctext, cas) if not hit else None
            if vac is not None:
                kinds.append(("violence_against_civilians", vac[0], vac[1], None))
            elif hit:
                kinds.append(("strike", hit[0], hit[1], None))
            elif (cas.get("killed") and cas.get("civilian") and clash_at is None and not re.search(r"\bbilan\b", ctext, _I)
                  and not _WAR_WIDE.search(ctext)):
                kinds.append(("strike", None, None, None))
            elif (cas.get("killed") and clash_at is None and ctrl is None and _TOLL_REPORT.search(ctext) and not _WAR_WIDE.search(ctext)
                  and not _EARLIER_TOLL_ANY.search(ctext) and any(d.event.kind == "strike" for d in drafts)):
                kinds.append(("strike", None, None, None))  # another toll of the strike told before ("une ONG avance un bilan de 42 morts")
            elif cas.get("killed") and clash_at is None and ctrl is None and _TOLL_SENTENCE.match(ctext):
                kinds.append(("strike", None, None, _TOLL_ONLY))  # "Le bilan s'élève à sept morts": joins the strike before
            elif cas.get("killed") and cas.get("civilian") and clash_at is not None and re.search(r"\boffensive\b", ctext, _I):
                kinds.append(("strike", None, None, None))
            if clash_at is not None:
                kinds.append(("clash", clash_at, None, None))
            elif (not kinds and ctrl is None and cas.get("killed") and not cas.get("civilian")
                  and not re.search(r"\bbilan\b", ctext, _I)):
                kinds.append(("clash", None, None, None))  # "120 combattants des FDS et 90 rebelles ont été tués"
            if isinstance(ctrl, ControlHit):
                kinds.append(("control_change", ctrl.start, ctrl.text, ctrl))
            elif ctrl is not None:
                kinds.append(("control_change", ctrl.start(), ctrl.group(), ctrl))
            for h in more_ctrl:
                kinds.append(("control_change", h.start, h.text, h))
            if disp_at is not None or (cas.get("displaced") and not hit and ctrl is None):
                kinds.append(("displacement", disp_at, None, None))
            for kind, at, trig, match in kinds:
                ev = Event(kind=kind, source=doc.source, doc_id=doc.id)
                actor, actor_text, other = _actor(ctext, at, kind, c_actors)
                if actor is None and _PRONOUN_START.match(ctext) and prev_actor[0]:
                    actor, actor_text = prev_actor
                if kind == "displacement":
                    actor, actor_text = None, None
                ev.actor, ev.actor_text = actor, actor_text
                if kind == "strike":
                    ev.subtype = _subtype(trig or "", ctext, actor)
                    _apply_casualties(ev, cas)
                    if cas.get("killed_sides"):
                        ev.killed = cas["killed_sides"]  # "dix combattants et six civils": 16
                elif kind == "violence_against_civilians":
                    ev.subtype = "abduction" if _ABDUCTION.search(trig or "") else "killing"
                    _apply_casualties(ev, cas)
                elif kind == "clash":
                    ev.target = other
                    if not any(k == "strike" for k, *_ in kinds):
                        _apply_casualties(ev, cas)
                        if cas.get("killed_sides"):
                            ev.killed = cas["killed_sides"]  # "19 soldats et 12 jihadistes": both sides
                elif kind == "control_change":
                    # a place named like an actor ("le sud de Damas") is no side of the change
                    c_actors = [x for x in c_actors if not any(m.start <= clause.start + x[0] < m.end and not m.metonymic and m.name
                                                               for m in clause.mentions)]
                    if isinstance(match, ControlHit):
                        new, prev = control_sides(ctext, match, c_actors, _can_act)
                        if new is None and match.role in ("gain", "nominal") and _pronoun_subject(ctext, match.start):
                            new = prev_actor[0] if prev_actor[0] != prev else None
                        if prev is None and match.role == "loss" and _pronoun_subject(ctext, match.start):
                            prev = prev_actor[0]  # "ils avaient perdu X": the actor of the sentence before
                        actor, other = new, prev
                        ev.actor, ev.actor_text = new, _actor_text(ctext, c_actors, new)
                    else:
                        new, prev = _control_sides(ctext, match, c_actors)
                        if new is None and prev is None and match is not None:
                            role = "participial" if re.search(r"\b(?:[ée]t[ée]|[êe]tre)\b", match.group(), _I) else "gain"
                            new, prev = control_sides(ctext, ControlHit(match.start(), match.end(), role, match.group()), c_actors, _can_act)
                            if new is None and role == "gain" and _pronoun_subject(ctext, match.start()):
                                new = prev_actor[0] if prev_actor[0] != prev else None
                        if new is not None or prev is not None:
                            actor = new
                            ev.actor, ev.actor_text = new, _actor_text(ctext, c_actors, new)
                            other = prev
                    ev.new_controller = actor
                    ev.previous_controller = other if other != actor else None
                    if ev.previous_controller is None and re.search(r"\b(?:villages?|localit[ée]s?|secteurs?|quartiers?|zones?|positions?)\s+rebelles\b", ctext, _I):
                        ev.previous_controller = "rebels"
                    if ev.new_controller is None and _BARE_TROOPS.search(ctext[: match.start if isinstance(match, ControlHit) else match.start()]) \
                            and doc_actors.count("regime") >= max(1, doc_actors.count("Turkey")):
                        ev.new_controller = "regime"  # "les troupes" in a dispatch about the regime's army
                        if ev.previous_controller == "regime":
                            ev.previous_controller = None
                    _complete_sides(ev, [x[2] for x in sent_actors], doc_actors)
                    ev.status = _status(ctext, stext, match)
                else:
                    ev.displaced = cas.get("displaced")
                    ev.killed = None
                # place
                foreign_target = None
                if kind == "strike":
                    m, near, place_from, foreign_target = _strike_place(clause.mentions, sent_mentions, text)
                elif kind == "displacement":
                    m, near, place_from = _displacement_place(clause.mentions, sent_mentions, text)
                elif isinstance(match, ControlHit) and match.place == ANAPHOR:
                    m, near, place_from = None, False, "none"
                elif isinstance(match, ControlHit) and match.place is not None:
                    m, near, place_from = match.place, False, "clause"
                elif match is not None and not isinstance(match, ControlHit) and (tied := tied_after(
                        ctext, match.end(), [x for x in clause.mentions if x.name and not x.foreign and not x.metonymic], clause.start)):
                    m, near, place_from = tied, False, "clause"
                else:
                    m, near = _best_place(clause.mentions, text)
                    place_from = "clause"
                    if m is None:
                        m, near = _best_place(sent_mentions, text)
                        place_from = "sentence"
                ev.when = c_when[0][2] if c_when else None
                draft = _Draft(ev, clause, place_from, bool(c_when), trigger_less=(at is None and kind in ("strike", "clash")),
                               mention=m if foreign_target is None else None, toll_only=match == _TOLL_ONLY)
                if foreign_target is not None:
                    _fill_foreign(ev, foreign_target)
                else:
                    _fill_place(ev, m, near, text)
                if m is None and foreign_target is None:
                    draft.place_from = "none"
                ev.evidence = ctext.strip(" ,;")
                ev.start = clause.start + (len(ctext) - len(ctext.lstrip(" ,;")))
                ev.end = ev.start + len(ev.evidence)
                found_in_sentence.append(draft)
        found_in_sentence = _expand_enumerations(_merge_same_sentence(found_in_sentence, sent, text), text)
        drafts.extend(found_in_sentence)
        ground = [x for x in sent_actors if x[2] not in ("Russia", "coalition", "Israel")]
        if ground:
            prev_actor = (ground[0][2], stext[ground[0][0] : ground[0][1]])
        elif sent_actors:
            prev_actor = (sent_actors[0][2], stext[sent_actors[0][0] : sent_actors[0][1]])
        # when from context, cumulative
        for d in found_in_sentence:
            ev = d.event
            if ev.when is None:
                if sent.index <= 1 and lead_when and sent.index != 0:
                    ev.when = lead_when
                elif re.match(r"^\s*(?:Et|Elles|Ils|Elle|Il)\b", sent.text) and prev_when:
                    ev.when = prev_when
            if ev.when and (is_cumulative_phrase(ev.when) or re.search(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+et\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b", ev.when, _I)):
                ev.cumulative = True
            if re.search(r"\bchaque\s+jour\b|\bau\s+total\b|\bquotidien\w*|\ben\s+\S+\s+(?:jours|semaines|mois)\b|\bces\s+derniers\s+jours\b", d.clause.text, _I):
                if ev.kind != "control_change" or re.search(r"\bces\s+derniers\s+jours\b|\bdepuis\b", d.clause.text, _I):
                    ev.cumulative = True
        if s_when:
            prev_when = s_when[0][2]

    events = _merge_across_sentences(drafts, sentences, text)
    _context_places(events, drafts, syrian, main_place, text, sentences)
    # dates
    for ev in events:
        anchor = lead_date if ev.when and re.search(r"veille|lendemain", ev.when, _I) else None
        rd = resolve_when(ev.when, doc.date, doc.date_precision, anchor=anchor)
        ev.date, ev.date_precision = rd.date, rd.precision
        if lead_date is None and ev.when == lead_when and rd.precision == "day":
            lead_date = rd.date
    _mark_totals(events, sentences)
    _link_reports(events)
    events = _fold_headline(events, text, sentences)
    for ev in events:
        ev.acled_event_type, ev.acled_sub_event_type = acled_types(ev.kind, ev.subtype, ev.new_controller)
        ev.actors = _co_actors(ev)
    for fo in fronts:
        rd = resolve_when(None, doc.date, doc.date_precision)
        fo.date, fo.date_precision = rd.date, rd.precision
    return events, fronts


def _fold_headline(events: list[Event], text: str, sentences: list[Sentence]) -> list[Event]:
    """A headline that restates an event of the body is the same event told twice: one record.

    The headline is the first line when it is short and has no final full stop. A headline strike
    joins the body's strike of the same ``event_id``, or the first body strike in the headline's
    place (or inside the headline's governorate); the body record keeps its own toll and gains the
    headline's span in ``sources``. Other kinds keep their headline record.
    """
    if not sentences:
        return events
    first = sentences[0]
    line_end = text.find("\n", first.start)
    if line_end == -1 or first.end < line_end or len(first.text) > 160 or first.text.rstrip().endswith("."):
        return events
    out = []
    for ev in events:
        if ev.kind == "strike" and ev.start < line_end:
            body = [o for o in events if o is not ev and o.kind == "strike" and o.start >= line_end]
            twin = next((o for o in body if o.event_id == ev.event_id), None) or next(
                (o for o in body if ev.place and (o.place == ev.place or (ev.geo_precision == 3 and o.adm1_pcode and o.adm1_pcode == ev.adm1_pcode)
                                                  or ev.place == "Syria")), None)
            if twin is not None:
                twin.sources = "; ".join(x for x in (twin.sources, f"{ev.source}#headline") if x)
                continue
        out.append(ev)
    return out


_CO_ACTOR_GAP = re.compile(
    r"^\s*(?:,|et|ainsi\s+que|avec|appuy[ée]e?s?\s+par|soutenue?s?\s+par|[ée]paul[ée]e?s?\s+par)\s*(?:de\s+|d['’]|du\s+|des\s+)?"
    r"(?:son|sa|ses|leurs?|l['’]|la|le|les)?\s*(?:alli[ée]s?\s+(?:du|de\s+l['’]|de\s+la|des)?\s*)?$", _I)


def _co_actors(ev: Event) -> str | None:
    """"regime + Russia" when the evidence names the event's actor together with another one."""
    if not ev.actor or not ev.actor_text or ev.kind in ("displacement", "clash"):
        return ev.actor  # in a clash, "A et B" are the two opposing sides (``actor`` and ``target``)
    found = find_actors(ev.evidence)
    i = next((k for k, x in enumerate(found) if ev.evidence[x[0] : x[1]] == ev.actor_text and x[2] == ev.actor), None)
    if i is None:
        return ev.actor
    labels = [ev.actor]
    for prev_x, x in zip(found[i:], found[i + 1 :]):
        gap = ev.evidence[prev_x[1] : x[0]]
        if not (_CO_ACTOR_GAP.match(gap) or _CO_SUBJECT.match(gap)):
            break
        if x[2] not in labels and x[2] not in (ev.previous_controller, ev.target):
            labels.append(x[2])
    return " + ".join(labels)


def _link_reports(events: list[Event]) -> None:
    """Give the reports of one event in a document (headline, lead, restatement, revised toll) one
    ``event_id``: same kind, same place, dates that agree (or one unknown), same gaining side; a
    running total (``cumulative``) never joins a single event. Every record keeps its own toll;
    :func:`geo.spatial.aggregate.aggregate_by_admin` counts each ``event_id`` once, with its latest toll.
    """
    groups: list[list[Event]] = []
    for ev in events:
        if ev.place is None:
            groups.append([ev])
            continue
        for g in groups:
            first = g[0]
            if (first.kind == ev.kind and first.place == ev.place and first.cumulative == ev.cumulative
                    and (first.date is None or ev.date is None or first.date == ev.date)
                    and first.new_controller == ev.new_controller and first.status != "reversed" and ev.status != "reversed"):
                g.append(ev)
                break
        else:
            groups.append([ev])
    for i, g in enumerate(groups, 1):
        for ev in g:
            ev.event_id = f"{ev.doc_id or ev.source}#{i}"
            ev.sources = ev.source or None


_PART_RES = [(re.compile(rf"\b{_fr_control.PART_NOUNS.replace('{AP}', _AP)}\s*(?:{k.replace('{AP}', _AP)})\s+(?:de\s+la\s+ville\s+)?(?:de\s+|d{_AP}|du\s+)\s*$", _I),
              re.sub(r"\W.*", "", k.split("|")[0]), v) for k, v in _fr_control.PART_DIRECTION.items()]


def _part_direction(before: str) -> tuple[str, tuple[float, float]] | None:
    for rx, word, vec in _PART_RES:
        if rx.search(before):
            return {"est": "east", "ouest": "west", "nord": "north", "sud": "south"}.get(word, word), vec
    return None


_STATE_STEMS = ("contr", "tenu", "mains", "rebelle", "insurg", "gouvernementa", "kurde", "jihadiste", "fief", "bastion", "domin", "loyaliste")


def find_control_states(doc: Document, mentions: list[Mention]) -> list[ControlState]:
    """Who holds what, as the dispatch states it: "X, contrôlé par Y", "les quartiers rebelles de X".

    These are observations, not changes (:meth:`geo.spatial.control.ControlTable.add_states` reads them).
    A sentence that codes a control change for the same place is left to the change.
    """
    from geo.extract.dates import resolve_when

    text = doc.text
    m0 = _DATE_PREFIX.match(text)
    # metonymic mentions stay: "les quartiers rebelles de X" is a place whatever the verb that follows
    usable = sorted((m for m in mentions if m.name and not m.foreign and m.kind != "country"), key=lambda m: m.start)
    out: list[ControlState] = []
    rd = resolve_when(None, doc.date, doc.date_precision)
    for sent in split_sentences(text, m0.end() if m0 else 0):
        if not _may_hold(sent.text, _STATE_STEMS):
            continue
        sm = _mentions_in(usable, sent.start, sent.end)
        if not sm:
            continue
        for m, holder, s, e in find_states(sent.text, sm, sent.start, find_actors(sent.text)):
            if m.kind in ("governorate", "region", "district"):
                continue  # a whole governorate is never one controller's point
            holder, _, part = holder.partition("|")
            place, lat, lon = m.name, m.lat, m.lon
            side = _part_direction(text[max(0, m.start - 50) : m.start])
            if side is not None and lat is not None and lon is not None:
                # "les quartiers Est d'Alep sous contrôle des rebelles": a point in that part of the city
                word, (dlat, dlon) = side
                place, lat, lon, part = f"{m.name} ({word})", lat + dlat * _fr_control.PART_OFFSET_DEG, lon + dlon * _fr_control.PART_OFFSET_DEG, ""
            elif re.search(r"\b(?:deux-tiers|moiti[ée]|partie|\d+\s*%|majorit[ée])\b", text[m.end : sent.start + e], _I):
                part = "partial"
            out.append(ControlState(place=place, lat=lat, lon=lon, adm1_pcode=m.adm1_pcode, controller=holder,
                                    status=part or "complete",
                                    date=rd.date, date_precision=rd.precision, evidence=sent.text, source=doc.source,
                                    start=sent.start + s, end=sent.start + e))
    return out


def _apply_casualties(ev: Event, cas: dict[str, Any]) -> None:
    ev.killed = cas.get("killed")
    ev.killed_min = bool(cas.get("killed_min", False))
    ev.killed_approx = bool(cas.get("killed_approx", False))
    ev.children_killed = cas.get("children_killed")
    ev.injured = cas.get("injured")


def _can_act(clause: str, start: int) -> bool:
    """An actor at ``start`` can act: not who reports ("selon l'armée"), not a backer ("appuyés par")."""
    before = clause[max(0, start - 50) : start]
    return not _SOURCE_CUE.search(before) and not _SUPPORT_CUE.search(before)


def _control_hits_fr(clause: str, c: _Clause) -> list[ControlHit]:
    """Every control change of a clause from the French tables, each tied to its place."""
    usable = [m for m in c.mentions if not m.foreign and not m.metonymic and m.name]
    return [h for h in find_controls(clause, usable, c.start) if _keep_control_hit(clause, h)]


def _keep_control_hit(clause: str, hit: ControlHit) -> bool:
    """A table hit stands unless holding has no armed subject, people (not a side) leave, or it is negated or planned."""
    return _control_hit_check(clause, hit) is not None


def _control_hit_check(clause: str, hit: ControlHit) -> ControlHit | None:
    if hit.role == "hold" and not any(_can_act(clause, x[0]) and x[1] <= hit.start for x in find_actors(clause[: hit.start])):
        return None  # "la ville contrôle": holding is a change only with an armed subject
    if hit.role == "loss" and _DISP_PEOPLE.search(clause[: hit.start]) and not find_actors(clause[: hit.start]):
        return None  # "des civils avaient quitté X": people leaving (displacement), not a side losing a place
    before = clause[max(0, hit.start - 25) : hit.start]
    if _NEG.search(before) or (re.match(r"\S*\s+pas\b", clause[hit.start :]) and re.search(r"\bn['’]", before + hit.text)):
        return None
    if _FUTURE.search(clause[max(0, hit.start - 40) : hit.start]) or re.search(r"\b(?:pour|afin\s+de|de)\s*$", before, _I):
        return None
    return hit


_GENERIC_JIHADISTS = re.compile(r"(?:les\s+|des\s+|ces\s+)?d?jihadistes", _I)


def _generic_jihadists(all_actors: list[list[tuple[int, int, str]]], sentences: list[Sentence]) -> list[list[tuple[int, int, str]]]:
    """In a dispatch about the Islamic State that names no HTS-type group, "les jihadistes" are IS."""
    labels = [(x[2], sent.text[x[0] : x[1]]) for acts, sent in zip(all_actors, sentences) for x in acts]
    if not any(lab == "IS" for lab, _t in labels):
        return all_actors
    if any(lab == "HTS/jihadists" and not _GENERIC_JIHADISTS.fullmatch(t.strip()) for lab, t in labels):
        return all_actors
    return [[(s, e, "IS" if lab == "HTS/jihadists" and _GENERIC_JIHADISTS.fullmatch(sent.text[s:e].strip()) else lab) for s, e, lab in acts]
            for acts, sent in zip(all_actors, sentences)]


_BARE_TROOPS = re.compile(r"\b(?:les|ces|des|leurs|ses)\s+(?:troupes|soldats|militaires)\b(?!\s+(?:turcs|russes|am[ée]ricains|isra[ée]liens|kurdes))", _I)


def _pronoun_subject(clause: str, at: int) -> bool:
    """"Elles ont délogé ...", "ils avaient repris": the subject is the actor of the sentence before."""
    return bool(re.search(r"(?:^|[\s,;])(?:elles?|ils?)\s+(?:[\w’'\-]+\s+){0,3}$", clause[max(0, at - 40) : at], _I)) and not find_actors(clause[:at])


def _complete_sides(ev: Event, sentence_actors: list[str], doc_actors: list[str]) -> None:
    """Fill the side the text leaves implicit: the loser of a capture, the winner of a withdrawal."""
    if ev.new_controller is None and ev.previous_controller is not None:
        ev.new_controller = opponent(ev.previous_controller, sentence_actors, doc_actors)
    elif ev.previous_controller is None and ev.new_controller is not None:
        ev.previous_controller = opponent(ev.new_controller, sentence_actors, doc_actors)


def _status(clause: str, sentence: str, match: Any) -> str:
    if isinstance(match, ControlHit):
        after = sentence[sentence.find(clause) + match.end :] if clause in sentence else sentence
        return control_status(clause, sentence, after) or "complete"
    after = sentence[sentence.find(clause) + (match.end() if match else 0) :] if clause in sentence else sentence
    st = control_status(clause, sentence, after)
    if st in ("reversed", "denied"):
        return st
    after = sentence[sentence.find(clause) + (match.end() if match else 0) :] if clause in sentence else sentence
    if _REVERSED.search(after):
        return "reversed"
    if _CLAIM.search(sentence) or st == "claimed":
        return "claimed"
    if (match is not None and _PARTIAL.search(match.group())) or re.search(r"\bune\s+partie\b|partiellement|en\s+partie", clause, _I):
        return "partial"
    return "complete"


def _main_place(syrian: list[Mention]) -> Mention | None:
    from collections import Counter

    if not syrian:
        return None
    counts = Counter(m.name for m in syrian if m.kind not in _NOT_A_FOCUS)
    if not counts:
        return syrian[0]
    name = counts.most_common(1)[0][0]
    return next(m for m in syrian if m.name == name)


_NUM_WORD = r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante)"
#: What may stand between two places of one list: "A, B et C", "A et de B", "sur A puis sur B",
#: "les localités de A et de B", "sept à A et trois à B".
_LIST_GAP = re.compile(
    rf"^\s*(?:\([^()]{{0,40}}\)\s*)?(?:,\s*(?:(?:le\s+)?\d+\w*\s+\w+|fin\s+\w+|d[ée]but\s+\w+|mi-\w+)\s*)?"
    rf"(?:,\s*(?:et\s+|puis\s+|ainsi\s+que\s+|ou\s+)?|\s*(?:et|ou|puis|ainsi\s+que)\s+)"
    rf"(?:{_NUM_WORD}\s+(?:[\w’'\-]+\s+)?(?=(?:à|a|dans|sur)\s))?"
    rf"(?:(?:sur|à|contre|de|d['’]|du|dans|la|le|les|l['’]|aussi|celles?|celui|ceux|enfin)\s*)*"
    rf"(?:(?:localit[ée]s?|villages?|quartiers?|villes?|secteurs?|provinces?|bourgs?|bourgades?|r[ée]gions?)\s+(?:de\s+|d['’]|du\s+)?)?$",
    _I,
)
_ENUM_KINDS = ("strike", "control_change")


def _siblings(m: Mention, mentions: list[Mention], text: str) -> list[Mention]:
    """The places listed with ``m`` in its clause ("sur A, B et C"), ``m`` included, in text order."""
    usable = [x for x in mentions if x.name and not x.foreign and not x.metonymic and x.kind != "country"]
    if m not in usable:
        return [m]
    i = usable.index(m)
    spec = _SPECIFICITY.get(m.kind or "other", 4)

    def same_level(x: Mention) -> bool:
        sx = _SPECIFICITY.get(x.kind or "other", 4)
        return (sx == 1) == (spec == 1) and x.name != m.name

    lo = i
    while lo > 0 and _LIST_GAP.match(text[usable[lo - 1].end : usable[lo].start]) and same_level(usable[lo - 1]):
        lo -= 1
    hi = i
    while hi + 1 < len(usable) and _LIST_GAP.match(text[usable[hi].end : usable[hi + 1].start]) and same_level(usable[hi + 1]):
        hi += 1
    out = usable[lo : hi + 1]
    names = [x.name for x in out]
    return out if len(set(names)) == len(names) else [m]


def _per_place_toll(places: list[Mention], text: str) -> list[int | None] | None:
    """Counts given place by place ("sept à A et trois à B"), or None when the toll is shared."""
    from geo.extract.numbers import find_counts

    out: list[int | None] = []
    for x in places:
        window = text[max(0, x.start - 40) : x.start]
        found = [c for s, e, c in find_counts(window) if re.fullmatch(r"\s*(?:[\w’'\-]+\s+)?(?:à|a|dans|sur)\s+(?:la\s+localit[ée]\s+d[e’']\s*)?", window[e:], _I)]
        if not found:
            return None
        out.append(found[-1].value)
    return out


def _expand_enumerations(drafts: list[_Draft], text: str) -> list[_Draft]:
    """One event per listed place for strikes and control changes ("ont repris A, B et C").

    A toll shared by the list stays on none of the places (the lead total carries it), unless the
    text gives it place by place ("sept à A et trois à B").
    """
    from dataclasses import replace

    out: list[_Draft] = []
    for d in drafts:
        out.append(d)
        if d.event.kind not in _ENUM_KINDS or d.mention is None or d.place_from != "clause":
            continue
        places = _siblings(d.mention, d.clause.mentions, text)
        if len(places) < 2:
            continue
        tolls = _per_place_toll(places, text) if d.event.killed is not None else None
        first = True
        for i, x in enumerate(places):
            ev = d.event if x is d.mention else replace(d.event)
            _fill_place(ev, x, False, text)
            if d.event.killed is not None or ev.killed is not None:
                ev.killed = tolls[i] if tolls else None
                if tolls is None:
                    ev.killed_min = ev.killed_approx = False
                    ev.children_killed = None
            if x is not d.mention:
                out.append(replace(d, event=ev, mention=x))
            first = False
        del first
    return out


def _merge_same_sentence(drafts: list[_Draft], sent: Sentence, text: str) -> list[_Draft]:
    out: list[_Draft] = []
    for d in drafts:
        twin = next((o for o in out if o.event.kind == d.event.kind), None)
        if twin is not None:
            a, b = twin.event, d.event
            distinct = (a.when and b.when and a.when != b.when) or (a.killed is not None and b.killed is not None) or (
                a.kind == "control_change" and a.place and b.place and a.place != b.place and d.clause is twin.clause)
            if not distinct:
                # merge b into a
                a.start, a.end = min(a.start, b.start), max(a.end, b.end)
                a.evidence = text[a.start : a.end]
                for f in ("killed", "killed_min", "killed_approx", "children_killed", "injured", "displaced", "when"):
                    if getattr(a, f) in (None, False) and getattr(b, f) not in (None, False):
                        setattr(a, f, getattr(b, f))
                if twin.place_from != "clause" and d.place_from == "clause":
                    for f in ("place", "lat", "lon", "adm1", "adm1_pcode", "geo_precision"):
                        setattr(a, f, getattr(b, f))
                    twin.place_from = "clause"
                if a.actor is None:
                    a.actor, a.actor_text = b.actor, b.actor_text
                continue
        out.append(d)
    # a clause without its own place takes the sentence's (already done), keep order
    return out


def _merge_across_sentences(drafts: list[_Draft], sentences: list[Sentence], text: str) -> list[Event]:
    out: list[Event] = []
    skip: set[int] = set()
    for i, d in enumerate(drafts):
        if i in skip:
            continue
        ev = d.event
        for j in range(i + 1, min(i + 4, len(drafts))):
            n = drafts[j]
            if n.clause.sent.index != d.clause.sent.index + 1 or j in skip:
                continue
            ne = n.event
            if ne.kind != ev.kind:
                continue
            vague = ev.place is None or (ev.geo_precision == 3 and d.place_from != "clause") or (ev.place and _is_country(ev))
            if ev.kind == "strike" and vague and ne.place and ne.geo_precision in (1, 2) and ne.killed is None and not n.has_when:
                for f in ("place", "lat", "lon", "adm1", "adm1_pcode", "geo_precision"):
                    setattr(ev, f, getattr(ne, f))
                d.place_from = "clause"
                _extend(ev, ne, text)
                skip.add(j)
                break
            if ev.kind in ("strike", "clash") and n.trigger_less and ev.killed is None and n.place_from == "none" and (
                    not n.has_when or (ev.kind == "clash" and (ev.when is None or ev.cumulative == ne.cumulative)
                    and not re.search(r"\bau\s+total\b", n.clause.text, _I))):
                ev.killed, ev.killed_min, ev.killed_approx = ne.killed, ne.killed_min, ne.killed_approx
                ev.children_killed = ev.children_killed or ne.children_killed
                ev.when = ev.when or ne.when
                _extend(ev, ne, text)
                skip.add(j)
                break
        if d.toll_only:
            skip.add(i)  # a bare toll that joined no event
            continue
        out.append(ev)
    # keep drafts aligned with events for context placement
    drafts[:] = [d for i, d in enumerate(drafts) if i not in skip]
    return out


def _is_country(ev: Event) -> bool:
    return ev.place == "Syria" or (ev.adm1 is None and ev.geo_precision == 3 and ev.place is not None and ev.lat is not None and abs(ev.lat - 35.0) < 1e-6)


def _extend(ev: Event, other: Event, text: str) -> None:
    ev.start, ev.end = min(ev.start, other.start), max(ev.end, other.end)
    ev.evidence = text[ev.start : ev.end]


#: Places never chosen only because they were the last one named before a sentence without place.
_NOT_A_FOCUS = {"military site", "camp", "road", "country"}
#: A sentence about a whole part of the country: "dans le nord-ouest du pays", "le nord-est syrien".
_MACRO_REGION = re.compile(
    r"\b(?:nord|sud|est|ouest|centre)(?:-(?:est|ouest))?\s+(?:du\s+pays|de\s+la\s+Syrie|syrien|du\s+territoire)\b"
    r"|\bterritoires?\s+syriens?\b|\ble\s+long\s+de\s+la\s+fronti[èe]re\b|\bdans\s+tout\s+le\s+pays\b", _I
)
#: A sentence that continues the previous one: "Elles ont tué", "Ces raids ont", "Le bilan".
_CONTINUATION = re.compile(r"^\s*(?:Et\s+|Mais\s+)?(?:Elles|Ils|Elle|Il|Ces|Ce|Cet|Cette|Le\s+bilan|Les\s+(?:raids|frappes|bombardements|combats|tirs))\b")


def _context_places(events: list[Event], drafts: list[_Draft], syrian: list[Mention], main: Mention | None,
                    text: str, sentences: list[Sentence]) -> None:
    """Place events whose sentence names no place.

    Anaphors ("cette région", "ce secteur", "y") and continuations ("Elles ont tué ...") take the
    place in focus (the last one named). Otherwise: a governorate or region named in the same
    paragraph (precision 3; the country if that is all the paragraph names); else the document's main place (precision 2, or 3 for a governorate or
    when the sentence speaks of a whole part of the country). A military site, camp or road is
    never picked only because it was the last place named.
    """
    para_of = {}
    s_starts = [st.start for st in sentences]  # sentences are sorted and disjoint: bisect
    by_para: dict[int, list[Mention]] = {}
    for m in syrian:
        k = bisect_right(s_starts, m.start) - 1
        para_of[m.start] = sentences[k].para if k >= 0 and m.start < sentences[k].end else -1
    for m in syrian:
        by_para.setdefault(para_of[m.start], []).append(m)
    y_starts = [m.start for m in syrian]  # syrian is in text order
    country_m = next((m for m in syrian if m.kind == "country"), None)
    first_gov = next((m for m in syrian if m.kind == "governorate"), None)
    gov_by_adm1: dict[Any, Mention] = {}
    for m in syrian:
        if m.kind == "governorate":
            gov_by_adm1.setdefault(m.adm1, m)  # what _governorate_of finds, without a scan per event
    broad_of: dict[int, tuple[list[Mention], list[int]]] = {}
    for ev, d in zip(events, drafts):
        if ev.place is not None:
            continue
        clause = d.clause.text
        para = d.clause.sent.para
        k_prior = bisect_left(y_starts, d.clause.start)
        focus = syrian[k_prior - 1] if k_prior else None
        region = _REGION_ANAPHOR.search(clause)
        area = _AREA_ANAPHOR.search(clause)
        if region or area or (_CONTINUATION.match(d.clause.sent.text) and focus is not None and para_of.get(focus.start) == para
                              and focus.kind not in _NOT_A_FOCUS):
            target = focus or main
            if (region or area) and main is not None and (focus is None or focus.kind == "country"):
                target = main
            if target is None:
                continue
            if region and target.kind not in {"governorate", "country"} and target.adm1:
                gov = gov_by_adm1.get(target.adm1)
                if gov is not None:
                    target = gov
            _fill_place(ev, target, False, text)
            if ev.geo_precision == 1 and not area:
                ev.geo_precision = 2
            continue
        if para not in broad_of:
            in_para = by_para.get(para, [])
            broad = [m for m in in_para if m.kind in {"governorate", "region"}] or [m for m in in_para if m.kind == "country"]
            broad_of[para] = (broad, [m.start for m in broad])
        broad, b_starts = broad_of[para]
        macro = _MACRO_REGION.search(clause)
        if broad:
            k_before = bisect_left(b_starts, d.clause.start)
            target = broad[k_before - 1] if k_before else broad[0]
        elif main is not None and macro and main.kind not in {"governorate", "region"}:
            # a whole part of the country: the governorate in focus, the country if that was the
            # last place named, else the first governorate of the document
            country = country_m
            target = (gov_by_adm1.get(main.adm1)
                      or (country if focus is not None and focus.kind == "country" else None)
                      or first_gov or country or main)
        else:
            target = main
        if target is None:
            continue
        _fill_place(ev, target, False, text)
        if ev.geo_precision is not None and ev.geo_precision < 3:
            ev.geo_precision = 3 if macro else 2


def _governorate_of(m: Mention, syrian: list[Mention]) -> Mention | None:
    return next((g for g in syrian if g.kind == "governorate" and g.adm1 == m.adm1), None)


def _mark_totals(events: list[Event], sentences: list[Sentence]) -> None:
    if not sentences:
        return
    lead_end = sentences[0].end
    # the smallest toll of a later strike, once (a lead event is never one of the later ones)
    later = [o.killed for o in events if o.kind == "strike" and o.start >= lead_end and not o.cumulative
             and o.killed is not None]
    least = min(later) if later else None
    for ev in events:
        if ev.kind != "strike" or ev.killed is None or ev.start >= lead_end or ev.cumulative:
            continue
        if least is not None and least <= ev.killed:
            ev.is_total = True


def _front(doc: Document, sent: Sentence, fo: re.Match[str], mentions: list[Mention]) -> FrontObservation:
    from geo.extract.numbers import parse_count

    num = fo.group("num")
    cnt = parse_count(re.sub(r"^(?:moins\s+de|environ|pr[èe]s\s+de|quelque)\s+", "", num, flags=_I).replace(",", ".")) if num else None
    dist: float | None = float(cnt.value) if cnt else None
    if dist is None:
        try:
            dist = float(num.replace(",", "."))
        except ValueError:
            dist = None
    after = sent.start + fo.end()
    place = next((m for m in mentions if m.start >= after and not m.foreign), None)
    actors = find_actors(sent.text[: fo.start()])
    return FrontObservation(
        actor=actors[-1][2] if actors else None,
        place=place.name if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        distance_km=dist,
        date=None,
        date_precision=None,
        evidence=sent.text,
        source=doc.source,
        start=sent.start,
        end=sent.end,
    )

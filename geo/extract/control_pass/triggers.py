"""Control-change triggers: the French tables of :mod:`geo.lang.fr.control`, compiled, and the place
each trigger is tied to (the mention after "de" of a nominal form, before "tombée aux mains", after
an active verb).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geo.extract.control_pass.ties import DONT, FROM_PLACE, among_them, apposition_head, strip_agent
from geo.extract.folded import Folded
from geo.extract.prefilter import Guarded
from geo.lang.fr import control as fr
from geo.model import Mention

_I = re.IGNORECASE
_AP = "['’]"
_AUX = (
    r"(?:a|ont|avoir|avait|avaient|aurait|auraient|ayant|s['’]est|se\s+sont|s['’][ée]taient|s['’][ée]tait|sont|est|[ée]taient|[ée]tait|"
    r"ont\s+[ée]t[ée]|a\s+[ée]t[ée]|avait\s+[ée]t[ée]|avaient\s+[ée]t[ée]|se\s+seraient|se\s+serait|auraient\s+[ée]t[ée])"
)
_ADV = r"(?:\s+(?!(?:et|mais|qui|que)\b)[\w’'\-]+){0,3}?"


def _alt(items: tuple[str, ...]) -> str:
    """One non-capturing alternation of table fragments, ``{AP}`` made an apostrophe class."""
    return "(?:" + "|".join(i.replace("{AP}", _AP) for i in items) + ")"



@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [
        ("hands", re.compile(rf"\b{_alt(fr.HANDS)}", _I)),
        ("loss", re.compile(rf"\b{_alt(fr.LOSS)}\b", _I)),
        # "avaient contre-attaqué et repris X": a capture coordinated with another participle
        ("gain", re.compile(rf"\b{_AUX}{_ADV}(?:\s+[\w’'\-]+[ée]s?\s+et)?\s+{_alt(fr.GAIN_PARTICIPLE)}", _I)),
        ("gain", re.compile(rf"\b{_alt(fr.GAIN_FINITE)}\b", _I)),
        (
            "participial",
            re.compile(
                rf"(?<![\w’'])(?<!\bont\s)(?<!\ba\s){_alt(fr.PARTICIPIAL)}\b"
                rf"(?=(?:\s+[\w’'\-]+){{0,3}}?\s+(?:par|aux|au|à|a)\b|\s+{fr.PARTICIPIAL_WHEN})",
                _I,
            ),
        ),
        (
            "nominal",
            re.compile(
                rf"\b(?:la|sa|leur|l{_AP}|de\s+la|apr[èe]s\s+la|depuis\s+la)\s*[\"«“]?\s*"
                rf"(?P<noun>{_alt(fr.NOMINAL + fr.NOMINAL_PARTIAL)})\b[\"»”]?",
                _I,
            ),
        ),
        ("fromto", re.compile(rf"\b{fr.HANDS_FROM_TO.replace('{AP}', _AP)}", _I)),
        (
            "hold",
            re.compile(rf"(?<!\bqui\s)(?<!\bqu['’]ils\s)\b{_alt(fr.HOLD_FINITE)}\b(?!\s+(?:toujours|encore))", _I),
        ),
        ("fell", re.compile(rf"\b{_alt(fr.FELL)}", _I)),
    ]


@lru_cache(maxsize=1)
def _guarded() -> list[tuple[str, Guarded]]:
    """The patterns behind the literals their matches must hold (derived from the tables, never listed by hand)."""
    return [(role, Guarded(rx)) for role, rx in _patterns()]


@lru_cache(maxsize=1)
def _word_res() -> dict[str, re.Pattern[str]]:
    return {
        "partial": re.compile(_alt(fr.PARTIAL), _I),
        "reversed": re.compile(rf"\b{_alt(fr.REVERSED)}", _I),
        "claim": re.compile(rf"\b{_alt(fr.CLAIM)}", _I),
        "denied": re.compile(rf"\b{_alt(fr.DENIED)}\b", _I),
        "state_agent": re.compile(rf"\b{_alt(fr.STATE_AGENT)}\s*(?:l{_AP}|la\s+|les\s+|le\s+)?$", _I),
        "state_adj": re.compile(
            rf"\b{fr.STATE_NOUNS}\s+(?P<adj>{'|'.join(fr.STATE_ADJECTIVE)})\s+(?:de\s+|d{_AP}|du\s+)?(?:(?:la\s+)?(?:ville|province)\s+(?:de\s+|d{_AP}))?$",
            _I,
        ),
    }


@dataclass(slots=True)
class ControlHit:
    """A control-change trigger in a clause: offsets in the clause, its role and the tied place."""

    start: int
    end: int
    role: str  # gain | loss | hands | participial | nominal
    text: str
    place: Mention | str | None = None  # the Mention the trigger governs, ANAPHOR, or None


_GAP_AFTER = Folded(re.compile(
    rf"^[\s,]*(?:\s*(?:le|la|les|l{_AP}|de|d{_AP}|du|des|à|au|aux|dans|sur|en|vers|hors|totalement|enti[èe]rement|compl[èe]tement|"
    rf"aussi|encore|d[ée]j[àa]|notamment|ensuite|\w+di|dimanche|hier|ce|cette|matin|soir|nuit|partie|majeure|quasi-totalit[ée]|totalit[ée]|"
    rf"contr[ôo]le|centre|ville|localit[ée]|village|villages|localit[ée]s|quartier|quartiers|secteur|secteurs|cit[ée]|bourgade|route|poste(?:-fronti[èe]re)?|"
    rf"a[ée]roport|base|colline|mont|camp|champ|p[ée]trolier|militaire|strat[ée]gique|rebelle|voisin[es]*|plus|de\s+la\s+moiti[ée]|"
    rf"\d+\s*%|\d+|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|fin|d[ée]but|mi-\w+|"
    rf"d{_AP}abord|finalement|rapidement|importante?|grande?|petite?|[ée]galement|toute?|selon\s+(?:elles?|eux|lui)|"
    rf"depuis\s+(?:\w+di|dimanche|hier|la\s+veille|\d+)|quelques\s+(?:heures|jours|semaines)\s+(?:plus\s+t[ôo]t|auparavant)|"
    rf"\w+\s+(?=d[eu']))[\s,’'\"«“»”]*)*$",
    _I,
))


#: Stands for "the place in focus" when a trigger governs "la ville", "le camp" (placed from context).
ANAPHOR = "anaphor"


@lru_cache(maxsize=1)
def _anaphor_after() -> re.Pattern[str]:
    return re.compile(
        rf"^\s*(?:[\w’']+\s+){{0,2}}?(?:(?:de\s+)?{fr.PART_OF.replace('{AP}', _AP)})?"
        rf"(?:de\s+|d{_AP}|du\s+|dans\s+|hors\s+(?:de\s+|du\s+|d{_AP})|hors\s+|[àa]\s+)?"
        rf"(?:{fr.ANAPHOR_NP.replace('{AP}', _AP)}|{fr.COUNTED_PLACES})",
        _I,
    )


@lru_cache(maxsize=1)
def _anaphor_before() -> re.Pattern[str]:
    return re.compile(rf"{fr.ANAPHOR_NP.replace('{AP}', _AP)}(?:\s+[\w’'\-]+){{0,3}}?[\s,]*$", _I)


def find_control(clause: str, mentions: Sequence[Mention], clause_start: int) -> ControlHit | None:
    """The first control-change trigger of a clause tied to a Syrian place (see :func:`find_controls`)."""
    hits = find_controls(clause, mentions, clause_start)
    return hits[0] if hits else None


def find_controls(clause: str, mentions: Sequence[Mention], clause_start: int) -> list[ControlHit]:
    """Control-change triggers of a clause tied to a Syrian place, in text order, one per table.

    ``mentions`` are the clause's resolved, non-metonymic mentions (document offsets);
    ``clause_start`` converts them to clause offsets. A trigger that governs "la ville", "le
    camp" ... gets ``place=ANAPHOR``: the caller places it from context.
    """
    live = [(role, g) for role, g in _guarded() if g.possible(clause)]
    if not live:
        return []  # no table's literals in the clause: no trigger
    spans = [(m.start - clause_start, m.end - clause_start, m) for m in mentions]
    found: list[ControlHit] = []
    for role, pattern in live:
        for m in Folded.finditer(pattern, clause):  # the guard said yes already: the twin's search alone
            place: Mention | str | None = _tied_place(clause, role, m, spans) if spans else None
            place = _subject_anaphor(clause, role, m.start(), place, clause_start)
            if (
                place is None
                and role not in ("participial", "hold")
                and (
                    _anaphor_after().match(clause[m.end() :])
                    if role != "fell"
                    else _anaphor_before().search(clause, 0, m.start())
                )
            ):
                place = ANAPHOR
            elif place is None and role == "loss" and re.match(r"(?:en|y)\s", m.group(), _I):
                place = ANAPHOR  # "ils en ont été chassés": the place in focus
            elif place is None and role != "participial" and re.match(fr.WHERE_CLAUSE, clause, _I):
                place = ANAPHOR  # "..., où l'armée contrôle désormais X %": the place before "où" (see place_event)
            elif place is None and role == "nominal" and _POSSESSIVE.match(m.group()):
                place = ANAPHOR  # "sa reconquête par l'armée": the place in focus (kept only with its agent)
            if place is None or _not_a_verb(clause, role, m):
                continue
            if (
                place == ANAPHOR
                and role == "nominal"
                and not re.search(r"\bpar\b", clause[m.end() : m.end() + 80], _I)
                and not re.search(
                    r"\b(?:revendiqu|annon[cç]|proclam|affirm|confirm)\w*\s+(?:\w+\s+){0,2}$",
                    clause[max(0, m.start() - 40) : m.start()],
                    _I,
                )
            ):
                continue  # "la reconquête de la ville constitue ...": a restatement, no new fact
            if role == "nominal" and (_nominal_not_capture(clause, m) or _CONDITIONAL.search(clause, m.end())):
                continue
            found.append(ControlHit(m.start(), m.end(), role, m.group(), place))
            break
    found.sort(key=lambda h: h.start)
    out: list[ControlHit] = []
    for h in found:  # overlapping triggers ("s'est emparé" read by two tables): the first wins
        if not out or h.start >= out[-1].end:
            out.append(h)
    return out


@lru_cache(maxsize=1)
def _subject_start() -> re.Pattern[str]:
    return re.compile(rf"^\s*{fr.ANAPHOR_NP.replace('{AP}', _AP)}\s*,", _I)


def _subject_anaphor(
    clause: str, role: str, at: int, place: Mention | str | None, clause_start: int
) -> Mention | str | None:
    """ "La localité, située au croisement de X et de Y, avait été arrachée ...": the subject is the place in
    focus, not a place of the apposition that describes it."""
    if role not in ("participial", "fell", "hands") or place == ANAPHOR:
        return place
    subj = _subject_start().match(clause, 0, at)
    if subj is None or (isinstance(place, Mention) and place.start - clause_start < subj.end()):
        return place
    return ANAPHOR


_POSSESSIVE = re.compile(r"(?:sa|son|leur)\b", _I)

#: A hypothetical capture: "la prise de X constituerait ...", "la chute de X signerait ...".
_CONDITIONAL = re.compile(r"\b(?!(?:aurait|auraient|serait|seraient)\b)\w{3,}(?:erait|eraient|irait|iraient)\b", _I)


_DETERMINER_BEFORE = re.compile(r"\b(?:le|du|au|son|leur|un|de|sous|en|des|les|ce|ses|leurs|points?|postes?)\s+$", _I)
_WEAPON_BEFORE = re.compile(
    r"\b(?:obus|roquettes?|missiles?|bombes?|barils?|projectiles?|drones?|avions?|h[ée]licopt[èe]res?|mortiers?)\b(?:\s+[\w’'\-]+){0,8}?\s*$",
    _I,
)


def _not_a_verb(clause: str, role: str, m: re.Match[str]) -> bool:
    """ "le contrôle de Damas" (a noun), "tient compte", "un obus est tombé": no capture."""
    before = clause[max(0, m.start() - 60) : m.start()]
    if role == "hold":
        return bool(
            _DETERMINER_BEFORE.search(before)
            or re.match(r"\s+(?:[àa]\b|compte|lieu|t[êe]te|parole|bon)", clause[m.end() :], _I)
        )
    if role == "fell":
        return bool(
            _WEAPON_BEFORE.search(before)
            or re.match(
                r"(?:\s+[\w’']+){0,2}?\s+(?:sur|dans|sous|au\s+combat|[àa]\s+(?:court|terre))\b", clause[m.end() :], _I
            )
        )
    return False


def _nominal_not_capture(clause: str, m: re.Match[str]) -> bool:
    """ "la reprise des combats", "la prise d'otages", "la chute de Bachar al-Assad": no place taken."""
    if (
        re.search(r"(?:^|\s)(?:à|a|vers|devant|jusqu['’]à)\s+l['’]\s*$", clause[max(0, m.start() - 8) : m.start() + 2])
        and "entr" in m.group().lower()
    ):
        return True  # "à l'entrée de Nawa": at the gate of
    after = clause[m.end() : m.end() + 25].lower()
    return bool(
        re.match(
            r"\s*(?:des\s+(?:combats|bombardements|frappes|hostilit|n[ée]gociations|pourparlers)|d['’]otages|du\s+r[ée]gime|de\s+(?:position|parole|conscience))",
            after,
        )
    )


def _tied_place(
    clause: str, role: str, m: re.Match[str], spans: list[tuple[int, int, Mention]]
) -> Mention | None:
    """The mention a trigger governs, by its role: before it, after it, or after its \"de\"."""
    after = [
        (s, e, x)
        for s, e, x in spans
        if s >= m.end() and s - m.end() <= 90 and _GAP_AFTER.match(strip_agent(clause[m.end() : s]))
    ]
    before = [
        (s, e, x)
        for s, e, x in spans
        if e <= m.start() and m.start() - e <= 60 and not re.search(r"[.;:]", clause[e : m.start()])
    ]
    if role in ("hands", "participial", "fell"):
        return _tied_before(clause, role, m, spans, before=before, after=after)
    if role == "fromto":
        return before[-1][2] if before else None
    if role == "nominal":
        if before and DONT.fullmatch(clause[before[-1][1] : m.start()]):
            return before[-1][2]  # "X, dont la reconquête par l'armée ...": the place before "dont"
        return (
            after[0][2]
            if after and re.search(r"(?:de|d['’]|du|des|dans)\s*$", clause[m.end() : after[0][0]], _I)
            else None
        )
    if after:
        return after[0][2]
    if role in ("gain", "loss"):
        return among_them(clause, m.end(), spans)
    return None


_Span = tuple[int, int, Mention]


@lru_cache(maxsize=1)
def _such_as() -> re.Pattern[str]:
    return re.compile(rf"(?:\s+par\s+[^,.;]{{1,40}}?)?{fr.SUCH_AS.replace('{AP}', _AP)}", _I)


def _tied_before(
    clause: str, role: str, m: re.Match[str], spans: list[_Span], *, before: list[_Span], after: list[_Span]
) -> Mention | None:
    """The place of "X, <apposition>, tombée", "X est tombée", "X, reprise par", "chassé de X par"."""
    head = apposition_head(clause, m.start(), spans)
    if head is not None:
        return head
    if role == "participial" and after and FROM_PLACE.match(clause[m.end() : after[0][0]]) and re.match(
        fr.PARTICIPIAL_FROM, m.group(), _I
    ):
        return after[0][2]  # "l'EI chassé de X par les Kurdes": the place follows "de"
    nxt = next(((s, x) for s, _e, x in spans if s >= m.end()), None)
    if role == "participial" and nxt and _such_as().fullmatch(clause, m.end(), nxt[0]):
        return nxt[1]  # "d'autres régions reprises par le régime, comme X"
    if before and re.fullmatch(
        r"[\s,]*(?:(?:qui|a|est|était|avait|été|sont|ont|ainsi|aussi|déjà|\w+di|dimanche|le|la|l['’]|en|\d+|\w+)[\s,]*){0,6}",
        clause[before[-1][1] : m.start()],
        _I,
    ):
        return before[-1][2]
    return (
        after[0][2]
        if after and role == "hands" and re.match(r"\s*(?:de|d['’]|du)", clause[m.end() : after[0][0]])
        else None
    )


def tied_after(clause: str, end: int, mentions: Sequence[Mention], clause_start: int) -> Mention | None:
    """The first mention a trigger ending at ``end`` governs ("ont reconquis X", "s'est emparé de la ville de X")."""
    for m in mentions:
        s = m.start - clause_start
        if s >= end and s - end <= 90 and _GAP_AFTER.match(strip_agent(clause[end:s])):
            return m
        if s >= end:
            return None
    return None

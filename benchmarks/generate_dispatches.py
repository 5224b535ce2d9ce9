"""Generate realistic French dispatches about the war in Syria, for benchmarks.

The texts are built from our own templates (no sentence of the seed dispatches), with places
drawn from the project's gazetteer table ``gazetteer/data/french_spellings.csv`` (a small built-in
list when it is absent), actors, weapons, counts written in words or digits (with "au moins",
"plus de", "une dizaine"...), relative days consistent with the document date, control changes,
clashes, displacement, front positions, attributions (OSDH, ONU, Casques blancs) and filler
paragraphs (quotes, diplomacy, background).

Usage::

    python benchmarks/generate_dispatches.py 2000 /tmp/dispatches          # .txt files
    python benchmarks/generate_dispatches.py 2000 --jsonl /tmp/dispatches.jsonl
    python benchmarks/generate_dispatches.py 2000 OUTDIR --seed 7

Each text starts with the ``" date YYYY-MM-DD "`` prefix that :mod:`geo.read.reader` understands
(JSON Lines rows carry the date in a ``date`` field and the text without prefix).
Output is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["generate", "main"]

_ROOT = Path(__file__).resolve().parents[1]
_SPELLINGS = _ROOT / "gazetteer" / "data" / "french_spellings.csv"

#: French governorate names by OCHA pcode, with the form used after "la province de/d'".
_GOVERNORATES: dict[str, str] = {
    "SY01": "Damas", "SY02": "Alep", "SY03": "Damas", "SY04": "Homs", "SY05": "Hama",
    "SY06": "Lattaquié", "SY07": "Idleb", "SY08": "Hassaké", "SY09": "Deir Ezzor",
    "SY10": "Tartous", "SY11": "Raqa", "SY12": "Deraa", "SY13": "Soueida", "SY14": "Qouneitra",
}

#: Fallback places (French spelling, kind, pcode) when the gazetteer table is absent.
_BUILTIN_PLACES: list[tuple[str, str, str]] = [
    ("Saraqeb", "city", "SY07"), ("Khan Cheikhoun", "city", "SY07"), ("Ariha", "city", "SY07"),
    ("Jisr al-Choughour", "city", "SY07"), ("Kafranbel", "town", "SY07"), ("Sarmada", "town", "SY07"),
    ("Binnich", "town", "SY07"), ("Taftanaz", "town", "SY07"), ("Maaret Misrine", "town", "SY07"),
    ("Kafr Nabl", "town", "SY07"), ("Manbij", "city", "SY02"), ("Al-Bab", "city", "SY02"),
    ("Azaz", "city", "SY02"), ("Afrine", "city", "SY02"), ("Tal Rifaat", "town", "SY02"),
    ("Jarablous", "town", "SY02"), ("Anadan", "town", "SY02"), ("Haritan", "town", "SY02"),
    ("Kafr Zita", "town", "SY05"), ("Latamné", "town", "SY05"), ("Morek", "town", "SY05"),
    ("Soran", "town", "SY05"), ("Mhardeh", "town", "SY05"), ("Salamiyé", "city", "SY05"),
    ("Rastane", "city", "SY04"), ("Talbisseh", "town", "SY04"), ("Qousseir", "city", "SY04"),
    ("Palmyre", "city", "SY04"), ("Douma", "city", "SY03"), ("Harasta", "city", "SY03"),
    ("Arbine", "town", "SY03"), ("Zamalka", "town", "SY03"), ("Daraya", "city", "SY03"),
    ("Bousra al-Cham", "town", "SY12"), ("Nawa", "city", "SY12"), ("Tafas", "town", "SY12"),
    ("Boukamal", "city", "SY09"), ("Mayadine", "city", "SY09"), ("Hajine", "town", "SY09"),
    ("Tabqa", "city", "SY11"), ("Aïn Issa", "town", "SY11"), ("Qamichli", "city", "SY08"),
    ("Ras al-Aïn", "city", "SY08"), ("Kessab", "town", "SY06"),
]
_BUILTIN_NEIGHBOURHOODS: list[tuple[str, str, str]] = [
    ("Jobar", "neighbourhood", "SY01"), ("Salaheddine", "neighbourhood", "SY02"),
    ("Boustane al-Qasr", "neighbourhood", "SY02"), ("Al-Waer", "neighbourhood", "SY04"),
]

_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"]
_UNITS = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_TEENS = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
          "dix-neuf"]
_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt",
         "quatre-vingt"]

# actor label -> (subject noun phrases [plural?], genitive phrases "du régime")
_ACTORS: dict[str, tuple[list[tuple[str, bool]], list[str]]] = {
    "regime": (
        [("les forces du régime", True), ("l'armée syrienne", False), ("les troupes de Damas", True),
         ("les forces prorégime", True), ("le régime de Bachar al-Assad", False),
         ("les forces gouvernementales", True)],
        ["du régime", "de l'aviation syrienne", "des forces gouvernementales", "de Damas"],
    ),
    "Russia": (
        [("l'aviation russe", False), ("des avions russes", True), ("l'armée russe", False)],
        ["de l'aviation russe", "de Moscou", "de l'armée russe"],
    ),
    "coalition": (
        [("la coalition internationale menée par Washington", False), ("la coalition antijihadiste", False)],
        ["de la coalition internationale", "de la coalition menée par les États-Unis"],
    ),
    "Turkey": (
        [("l'armée turque", False), ("les forces turques et leurs supplétifs syriens", True)],
        ["de l'armée turque", "d'Ankara"],
    ),
    "rebels": (
        [("les rebelles", True), ("les insurgés", True), ("des groupes rebelles", True),
         ("les factions rebelles soutenues par Ankara", True)],
        ["des rebelles", "des insurgés"],
    ),
    "HTS/jihadists": (
        [("les jihadistes de Hayat Tahrir al-Cham (HTS)", True), ("les djihadistes", True),
         ("HTS, ex-branche syrienne d'Al-Qaïda,", False)],
        ["des jihadistes", "de HTS"],
    ),
    "IS": (
        [("le groupe État islamique (EI)", False), ("les jihadistes de l'EI", True), ("l'EI", False)],
        ["de l'EI", "du groupe État islamique"],
    ),
    "SDF/Kurdish forces": (
        [("les Forces démocratiques syriennes (FDS)", True), ("les forces kurdes", True),
         ("les combattants kurdes des YPG", True)],
        ["des FDS", "des forces kurdes"],
    ),
}
_STRIKERS = ["regime", "regime", "regime", "Russia", "Russia", "coalition", "Turkey"]
_GROUND = ["regime", "rebels", "HTS/jihadists", "IS", "SDF/Kurdish forces", "Turkey"]
#: (phrase, plural)
_WEAPONS = [
    ("des raids aériens", True), ("des frappes aériennes", True), ("des barils d'explosifs", True),
    ("des tirs de roquettes", True), ("des tirs d'artillerie", True), ("des bombardements", True),
    ("une frappe de drone", False), ("des obus", True), ("des missiles sol-sol", True),
    ("un raid aérien", False),
]
#: (singular form, plural form, followed by "de")
_TAKE_VERBS = [
    ("a conquis", "ont conquis", False), ("a capturé", "ont capturé", False),
    ("a repris", "ont repris", False), ("a reconquis", "ont reconquis", False),
    ("a pris le contrôle", "ont pris le contrôle", True),
    ("s'est emparée", "se sont emparés", True), ("a chassé les rebelles", "ont chassé les rebelles", True),
]
_SOURCES = [
    "selon l'Observatoire syrien des droits de l'Homme (OSDH)", "a indiqué l'OSDH",
    "d'après l'OSDH", "selon l'ONG", "a rapporté l'agence officielle Sana",
    "selon les Casques blancs", "a affirmé un correspondant de l'AFP sur place",
    "selon une source médicale locale", "a précisé le directeur de l'OSDH, Rami Abdel Rahmane",
]
_FOREIGN = ["Moscou", "Ankara", "Washington", "Paris", "Genève", "Téhéran", "Beyrouth", "Amman",
            "Bruxelles", "Londres"]
_DATELINES = ["Beyrouth", "Damas", "Genève", "Amman", "Istanbul"]
_VICTIMS = [("civils", "enfants"), ("personnes", "femmes"), ("civils", "femmes"),
            ("personnes", "enfants"), ("combattants", "commandants")]
_ONE = {"civils": "Un civil", "personnes": "Une personne", "combattants": "Un combattant"}


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    kind: str
    pcode: str


def _load_places() -> tuple[list[_Place], list[_Place]]:
    """Settlements and neighbourhoods from the gazetteer table, or the built-in lists."""
    settlements: list[_Place] = []
    quarters: list[_Place] = []
    if _SPELLINGS.is_file():
        with _SPELLINGS.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                pcode = (row.get("adm1_pcode") or "").strip()
                kind = (row.get("kind") or "").strip()
                name = (row.get("spelling") or "").strip()
                if (not name or pcode not in _GOVERNORATES or not name[0].isupper()
                        or "(" in name or "," in name):
                    continue
                if kind in ("city", "town", "village"):
                    settlements.append(_Place(name, kind, pcode))
                elif kind == "neighbourhood":
                    quarters.append(_Place(name, kind, pcode))
    if len(settlements) < 20:
        settlements = [_Place(*p) for p in _BUILTIN_PLACES]
    if len(quarters) < 3:
        quarters = [_Place(*p) for p in _BUILTIN_NEIGHBOURHOODS]
    return settlements, quarters


def _french(n: int) -> str:
    """1..999 999 in French words."""
    if n >= 1000:
        k, r = divmod(n, 1000)
        head = "mille" if k == 1 else f"{_french(k)} mille"
        return head if r == 0 else f"{head} {_french(r)}"
    words: list[str] = []
    h, r = divmod(n, 100)
    if h:
        words.append("cent" if h == 1 else f"{_UNITS[h - 1]} cent{'s' if r == 0 else ''}")
    if r:
        t, u = divmod(r, 10)
        if r < 10:
            words.append(_UNITS[r - 1])
        elif r < 20:
            words.append(_TEENS[r - 10])
        elif t in (7, 9):
            words.append(f"{_TENS[t]}{' et ' if r == 71 else '-'}{_TEENS[u]}")
        else:
            base = _TENS[t] + ("s" if t == 8 and u == 0 else "")
            words.append(base if u == 0 else f"{base}{' et ' if u == 1 and t != 8 else '-'}{_UNITS[u - 1]}")
    return " ".join(words)


class _Writer:
    """Builds one dispatch; holds the per-document style (apostrophe, spaces) and date."""

    def __init__(self, rng: random.Random, places: list[_Place], quarters: list[_Place],
                 by_gov: dict[str, list[_Place]], date: _dt.date) -> None:
        self.rng = rng
        self.places = places
        self.quarters = quarters
        self.by_gov = by_gov
        self.date = date
        self.apo = rng.choice(["'", "’"])
        self.nb = rng.choice([" ", "\u00a0", "\u202f"])
        self.gov = rng.choice(sorted(by_gov))
        self.used: list[_Place] = []

    # --- small pieces ---------------------------------------------------------------------
    def a(self, s: str) -> str:
        return s.replace("'", self.apo)

    def de(self, name: str) -> str:
        return f"d'{name}" if name[0] in "AEIOUYÉÈÂÎaeiouyé" else f"de {name}"

    def place(self) -> _Place:
        pool = self.by_gov.get(self.gov) or self.places
        p = self.rng.choice(pool if self.rng.random() < 0.8 else self.places)
        self.used.append(p)
        return p

    def place_phrase(self, p: _Place) -> str:
        r = self.rng.random()
        if p.kind == "village" or r < 0.25:
            head = "le village" if p.kind == "village" else self.rng.choice(["la localité", "la ville"])
            return f"{head} {self.de(p.name)}"
        if p.kind == "city" and r < 0.5:
            return f"la ville {self.de(p.name)}"
        return p.name

    def where(self, p: _Place) -> str:
        """Where the place lies: 'dans le sud de la province d'Idleb', 'près de X'."""
        gov = _GOVERNORATES[p.pcode]
        r = self.rng.random()
        if r < 0.4:
            side = self.rng.choice(["nord", "sud", "est", "ouest", "nord-ouest", "sud-est"])
            return f"dans le {side} de la province {self.de(gov)}"
        if r < 0.7:
            other = self.place()
            rel = self.rng.choice(["près", "aux abords", "à l'est", "au nord", "à l'ouest", "au sud"])
            return f"{rel} {self.de(other.name)}"
        return f"dans la région {self.de(gov)}"

    def count(self, lo: int, hi: int) -> tuple[str, int]:
        n = self.rng.randint(lo, hi)
        r = self.rng.random()
        if (n <= 20 and r < 0.6) or (n % 10 == 0 and n < 100 and r < 0.3):
            body = _french(n)
        elif n >= 1000:
            s = f"{n:,}".replace(",", self.rng.choice([".", self.nb]))
            body = s
        else:
            body = str(n)
        m = self.rng.random()
        if m < 0.25:
            return f"au moins {body}", n
        if m < 0.4:
            return f"plus de {body}", n
        if m < 0.48:
            return f"près de {body}", n
        if m < 0.55:
            return f"environ {body}", n
        return body, n

    def approx(self) -> str:
        return self.rng.choice(["une dizaine", "une quinzaine", "une vingtaine", "une trentaine",
                                "des dizaines", "une centaine", "des centaines"])

    def when(self) -> str:
        k = self.rng.choice([0, 0, 1, 1, 2, 3, 4, 5])
        day = _WEEKDAYS[(self.date - _dt.timedelta(days=k)).weekday()]
        r = self.rng.random()
        if r < 0.5:
            return day
        if r < 0.65:
            return f"{day} {self.rng.choice(['soir', 'matin', 'à l' + self.apo + 'aube'])}"
        if r < 0.75:
            prev = _WEEKDAYS[(self.date - _dt.timedelta(days=k + 1)).weekday()]
            return f"dans la nuit de {prev} à {day}"
        if r < 0.85:
            return "la veille"
        d = self.date - _dt.timedelta(days=self.rng.randint(1, 25))
        return f"le {'1er' if d.day == 1 else d.day} {_MONTHS[d.month - 1]}"

    def actor(self, label: str) -> tuple[str, bool]:
        return self.rng.choice(_ACTORS[label][0])

    def source(self) -> str:
        return self.a(self.rng.choice(_SOURCES))

    # --- sentences ------------------------------------------------------------------------
    def strike(self) -> str:
        p = self.place()
        label = self.rng.choice(_STRIKERS)
        weapon, plural = self.rng.choice(_WEAPONS)
        gen = self.rng.choice(_ACTORS[label][1])
        victims, sub = self.rng.choice(_VICTIMS)
        killed, n = self.count(2, 60)
        dont = ""
        if n > 3 and self.rng.random() < 0.5:
            dont = f", dont {self.count(1, max(1, n // 2))[0]} {sub},"
        when = self.when()
        tue = "ont tué" if plural else "a tué"
        forms = [
            f"{killed.capitalize()} {victims}{dont} ont été {'tuées' if victims == 'personnes' else 'tués'} "
            f"{when} dans {weapon} {gen} "
            f"sur {self.place_phrase(p)}, {self.where(p)}, {self.source()}.",
            f"{weapon.capitalize()} {gen} {tue} {when} {killed} {victims}{dont} à {p.name}, "
            f"{self.source()}.",
            f"{when[0].upper() + when[1:]}, {weapon} {gen} {'ont' if plural else 'a'} visé "
            f"{self.place_phrase(p)}, tuant {killed} {victims} et faisant {self.count(3, 90)[0]} blessés.",
            f"{_ONE[victims]} a été tué{'e' if victims == 'personnes' else ''} et "
            f"{self.count(2, 15)[0]} autres blessés {when} par {weapon} sur {self.place_phrase(p)}.",
            f"Selon le bilan, {killed} {victims} ont péri {when} dans {weapon} {gen} "
            f"visant un marché {self.de(p.name)}.",
        ]
        return self.a(self.rng.choice(forms))

    def _de_phrase(self, target: str) -> str:
        if target.startswith("le "):
            return "du " + target[3:]
        if target.startswith("la "):
            return "de " + target
        return self.de(target)

    def control(self) -> str:
        p = self.place()
        label = self.rng.choice(_GROUND)
        subj, plural = self.actor(label)
        sing, plur, takes_de = self.rng.choice(_TAKE_VERBS)
        verb = plur if plural else sing
        target = self.place_phrase(p)
        obj = f"{verb} {self._de_phrase(target)}" if takes_de else f"{verb} {target}"
        when = self.when()
        aux = "ont" if plural else "a"
        many = self.approx()
        many_de = "de dizaines" if many == "des dizaines" else (
            "de centaines" if many == "des centaines" else self.de(many))
        forms = [
            f"{subj[0].upper() + subj[1:]} {obj} {when}, {self.where(p)}, {self.source()}.",
            f"{when[0].upper() + when[1:]}, {subj} {obj} après de violents combats.",
            f"{subj[0].upper() + subj[1:]} {aux} pris {when} le contrôle {many_de} de "
            f"villages autour {self.de(p.name)}, {self.source()}.",
        ]
        return self.a(self.rng.choice(forms))

    def clash(self) -> str:
        p = self.place()
        a1, a2 = self.rng.sample(_GROUND, 2)
        s1 = self.actor(a1)[0]
        s2 = self.actor(a2)[0]
        s2 = ("aux " + s2[4:]) if s2.startswith("les ") else ("à " + s2)
        forms = [
            f"De violents combats opposent {self.when()} {s1} {s2} aux abords {self.de(p.name)}, "
            f"faisant {self.count(5, 80)[0]} morts de part et d'autre, {self.source()}.",
            f"Les affrontements entre {s1} et {self.actor(a2)[0]} près {self.de(p.name)} ont fait "
            f"{self.count(3, 40)[0]} morts {self.when()}.",
        ]
        return self.a(self.rng.choice(forms))

    def displacement(self) -> str:
        p = self.place()
        n = self.rng.choice([5000, 12000, 40000, 60000, 100000, 235000, 400000])
        body = f"{n:,}".replace(",", self.rng.choice([".", self.nb])) if self.rng.random() < 0.7 else (
            f"{_french(n // 1000)} mille"
        )
        forms = [
            f"Plus de {body} personnes ont fui {self.place_phrase(p)} et ses environs ces derniers "
            f"jours, selon l'ONU.",
            f"Quelque {body} habitants de la région {self.de(_GOVERNORATES[p.pcode])} ont été déplacés "
            f"depuis le début de l'offensive, a indiqué le Bureau de coordination des affaires humanitaires (Ocha).",
        ]
        return self.a(self.rng.choice(forms))

    def cumulative(self) -> str:
        gov = _GOVERNORATES[self.gov]
        d = self.date - _dt.timedelta(days=self.rng.randint(20, 150))
        start = self.rng.choice([f"Depuis le {d.day} {_MONTHS[d.month - 1]}",
                                 f"Depuis fin {_MONTHS[d.month - 1]}",
                                 f"En {_french(self.rng.randint(3, 10))} jours"])
        forms = [
            f"{start}, les bombardements ont tué {self.count(100, 1200)[0]} civils dans la province "
            f"{self.de(gov)}, {self.source()}.",
            f"{start}, les combats ont fait {self.count(50, 600)[0]} morts, dont "
            f"{self.count(10, 40)[0]} enfants, {self.source()}.",
        ]
        return self.a(self.rng.choice(forms))

    def front(self) -> str:
        p = self.place()
        km = self.rng.randint(2, 15)
        km_s = _french(km) if self.rng.random() < 0.6 else str(km)
        subj, plural = self.actor(self.rng.choice(["regime", "Turkey", "SDF/Kurdish forces"]))
        verb = "se trouvent" if plural else "se trouve"
        return self.a(f"{subj[0].upper() + subj[1:]} {verb} désormais à {km_s} kilomètres "
                      f"{self.de(p.name)}, {self.source()}.")

    def filler(self) -> str:
        r = self.rng.randrange(6)
        f1, f2 = self.rng.sample(_FOREIGN, 2)
        if r == 0:
            year0 = 2011
            return self.a(f"Le conflit, qui a éclaté en {year0} après la répression de manifestations "
                          f"pacifiques, a fait plus de {self.rng.choice(['350.000', '380 000', '500.000'])} "
                          f"morts et jeté sur les routes des millions de Syriens.")
        if r == 1:
            return self.a(f"{f1} et {f2} ont appelé {self.when()} à un cessez-le-feu durable, "
                          f"tandis que de nouvelles négociations doivent s'ouvrir à Genève.")
        if r == 2:
            return self.a("« Nous avons tout perdu, nous dormons sous les oliviers », a confié un "
                          "père de famille joint par téléphone par l'AFP.")
        if r == 3:
            return self.a("Les secouristes fouillaient encore les décombres à la recherche de "
                          "survivants, dans un quartier privé d'électricité depuis des semaines.")
        if r == 4:
            return self.a(f"Le ministère des Affaires étrangères à {f1} a dénoncé dans un communiqué "
                          f"une « escalade inacceptable » et réclamé un accès humanitaire sans entrave.")
        q = self.rng.choice(self.quarters)
        return self.a(f"Dans le quartier {self.de(q.name)}, les écoles sont restées fermées "
                      f"et les habitants font la queue pour obtenir du pain.")

    def document(self) -> str:
        makers = [self.strike, self.strike, self.strike, self.control, self.clash,
                  self.displacement, self.cumulative, self.front]
        n_par = self.rng.randint(3, 9)
        paras: list[str] = []
        for i in range(n_par):
            k = self.rng.randint(1, 3)
            sents = []
            for _ in range(k):
                maker = self.rng.choice(makers) if i == 0 or self.rng.random() < 0.7 else self.filler
                sents.append(maker())
            paras.append(" ".join(sents))
        if self.rng.random() < 0.3:
            line = f"{self.rng.choice(_DATELINES)} (AFP) - "
            paras[0] = line + paras[0]
        return "\n\n".join(paras)


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield ``n`` synthetic dispatches.

    Parameters
    ----------
    n : int
        Number of documents.
    seed : int
        Random seed; the same seed gives the same documents.

    Returns
    -------
    Iterator[tuple[str, str]]
        ``(doc_id, text)`` where ``text`` starts with ``" date YYYY-MM-DD "``.
    """
    rng = random.Random(seed)
    places, quarters = _load_places()
    by_gov: dict[str, list[_Place]] = {}
    for p in places:
        by_gov.setdefault(p.pcode, []).append(p)
    first = _dt.date(2012, 1, 1).toordinal()
    last = _dt.date(2020, 12, 31).toordinal()
    for i in range(n):
        date = _dt.date.fromordinal(rng.randint(first, last))
        body = _Writer(rng, places, quarters, by_gov, date).document()
        yield f"gen{seed}_{i:06d}", f" date {date.isoformat()} {body}"


def main(argv: list[str] | None = None) -> int:
    """Command line: write N dispatches as .txt files in OUTDIR and/or as JSON Lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of dispatches")
    parser.add_argument("outdir", nargs="?", type=Path, help="folder for .txt files")
    parser.add_argument("--jsonl", type=Path, help="also (or only) write JSON Lines here")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.outdir is None and args.jsonl is None:
        parser.error("give OUTDIR and/or --jsonl FILE")
    if args.n < 0:
        parser.error(f"N must be >= 0, got {args.n}")
    if args.outdir is not None:
        args.outdir.mkdir(parents=True, exist_ok=True)
    jfh = args.jsonl.open("w", encoding="utf-8") if args.jsonl is not None else None
    try:
        for doc_id, text in generate(args.n, args.seed):
            if args.outdir is not None:
                (args.outdir / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            if jfh is not None:
                date, body = text[6:16], text[17:]
                jfh.write(json.dumps({"id": doc_id, "date": date, "text": body}, ensure_ascii=False) + "\n")
    finally:
        if jfh is not None:
            jfh.close()
    print(f"wrote {args.n} dispatches (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

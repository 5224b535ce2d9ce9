"""Write a synthetic GeoNames dump of Syrian-looking places, for benchmarks (never shipped as data).

``python benchmarks/generate_geonames.py N OUT.txt [--seed S]`` writes N rows in the official
19-column tab-separated format. Names are built like Syrian toponyms in GeoNames (a generic head
such as Tall / Kafr / Dayr / 'Ayn / Khirbat / Umm / Jabal / Bi'r, the article al- with sun-letter
assimilation, two or three Arabic-looking syllables), each with an ASCII form, two or three
transliteration variants and an Arabic-script alternate; coordinates fall inside Syria's bounding
box, admin1 codes are GeoNames' Syrian ones, feature codes mostly PPL with some S/T/L features, and
most populations are 0, as in the real dump. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

_HEADS = ["", "", "", "Tall ", "Kafr ", "Dayr ", "‘Ayn ", "Khirbat ", "Umm ", "Jabal ", "Bi’r ", "Tal‘at ", "Qaryat "]
_SYLL = ["ba", "bu", "da", "du", "fa", "ha", "ja", "ka", "kha", "la", "ma", "mu", "na", "qa", "ra", "ru", "sa",
         "sha", "ta", "wa", "ya", "za", "ghu", "thi", "hi", "mi", "ni", "ri", "si", "ti"]  # fmt: skip
_ENDS = ["", "", "ah", "iyah", "at", "un", "in", "an", "ah", "ayn", "iyat"]
_SUN = set("tdrzsnl")
_AR = {"b": "ب", "d": "د", "f": "ف", "h": "ه", "j": "ج", "k": "ك", "l": "ل", "m": "م", "n": "ن", "q": "ق",
       "r": "ر", "s": "س", "t": "ت", "w": "و", "y": "ي", "z": "ز", "g": "غ", "a": "ا", "u": "و", "i": "ي"}  # fmt: skip
_ADM1 = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14"]
_CODES = ["PPL"] * 80 + ["PPLA3"] * 3 + ["PPLX"] * 4 + ["HLL"] * 4 + ["AIRB"] + ["CMP"] + ["DAM"] + ["MT"] * 3 + ["AREA"] * 3
_CLASS = {"PPL": "P", "PPLA3": "P", "PPLX": "P", "HLL": "T", "MT": "T", "AIRB": "S", "CMP": "S", "DAM": "S", "AREA": "L"}


def _word(rnd: random.Random) -> str:
    return "".join(rnd.choice(_SYLL) for _ in range(rnd.choice((2, 2, 3)))) + rnd.choice(_ENDS)


def _name(rnd: random.Random) -> str:
    core = _word(rnd).capitalize()
    if rnd.random() < 0.35:
        first = core[0].lower()
        article = f"A{first}-" if first in _SUN else "Al "
        core = article + core
    if rnd.random() < 0.15:
        core += " " + _word(rnd).capitalize()
    return rnd.choice(_HEADS) + core


def _variants(name: str) -> list[str]:
    plain = name.replace("‘", "").replace("’", "")
    return list(dict.fromkeys([
        plain.replace("u", "ou").replace("sh", "ch").replace("Tall ", "Tell "),
        plain.replace("Al ", "El-").replace("ah", "a").replace("Kafr ", "Kfar "),
        plain.replace("Dayr ", "Deir ").replace("kh", "kh").replace("q", "k"),
    ]))  # fmt: skip


def _arabic(name: str) -> str:
    return "".join(_AR.get(c, "") if c != " " else " " for c in name.lower()).strip() or "قرية"


def rows(n: int, seed: int = 13) -> list[str]:
    """The ``n`` dump lines (with newline)."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        name = _name(rnd)
        code = rnd.choice(_CODES)
        ascii_name = name.replace("‘", "`").replace("’", "'")
        alternates = ",".join([*_variants(name), _arabic(name)])
        lat = round(rnd.uniform(32.4, 37.2), 5)
        lon = round(rnd.uniform(35.8, 42.2), 5)
        pop = 0 if rnd.random() < 0.9 else rnd.randint(500, 40_000)
        out.append("\t".join([
            str(8_000_000 + i), name, ascii_name, alternates, str(lat), str(lon), _CLASS[code], code, "SY", "",
            rnd.choice(_ADM1), "", "", "", str(pop), "", str(rnd.randint(0, 1500)), "Asia/Damascus", "2024-01-01",
        ]) + "\n")  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    args.out.write_text("".join(rows(args.n, args.seed)), encoding="utf-8")
    print(f"wrote {args.n:,} rows to {args.out}")


if __name__ == "__main__":
    main()

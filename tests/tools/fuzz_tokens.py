"""Words that make the extraction rules fire, and hostile characters: the one token list of the fuzz
test (``tests/e2e/test_fuzz.py``) and the fuzz campaign (``benchmarks/fuzz_campaign.py``).

French dispatch words, places, counts and dates are our own.
"""

TOKENS = [
    "Des frappes aériennes", "ont tué", "au moins", "plus de", "une dizaine de", "civils", "dont", "enfants",
    "combattants", "le régime", "les rebelles", "l'EI", "les FDS", "la Russie", "a repris le contrôle de",
    "se sont emparés de", "des combats", "près de", "à", "de", "dans la province d'", "Idleb", "Saraqeb", "Alep",
    "Ariha", "Deir Ezzor", "Maaret al-Noomane", "Khan Cheikhoun", "Damas", "Lattaquié", "Turquie", "Syrie",
    "mardi", "la veille", "le lendemain", "jeudi prochain", "le 31 février", "le 8 août 0000", "en 1799",
    "le 12/13/2019", "dans la nuit de mercredi à jeudi", "depuis fin avril", "1" * 40, "9" * 400,
    "1,5 million", "370 000", "vingt-deux", "mille milliards de", "déplacés", "blessés", ".", ",", ";",
    "\n", "\n\n", " date 9999-12-31\n", " date 0001-01-01\n", " date 2019-13-45\n", "M.", "«", "»",
    "=HYPERLINK(\"x\")", "@SUM(A1)", "\x00", "\u200f", "\u202e", "\u2066", "\u2069", "\ufeff", "\ufffd",
    "قصف جوي على إدلب", "حلب", "😀", "🇸🇾", "\u0307", "ı", "ſ", "ﬁ", "Ⅻ", "٣٤", "𝟗𝟗", "à 4 km de",
]

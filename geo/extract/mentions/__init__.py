"""Find the places a French dispatch names, and resolve them through the gazetteer.

Candidate generators feed one resolver pass (modules of this package):

1. a token n-gram dictionary built from the gazetteer's phrase index (every spelling of every
   place, normalised), matched over the folded text, longest match first, on word boundaries;
2. capitalised names after French place cues ("le village de X", "la province d'X", "à X",
   "aux abords de X", "au nord d'X" ...), object and site cues ("ont touché X", "la prise de X",
   "le marché de X"), list cues ("plusieurs villages, dont X, Y et Z"), names that open with a name
   prefix (Abou, Tal, Kafr, Deir, Beit, Ain, Jabal, Wadi ...) and codes ("l'autoroute M4", "la base
   T4"), which the gazetteer then tries to resolve; unknown ones are kept unresolved (``name=None``)
   so that ``conflictmap unresolved`` lists them with their candidates.

A dictionary match inside a longer capitalised name is replaced by the whole name ("Tal Malah",
not "Malah"; "Kafr Halab", not "Halab"). A governorate named in the same sentence, or just after
the name ("Saïda, à l'est de Deraa"), outranks a better spelling elsewhere. Rivers ("l'Euphrate")
are recognised with ``kind="river"`` and no point.

Candidates inside organisation names (OSDH, Casques blancs, HTS ...), after person cues
("M.", "président") or equal to demonyms and weekdays are dropped. The generic word before a
name sets the kind asked of the gazetteer: "la province d'Idleb" is the governorate, "la ville
d'Idleb" the city, a bare "Idleb" follows the document (governorate when the dispatch mostly
speaks of the province). "la province de Damas" is Rural Damascus. Place names standing for a
government or an actor ("Ankara a indiqué", "les bombardements de Damas") are kept with
``metonymic=True`` so events are not placed there.

The package: :mod:`.candidate` (one candidate), :mod:`.matcher` (the gazetteer scan),
:mod:`.cue_names` (names after cues), :mod:`.starts` (where names can begin), :mod:`.spacy_pass`
(the spaCy option), :mod:`.candidates` (all of them), :mod:`.cues`, :mod:`.filters`, :mod:`.names`
(patterns and filters),
:mod:`.context`, :mod:`.metonymy` and :mod:`.resolve` (resolution in context). The French words
are tables in :mod:`geo.lang.fr.places`.
"""

from __future__ import annotations

from geo.extract.mentions.candidate import FEATURE_KINDS
from geo.extract.mentions.matcher import PhraseMatcher
from geo.extract.mentions.resolve import find_mentions, mention_hint
from geo.extract.mentions.spacy_pass import spacy_nlp

#: The former private name, still imported by geo/pipeline/job.py.

__all__ = ["FEATURE_KINDS", "PhraseMatcher", "find_mentions", "mention_hint", "spacy_nlp"]

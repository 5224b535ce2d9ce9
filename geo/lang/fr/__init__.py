"""French as data, in the style of spaCy's ``lang/fr``: the words the extraction code compiles and uses.

:mod:`~geo.lang.fr.control` (control-change triggers by role, status words, control states),
:mod:`~geo.lang.fr.kinds` (strike, clash, displacement, violence-against-civilians triggers),
:mod:`~geo.lang.fr.places` (words around place names: stop and function words, name prefixes,
demonyms, rivers), :mod:`~geo.lang.fr.dates` (weekdays, months), :mod:`~geo.lang.fr.numbers`
(number words, count modifiers, people counted by noun phrases), :mod:`~geo.lang.fr.actors`
(names of armed actors).
"""

"""Language data for extraction, one package per language (``geo.lang.fr``), kept apart from the passes.

As spaCy keeps ``spacy/lang/fr/`` (stop words, lexical attributes) apart from its pipeline
components, the French words that trigger, negate or qualify an event live in
``geo.lang.fr`` as plain tables (tuples of words and patterns); the passes in
:mod:`geo.extract.events` compile them.
"""

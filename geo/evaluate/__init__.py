"""Score extraction against gold annotations in the seeds schema (seeds, dev2, held-out, dev3).

Measures
--------
- **Syrian place mentions**: gold toponyms whose ``type`` is not ``foreign`` against predicted
  mentions with ``foreign=False``. A prediction *detects* a gold mention when their spans overlap
  (``detection_precision/recall/f1``); the pair is *correct* when the prediction is resolved
  within 5 km of the gold point, or, for a gold governorate or country, to the same governorate
  (P-code) or the country. Gold mentions without a point (``lat`` null, ``source`` "not found"
  or "n/a": rivers, roads, places absent from the reference data) count as correct once detected:
  they are not resolution errors. ``precision``/``recall`` count correct pairs;
  ``resolved_right`` = correct pairs / detected pairs. Foreign gold mentions are scored apart.
- **Events**, per kind of :data:`geo.kinds.EVENT_KINDS` (plus any other kind found in the gold):
  one-to-one greedy matching of predicted and gold events of the same kind whose evidence spans
  overlap, or, failing that, whose places agree and whose ``when`` is the same. Precision,
  recall, F1 and place accuracy per kind.
- **Casualties**: on matched strikes, the share whose ``killed`` equals the gold ``killed``
  (``None`` = ``None`` counts as exact).
- **Control changes**, on matched pairs: the gaining side right (``new_controller`` among the gold
  ``target_or_new_controller`` labels; "regime (details)", "A + B", "A and B" are split into
  their base labels), ``previous_controller`` right (same rule, gold null scored only when a
  side is stated), and the status right: a gold change is *claimed* when it is marked
  ``disputed`` or its notes speak of a claim, *reversed* when its notes call it temporary,
  reversed or brief; a prediction is right when its ``status`` agrees on both (``denied`` counts
  as claimed).

``python -m geo.evaluate --gold FILE --texts DIR [--json] [--spacy]`` prints the table (or JSON);
without arguments it scores the seeds of ``../shared``. Modules: :mod:`~geo.evaluate.gold` (gold files
and labels), :mod:`~geo.evaluate.matching` (predictions matched to gold), :mod:`~geo.evaluate.scoring`
(:func:`evaluate`), :mod:`~geo.evaluate.cli` (:func:`main`).
"""

from geo.evaluate.cli import main
from geo.evaluate.gold import gold_labels, gold_status
from geo.evaluate.matching import KM_TOLERANCE
from geo.evaluate.scoring import evaluate

__all__ = ["KM_TOLERANCE", "evaluate", "gold_labels", "gold_status", "main"]

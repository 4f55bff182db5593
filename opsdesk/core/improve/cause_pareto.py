"""A Pareto of causes: which few causes account for most occurrences (the SPC engine's).

Occurrences are counted per cause: the incidents or defects each cause was found behind
(a cause's id per occurrence), or counts the team tallied. Causes ruled out are left out,
as they explain nothing; the chart is ``spc.chart_spec.pareto_spec`` of the result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.fishbone import Fishbone
from opsdesk.core.spc.pareto import ParetoResult, pareto


def cause_pareto(tree: Fishbone, occurrences: Iterable[int] | Mapping[int, float],
                 other_below: float | None = None) -> ParetoResult:
    """The Pareto of ``tree``'s causes: ``occurrences`` is one cause id per occurrence, or
    a count per cause id. Each cause is labelled "text (category)"."""
    counts: Mapping[int, float] = (occurrences if isinstance(occurrences, Mapping)
                                   else Counter(occurrences))
    names = {c.id: (f"{c.text} ({cat})", c.status) for cat, _, c in tree.walk()}
    unknown = sorted(set(counts) - set(names))
    if unknown:
        raise OpsdeskError(f"Cause {unknown[0]} is not on the fishbone {tree.effect!r}.")
    kept = [(names[i][0], float(n)) for i, n in counts.items()
            if names[i][1] != "ruled out" and n > 0]
    if not kept:
        raise OpsdeskError("No cause that is open or confirmed has any occurrence to count.")
    return pareto([k for k, _ in kept], [n for _, n in kept], other_below=other_below)

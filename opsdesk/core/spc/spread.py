"""One rule for every control chart: its limits need a spread (a sigma above 0).

Data with no variation (every moving range, range or standard deviation 0; no defect
anywhere) give limits on the centre line, where every point "signals" or none can; a
chart refuses them with the sentence capability uses, naming the stage when there are
several. A sigma typed in must be above 0 for the same reason.
"""

from __future__ import annotations

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.model import Stage


class NoSpread(OpsdeskError):
    """The data give a sigma of 0: there are no control limits to draw."""


def require_spread(sigma: float, stages: list[Stage], index: int, what: str = "") -> float:
    """``sigma`` when above 0, else ``NoSpread`` naming stage ``index`` among ``stages``."""
    if sigma > 0:
        return sigma
    where = f" in stage {stages[index].name}" if len(stages) > 1 else ""
    because = f" ({what})" if what else ""
    raise NoSpread(f"The data have no spread{where}{because}, so there are no control "
                   "limits to draw.")

"""Is the process in statistical control? The word capability indices must carry.

Cp, Cpk, Pp and Ppk predict what a process will make only when it is stable: a process
with special causes has no single distribution for the indices to describe. Minitab's
capability sixpack draws the control charts beside the indices for this reason, and its
Assistant refuses to call a capability reliable while the chart shows points out of
control. Here the indices are still shown (they describe the data at hand), with one
sentence saying that the process is not in control, how many points signal and which
tests they fail.
"""

from __future__ import annotations

from opsdesk.core.spc.model import ChartResult


def stability_warning(result: ChartResult) -> str | None:
    """The warning to show beside capability indices, or None when no point signals
    under the tests the chart applied (and a run chart shows random variation)."""
    points: set[int] = set()
    tests: set[int] = set()
    panels: list[str] = []
    for panel in result.panels:
        found = panel.signals()
        if found:
            panels.append(panel.title or panel.name)
        for index, failed in found:
            points.add(index)
            tests.update(failed)
    runs = any(r.signal for r in result.runs or ())
    if not points and not runs:
        return None
    if points:
        count = len(points)
        which = ", ".join(str(t) for t in sorted(tests))
        where = " and ".join(panels)
        evidence = (f"{count} point{'s' if count != 1 else ''} of {result.n_points} "
                    f"signal{'s' if count == 1 else ''} on {where} "
                    f"(test{'s' if len(tests) != 1 else ''} {which})")
    else:
        evidence = "the runs analysis finds non-random variation (Anhøj's rules)"
    return (f"The process is not in statistical control: {evidence}. Capability indices "
            "assume a stable process, so these describe the data at hand, not what the "
            "process will make; find and remove the special causes first.")

"""A statistics result in words, as ``opsdesk stats`` prints it and the Data page shows
it (one text, so the two never drift apart)."""

from __future__ import annotations

from opsdesk.core.stats.descriptive import Descriptive
from opsdesk.core.stats.result import TestResult


def stats_lines(result: TestResult | list[Descriptive], test: str) -> list[str]:
    """The sentence first, then each pairwise comparison and each note."""
    if isinstance(result, list):
        if test != "normality":
            return [d.sentence for d in result]
        return [f"{d.name}: " + (d.normality.verdict() if d.normality
                                 else "too few values, or no spread, to test")
                for d in result]
    lines = [result.sentence]
    lines.extend(f"  {c.first} − {c.second}: {c.difference:.4g} "
                 f"({c.ci[0]:.4g} to {c.ci[1]:.4g}), p = {c.p_value:.3f}"
                 for c in result.comparisons)
    lines.extend(f"  {note}" for note in result.notes)
    return lines

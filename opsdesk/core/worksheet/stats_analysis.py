"""A hypothesis test or descriptive statistics on worksheet columns: the request
``opsdesk stats`` runs, the result in the sentences the command line prints."""

from __future__ import annotations

from opsdesk.core.stats.run_stats import StatsRequest
from opsdesk.core.worksheet.analysis import Analysis, filled_to, table_of
from opsdesk.core.worksheet.grid import Grid

# The tests in the order a user meets them, with the names the Data page shows.
TEST_NAMES = {
    "describe": "Descriptive statistics", "normality": "Normality test",
    "t1": "1-sample t", "t2": "2-sample t", "paired": "Paired t",
    "anova": "One-way ANOVA (Tukey)", "mann-whitney": "Mann–Whitney",
    "levene": "Levene (equal variances)", "prop2": "2 proportions",
    "chi2": "Chi-square association",
}


def stats_analysis(grid: Grid, name: str, req: StatsRequest) -> Analysis:
    from opsdesk.core.stats.run_stats import run_stats
    from opsdesk.core.stats.text import stats_lines

    values = [c.strip() for c in req.value.split(",")]
    # Columns side by side keep their own lengths (run_stats reads blanks at a column's
    # end as its end); the rows go down to the longest named column's last value.
    grid = filled_to(grid, (*values, req.by, req.count))
    result = run_stats(table_of(grid, name), req)
    return Analysis((), tuple(stats_lines(result, req.test)))

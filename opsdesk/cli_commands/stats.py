"""``opsdesk stats``: descriptive statistics and hypothesis tests on a table's columns."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from opsdesk.cli_commands.spc import READS

TESTS_HELP = """tests:
  describe      n, mean, sd, quartiles, skewness, kurtosis and the Anderson-Darling
                normality test of each --value column (or of each --by group)
  normality     the same, for the normality verdict
  t1            one-sample t test of --value against --mu
  t2            two-sample t test (Welch's; --equal-var for the pooled one)
  paired        paired t test of --value BEFORE,AFTER (one pair per row)
  anova         one-way ANOVA with Tukey's pairwise comparisons
  levene        Levene's test (median-centred) of equal variances
  mann-whitney  Mann-Whitney test of two samples
  prop2         two proportions: rows of --value equal to --event, in the 2 --by groups
  chi2          chi-square test of association of --value and --by (categories)

Samples are stacked (--value COL --by GROUP) or side by side (--value A,B,...; blank
cells at the end of a column shorten it). Every result is worded as a sentence."""


def register(sub: Any) -> None:
    st = sub.add_parser("stats", help="descriptive statistics and hypothesis tests",
                        description=f"Statistics on the columns of a {READS} file.",
                        epilog=TESTS_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_argument("file", type=Path, metavar="FILE")
    st.add_argument("--sheet", metavar="NAME", help="sheet of a workbook (default: the first)")
    st.add_argument("--test", required=True,
                    choices=("describe", "normality", "t1", "t2", "paired", "anova",
                             "levene", "mann-whitney", "prop2", "chi2"))
    st.add_argument("--value", required=True, metavar="COL[,COL...]",
                    help="the column(s) of values (categories for prop2 and chi2)")
    st.add_argument("--by", metavar="COL", help="the group of each row (stacked samples)")
    st.add_argument("--mu", type=float, metavar="M", help="t1: the mean to test against")
    st.add_argument("--event", metavar="TEXT", help="prop2: the value that counts as an event")
    st.add_argument("--count", metavar="COL", help="prop2, chi2: a count per row (default 1)")
    st.add_argument("--alpha", type=float, default=0.05, metavar="A",
                    help="significance level (default 0.05)")
    st.add_argument("--alternative", choices=("two-sided", "less", "greater"),
                    default="two-sided", help="the first sample's mean (proportion) less "
                    "or greater than the second's, or than --mu (default two-sided)")
    st.add_argument("--equal-var", action="store_true",
                    help="t2: assume equal variances (pooled t test)")
    st.add_argument("--json", action="store_true", help="one JSON object on stdout")
    st.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from opsdesk.core.spc.table_input import Table
    from opsdesk.core.stats.run_stats import StatsRequest, payload, run_stats
    from opsdesk.core.stats.text import stats_lines

    table = Table(args.file, args.sheet)
    request = StatsRequest(test=args.test, value=args.value, by=args.by, mu=args.mu,
                           event=args.event, count=args.count, alpha=args.alpha,
                           alternative=args.alternative, equal_var=args.equal_var)
    result = run_stats(table, request)
    if args.json:
        print(json.dumps(payload(result), ensure_ascii=False, allow_nan=False))
        return 0
    for line in stats_lines(result, args.test):
        print(line)
    return 0

"""``opsdesk spc`` (control charts from a table) and ``opsdesk pareto``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

READS = "csv, tsv, txt, xlsx, xlsm, xls or ods"
POINTS_HELP = ("point numbers (1-20,31), labels, or a label range "
               "(2026-01-01..2026-03-31; an end may be left open)")
OUT_HELP = ("also draw the chart, as the PDF review draws it, to FILE.png, FILE.svg or "
            "FILE.pdf")
SPC_OUT_HELP = (f"{OUT_HELP}; with --lsl/--usl the capability histogram and probability "
                "plot go beside it, to FILE-capability and FILE-probability")
CHARTS = ("xbar-r", "xbar-s", "i-mr", "run", "p", "np", "c", "u", "laney-p", "laney-u",
          "ewma", "cusum", "i-mr-r", "i-mr-s", "g", "t", "z-mr", "t2", "ma")


def register(sub: Any) -> None:
    spc = sub.add_parser("spc", help="compute a control chart from a table",
                         description=f"A control chart from a {READS} file: one column per "
                         "field, the column names in the first row (a title row above is "
                         "skipped).")
    spc.add_argument("file", type=Path, metavar="FILE")
    spc.add_argument("--sheet", metavar="NAME", help="sheet of a workbook (default: the first)")
    spc.add_argument("--chart", required=True, choices=CHARTS)
    spc.add_argument("--value", required=True, metavar="COL",
                     help="measurement, or count of defectives/defects; g: opportunities "
                     "between events, t: time between events; t2: COL,COL,... (2 or more)")
    spc.add_argument("--subgroup", metavar="COL",
                     help="point label; rows with the same label form a subgroup")
    spc.add_argument("--size", metavar="COL", help="sample size or inspection units")
    spc.add_argument("--baseline", metavar="POINTS",
                     help=f"the points that set the limits: {POINTS_HELP}")
    spc.add_argument("--exclude", metavar="POINTS",
                     help=f"points left out of the limits: {POINTS_HELP}")
    spc.add_argument("--stage", metavar="COL", help="stage column: limits per stage")
    spc.add_argument("--rules", default="nelson",
                     choices=("none", "we", "nelson", "aiag", "montgomery"),
                     help="rule set (default nelson: tests 1-8, or 1-4 on attributes "
                     "charts as in Minitab; another set is applied as it stands)")
    spc.add_argument("--tests", metavar="1,2,5", help="only these tests (Minitab numbering), "
                     "on every kind of chart that can apply them")
    spc.add_argument("--mu", type=float, metavar="M", help="historical mean")
    spc.add_argument("--sigma", type=float, metavar="S", help="historical sigma")
    spc.add_argument("--lambda", dest="lam", type=float, default=0.2, help="EWMA weight")
    spc.add_argument("--L", dest="limit_width", type=float, default=3.0,
                     help="EWMA limit width in sigma")
    spc.add_argument("--k", type=float, default=0.5, help="CUSUM reference value (sigma)")
    spc.add_argument("--h", type=float, default=5.0, help="CUSUM decision interval (sigma)")
    spc.add_argument("--span", type=int, default=3, metavar="W",
                     help="moving average (ma): the number of means averaged (default 3)")
    spc.add_argument("--distribution", choices=("weibull", "exponential"), default="weibull",
                     help="t chart: the distribution fitted to the times (default weibull)")
    spc.add_argument("--part", metavar="COL", help="z-mr: the part (product) of each value")
    spc.add_argument("--z-sigma", choices=("constant", "by-part"), default="constant",
                     help="z-mr: one sigma for all parts (default) or each part's own")
    spc.add_argument("--transform", choices=("box-cox", "johnson"),
                     help="capability also on Box-Cox or Johnson transformed data")
    spc.add_argument("--fit", choices=("best", "normal", "lognormal", "weibull", "gamma",
                                       "exponential"),
                     help="capability also by the percentile method (ISO 22514-2) on a "
                     "fitted distribution; best: the smallest Anderson-Darling statistic")
    spc.add_argument("--lsl", type=float, metavar="X")
    spc.add_argument("--usl", type=float, metavar="Y")
    spc.add_argument("--target", type=float, metavar="T")
    spc.add_argument("--json", action="store_true", help="one JSON object on stdout")
    spc.add_argument("--out", type=Path, metavar="FILE", help=SPC_OUT_HELP)
    spc.set_defaults(func=run_spc)

    par = sub.add_parser("pareto", help="Pareto analysis of categories in a table",
                         description=f"A Pareto analysis of a {READS} file.")
    par.add_argument("file", type=Path, metavar="FILE")
    par.add_argument("--sheet", metavar="NAME", help="sheet of a workbook (default: the first)")
    par.add_argument("--category", required=True, metavar="COL")
    par.add_argument("--count", metavar="COL", help="counts (default: one per row)")
    par.add_argument("--other-below", type=float, metavar="PCT",
                     help='group categories under PCT %% of the total as "Other"')
    par.add_argument("--json", action="store_true")
    par.add_argument("--out", type=Path, metavar="FILE", help=OUT_HELP)
    par.set_defaults(func=run_pareto)


def run_spc(args: argparse.Namespace) -> int:
    from opsdesk.core.json_text import json_text
    from opsdesk.core.spc.run_spc import SpcRequest, run_request
    from opsdesk.core.spc.summary import summary_lines
    from opsdesk.core.spc.table_input import Table

    capability_out = _beside(args.out) if args.lsl is not None or args.usl is not None else ()
    for out in (args.out, *capability_out):
        _check_out(out)
    table = Table(args.file, args.sheet)
    request = SpcRequest(
        chart=args.chart, value=args.value, subgroup=args.subgroup, size=args.size,
        baseline=args.baseline, exclude=args.exclude, stage=args.stage, rules=args.rules,
        tests=args.tests, mu=args.mu, sigma=args.sigma, lam=args.lam,
        limit_width=args.limit_width, k=args.k, h=args.h, lsl=args.lsl, usl=args.usl,
        target=args.target, part=args.part, span=args.span, distribution=args.distribution,
        z_sigma="by-part" if args.z_sigma == "by-part" else "default",
        transform=args.transform, fit=args.fit,
    )
    result, cap, payload = run_request(table, request)
    if args.out is not None:
        from opsdesk.core.report.chart_file import write_chart
        from opsdesk.core.spc.chart_spec import control_chart_spec
        from opsdesk.core.spc.run_spc import capability_charts_for

        write_chart(control_chart_spec(result, args.value), args.out)
        if cap is not None:
            for spec, out in zip(capability_charts_for(table, request, result, cap),
                                 capability_out, strict=True):
                write_chart(spec, out)
    if args.json:
        print(json_text(payload))
        return 0
    for line in summary_lines(result, cap, payload.get("capability")):
        print(line)
    _wrote(args.out, *capability_out)
    return 0


def _beside(out: Path | None) -> tuple[Path, ...]:
    """Where --out's capability histogram and probability plot go: beside the chart."""
    if out is None:
        return ()
    return tuple(out.with_name(f"{out.stem}-{what}{out.suffix}")
                 for what in ("capability", "probability"))


def _check_out(out: Path | None) -> None:
    """A file name the chart cannot go to is refused before any work is done."""
    if out is not None:
        from opsdesk.core.output_file import check_target
        from opsdesk.core.report.chart_file import chart_format

        chart_format(out)
        check_target(out, "chart")


def _wrote(out: Path | None, *capability: Path) -> None:
    """The last line of the readable output (with --json, stdout holds the JSON only)."""
    if out is not None and capability:
        histogram, probability = capability
        print(f"Wrote the chart to {out}, its capability histogram to {histogram} and its "
              f"probability plot to {probability}.")
    elif out is not None:
        print(f"Wrote the chart to {out}.")


def run_pareto(args: argparse.Namespace) -> int:
    from opsdesk.core.json_text import json_text
    from opsdesk.core.spc.pareto import pareto
    from opsdesk.core.spc.table_input import Table

    _check_out(args.out)
    table = Table(args.file, args.sheet)
    categories = table.text(args.category)
    counts = table.numbers(args.count) if args.count else None
    result = pareto(categories, counts, other_below=args.other_below)
    if args.out is not None:
        from opsdesk.core.report.chart_file import write_chart
        from opsdesk.core.spc.chart_spec import pareto_spec

        write_chart(pareto_spec(result, f"Pareto of {args.category}"), args.out)
    if args.json:
        print(json_text(dict(result.as_dict())))
        return 0
    width = max(len(c) for c in result.categories)
    print(f"Pareto of {args.category} ({result.total:g} in all)")
    for cat, n, pct, cum in zip(result.categories, result.counts, result.percent,
                                result.cumulative_percent, strict=True):
        print(f"  {cat:<{width}}  {n:>10g}  {pct:6.2f} %  {cum:6.2f} %")
    if result.other_members:
        print(f"  Other = {', '.join(result.other_members)}")
    _wrote(args.out)
    return 0

"""``opsdesk gage``: a measurement-system study (gage R&R, attribute agreement) from a table."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from opsdesk.cli_commands.spc import READS


def register(sub: Any) -> None:
    gage = sub.add_parser(
        "gage", help="gage R&R or attribute agreement study from a table",
        description=f"A measurement-system study from a {READS} file with one row per "
        "measurement: crossed gage R&R by ANOVA (interaction pooled when its p-value is "
        "above 0.25, as AIAG MSA) or by the X̄-R method, nested gage R&R, or attribute "
        "agreement (kappa).")
    gage.add_argument("file", type=Path, metavar="FILE")
    gage.add_argument("--sheet", metavar="NAME", help="sheet of a workbook (default: the first)")
    gage.add_argument("--part", required=True, metavar="COL", help="part column")
    gage.add_argument("--operator", required=True, metavar="COL",
                      help="operator (appraiser) column")
    gage.add_argument("--value", required=True, metavar="COL",
                      help="measurement column (with --attribute: the rating)")
    gage.add_argument("--method", choices=("anova", "xbar-r"), default="anova",
                      help="crossed study's method (default anova)")
    gage.add_argument("--nested", action="store_true",
                      help="parts nested within operators (each part measured by one "
                      "operator: destructive tests)")
    gage.add_argument("--tolerance", type=float, metavar="X",
                      help="USL − LSL, for %%tolerance")
    gage.add_argument("--attribute", action="store_true",
                      help="attribute agreement: --value holds ratings (pass/fail, ...)")
    gage.add_argument("--standard", metavar="COL",
                      help="with --attribute: each part's known rating")
    gage.add_argument("--json", action="store_true", help="one JSON object on stdout")
    gage.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from opsdesk.core.msa.agreement import AgreementResult
    from opsdesk.core.msa.run_gage import GageRequest, run_gage
    from opsdesk.core.spc.table_input import Table

    table = Table(args.file, args.sheet)
    request = GageRequest(part=args.part, operator=args.operator, value=args.value,
                          method=args.method, nested=args.nested, tolerance=args.tolerance,
                          attribute=args.attribute, standard=args.standard)
    result = run_gage(table, request)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, allow_nan=False))
        return 0
    lines = (_agreement_lines(result) if isinstance(result, AgreementResult)
             else _gage_lines(result))
    for line in lines:
        print(line)
    return 0


def _gage_lines(result: Any) -> list[str]:
    from opsdesk.core.msa.result import COMPONENT_NAMES

    title = {"anova": "Gage R&R (crossed, ANOVA)", "xbar-r": "Gage R&R (crossed, X̄-R)",
             "nested": "Gage R&R (nested, ANOVA)"}[result.method]
    lines = [title]
    headings = ("ANOVA with the operator × part interaction", "ANOVA used (interaction pooled)")
    for k, table in enumerate(result.anova):
        if len(result.anova) > 1:
            lines.append(f" {headings[k]}")
        lines.append(f"  {'Source':<18}{'DF':>4}{'SS':>12}{'MS':>12}{'F':>10}{'P':>8}")
        for row in table:
            f = f"{row.f:10.3f}" if row.f is not None else " " * 10
            p = f"{row.p:8.3f}" if row.p is not None else ""
            lines.append(f"  {row.source:<18}{row.df:>4}{row.ss:12.5g}{row.ms:12.5g}{f}{p}")
    head = f"  {'Source':<18}{'VarComp':>10}{'%Contr':>8}{'StudyVar':>10}{'%SV':>8}"
    if result.tolerance:
        head += f"{'%Tol':>8}"
    lines.append(head)
    for key, comp in result.components.items():
        if comp is None:
            continue
        line = (f"  {COMPONENT_NAMES[key]:<18}{comp.variance:10.5f}{comp.pct_contribution:8.2f}"
                f"{comp.study_var:10.5f}{comp.pct_study_var:8.2f}")
        if comp.pct_tolerance is not None:
            line += f"{comp.pct_tolerance:8.2f}"
        lines.append(line)
    lines.append(f"  Number of distinct categories: "
                 f"{result.ndc if result.ndc is not None else '-'}")
    lines.extend(f"  {note}" for note in result.notes)
    lines.append(result.verdict())
    return lines


def _agreement_lines(result: Any) -> list[str]:
    lines = [f"Attribute agreement ({result.trials} trial{'s' if result.trials != 1 else ''})"]
    for a in result.appraisers:
        parts = [f"  {a.appraiser}:"]
        if a.within is not None:
            k = a.within_kappa.kappa
            parts.append(f"within {a.within.matched}/{a.within.inspected} "
                         f"({a.within.percent:.1f} %), kappa "
                         f"{'-' if k is None else f'{k:.3f}'}")
        if a.vs_standard is not None:
            k = a.vs_standard_kappa.kappa
            parts.append(f"vs standard {a.vs_standard.matched}/{a.vs_standard.inspected} "
                         f"({a.vs_standard.percent:.1f} %), kappa "
                         f"{'-' if k is None else f'{k:.3f}'}")
        lines.append(" ".join(parts))
    lines.extend(result.sentences())
    return lines

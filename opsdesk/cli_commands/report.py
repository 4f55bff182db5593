"""``opsdesk report``: the PDF review, headless."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    report = sub.add_parser(
        "report", help="write the PDF operations review of a workspace",
        description="Write the PDF operations review. Without --template, a default review "
        "of every KPI over the twelve months up to the latest data.")
    report.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(report)
    report.add_argument("--out", type=Path, required=True, metavar="FILE.pdf",
                        help="where to write the PDF")
    report.add_argument("--template", metavar="NAME", help="a report template saved in the "
                        "workspace")
    report.add_argument("--period", metavar="FROM..TO", help="reporting period, e.g. "
                        "2026-01..2026-06 or 2026-01-01..2026-06-30 (inclusive)")
    report.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: the "
                        "template's, else A4)")
    report.add_argument("--reproducible", action="store_true", help="byte-identical output "
                        "for the same workspace and template (also when SOURCE_DATE_EPOCH "
                        "is set)")
    report.set_defaults(func=run_report)


def run_report(args: argparse.Namespace) -> int:
    import os
    from dataclasses import replace

    # A blank SOURCE_DATE_EPOCH means "not set"; left blank, numerical libraries that read
    # it at import fail on it before the report can say anything.
    if not os.environ.get("SOURCE_DATE_EPOCH", "x").strip():
        del os.environ["SOURCE_DATE_EPOCH"]

    from opsdesk.core.report.build import build_report
    from opsdesk.core.report.config import ReportConfig, parse_period
    from opsdesk.core.report.templates_store import find_template
    from opsdesk.core.workspace import Workspace

    out = Path(args.out)
    period = parse_period(args.period) if args.period else None
    password = passwords.source(args, args.workspace)
    with Workspace.open(args.workspace, read_only=True, password=password) as ws:
        config = find_template(ws.conn, args.template).config if args.template else \
            ReportConfig()
        if period is not None:
            config = config.with_period(*period)
        if args.paper:
            config = replace(config, paper=args.paper)
        result = build_report(ws.conn, out, config, reproducible=args.reproducible)
    print(f"Wrote {out}: {result.pages} pages, {len(result.sections)} sections.")
    if result.warning:
        import sys

        print(f"opsdesk: warning: {result.warning}", file=sys.stderr)
    return 0

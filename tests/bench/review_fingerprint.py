"""What the default review of the demo shows, to compare two builds of opsdesk.

``python -m tests.bench.review_fingerprint WORKSPACE OUT_DIR`` writes the default review
(reproducible) of WORKSPACE, made as the demo first when it does not exist, its
``pdftotext -layout`` text and one PNG per page (pdftoppm, 50 dpi) under OUT_DIR. Run it
on two checkouts with the same WORKSPACE (a fresh demo has a fresh audit digest, printed
in the review) and compare: ``cmp`` the two ``review.txt`` and the PNGs (a speed change
must leave both as they were). Needs poppler-utils.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main(workspace: Path, out: Path) -> int:
    from opsdesk.core.demo import write_demo
    from opsdesk.core.report.build import build_report
    from opsdesk.core.workspace import Workspace

    out.mkdir(parents=True, exist_ok=True)
    pdf = out / "review.pdf"
    if not workspace.exists():
        write_demo(workspace)
    with Workspace.open(workspace, read_only=True) as ws:
        pages = build_report(ws.conn, pdf, reproducible=True).pages
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out / "review.txt")], check=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(out / "page")], check=True)
    print(f"{pages} pages: {out / 'review.txt'} and {out}/page-*.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))

"""Characters no embedded font can draw are named in one warning, never printed as boxes
in silence.

The fonts: DejaVu Sans (Latin, Greek, Cyrillic, Arabic, many symbols; no Devanagari, no
Thai, no Hangul, only some emoji: its coverage tables list U+1F600 but not U+1F389 or
U+1F680) and a Han subset of Droid Sans Fallback. So "उत्पादन दर" (Devanagari), "🎉" and
"🚀" cannot be drawn; Arabic, Han and accented Latin can.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from opsdesk.core.report import glyphs
from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.cli.cli_run import opsdesk
from tests.core.report.helpers import add_kpi, add_values

DRAWABLE = ["نسبة الخردة", "一次合格率", "Délai de livraison – Ørsted", "Mood 😀"]
UNDRAWABLE = ["उत्पादन दर", "Team mood 🎉"]
CONFIG = ReportConfig(client="Acme 🚀 Ltd", period_from="2026-01-01", period_to="2026-03-31")


def _fill(conn, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        kpi = add_kpi(conn, name, target=3.0)
        add_values(conn, kpi, [("2026-02-10", 2.0), ("2026-03-10", 4.0)])


def test_missing_characters_by_script() -> None:
    assert glyphs.missing("Team mood 🎉") == "🎉"
    assert glyphs.missing("Mood 😀") == ""
    assert "उ" in glyphs.missing("उत्पादन दर") and "त" in glyphs.missing("उत्पादन दर")
    assert all(glyphs.missing(t) == "" for t in DRAWABLE[:3])
    assert glyphs.missing("line\tbreak\n") == ""  # controls draw nothing


def test_one_warning_names_each_kpi_and_text(workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.transaction() as conn:
        _fill(conn, DRAWABLE + UNDRAWABLE)
    result = build_report(workspace.conn, None, CONFIG, sink=BytesIO())
    warning = result.warning
    assert warning is not None and "\n" not in warning
    assert warning.startswith("3 texts have characters that the PDF's fonts cannot draw, "
                              "so they print as empty boxes: ")
    assert "KPI “उत्पादन दर” (उ U+0909, त U+0924" in warning
    assert "KPI “Team mood 🎉” (🎉 U+1F389)" in warning
    assert "“Acme 🚀 Ltd” (🚀 U+1F680)" in warning
    for name in DRAWABLE:
        assert name not in warning


def test_no_warning_when_every_character_is_drawn(workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.transaction() as conn:
        _fill(conn, DRAWABLE)
    assert build_report(workspace.conn, None, ReportConfig(), sink=BytesIO()).warning is None


def test_cli_prints_the_warning_on_stderr(tmp_path: Path) -> None:
    from opsdesk.core.workspace import Workspace

    path = tmp_path / "w.opsdesk"
    with Workspace.open(path, create=True) as ws, ws.transaction() as conn:
        _fill(conn, ["Scrap rate", *UNDRAWABLE])
    out = opsdesk("report", path, "--out", tmp_path / "r.pdf")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Wrote ")
    (line,) = out.stderr.strip().splitlines()
    assert line.startswith("opsdesk: warning: 2 texts have characters that the PDF's fonts")
    assert "KPI “उत्पादन दर”" in line and "KPI “Team mood 🎉”" in line

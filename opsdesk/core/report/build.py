"""Build the PDF review: resolve the period, run the sections, lay out, write atomically.

``build_report`` is the long-work function (DESIGN rule 2): it takes a ``TaskState`` and
runs headless (CLI) or on the UI's worker.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from opsdesk.core import cycle_collector, output_file
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.report.config import ReportConfig
from opsdesk.core.task_state import TaskState
from opsdesk.core.workspace.audit import pin_text


@dataclass(frozen=True)
class BuildResult:
    path: Path | None
    pages: int
    sections: tuple[str, ...]  # keys of the sections that had something to show
    size: int
    warning: str | None = None  # the texts that print as empty boxes, named (glyphs.py)


def resolve_period(conn: sqlite3.Connection, config: ReportConfig) -> tuple[date, date]:
    """The template's period, or the twelve calendar months up to the review date (the
    end of the newest period that holds data, unless the workspace pins one)."""
    from opsdesk.core.kpi.review_date import review_date

    end = date.fromisoformat(config.period_to) if config.period_to else None
    start = date.fromisoformat(config.period_from) if config.period_from else None
    if end is None:
        end = review_date(conn) - timedelta(days=1)  # the review judges what ended before it
    if start is None:
        month = end.year * 12 + end.month - 1 - 11
        start = date(month // 12, month % 12 + 1, 1)
    if start > end:
        raise OpsdeskError(f"The report period starts ({start}) after it ends ({end}).")
    return start, end


def format_period(start: date, end: date) -> str:
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def _stamp_date(reproducible: bool, end: date) -> date:
    """The date printed on the cover: today, or a fixed one for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except ValueError:
            raise OpsdeskError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number.") from None
    return end + timedelta(days=1) if reproducible else date.today()


def _logo_bytes(path: str | None) -> bytes | None:
    if not path:
        return None
    try:
        data = Path(path).expanduser().read_bytes()
    except OSError:
        raise OpsdeskError(f"The logo {path} cannot be read.") from None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise OpsdeskError(f"The logo {path} is not an image (use a PNG or JPEG).") from None
    return data


def build_report(
    conn: sqlite3.Connection,
    out: str | Path | None,
    config: ReportConfig | None = None,
    *,
    reproducible: bool = False,
    task: TaskState | None = None,
    sink: BytesIO | None = None,
) -> BuildResult:
    """Write the review to ``out`` (or into ``sink``); nothing is written if it fails."""
    from opsdesk.core.report import fonts, glyphs

    config = config or ReportConfig()
    if out is not None:
        output_file.check_target(Path(out), "PDF")
    task = task or TaskState()
    reproducible = reproducible or bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())
    fonts.register()
    start, end = resolve_period(conn, config)
    with glyphs.watch() as undrawable, cycle_collector.pause():
        data, pages, shown = _compose(conn, config, start, end, reproducible, task)
    task.progress(1.0, "Writing the file")
    path = None
    if sink is not None:
        sink.write(data)
    if out is not None:
        path = Path(out).expanduser()
        path = output_file.write_bytes(path, data, "PDF")
    names = [str(r[0]) for r in conn.execute("SELECT name FROM kpis")] if undrawable else []
    return BuildResult(path, pages, shown, len(data), glyphs.warning(undrawable, names))


def _compose(conn: sqlite3.Connection, config: ReportConfig, start: date, end: date,
             reproducible: bool, task: TaskState) -> tuple[bytes, int, tuple[str, ...]]:
    """The review's bytes, its page count and the sections that had something to show."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    from opsdesk.core.report.context import BuildContext
    from opsdesk.core.report.cover import Cover, CoverFacts
    from opsdesk.core.report.doc import DocInfo, Heading, ReviewDoc
    from opsdesk.core.report.parsed_paragraph import forget
    from opsdesk.core.report.registry import sections
    from opsdesk.core.report.toc import Entry, contents_story

    forget()  # repeated markup is parsed once per build, not once per process
    period_text = format_period(start, end)
    target = BytesIO()
    info = DocInfo(title=config.title, client=config.client, author=config.author,
                   # The audit head in the metadata too: pinned whatever sections are chosen.
                   subject=f"Operations review, {period_text}. {pin_text(conn)}",
                   confidentiality=config.confidentiality_line(), paper=config.paper)
    doc = ReviewDoc(target, info, invariant=reproducible, task=task)
    portrait_w = doc.pagesize[0] - doc.leftMargin - doc.rightMargin
    landscape_w = doc.pagesize[1] - doc.leftMargin - doc.rightMargin
    ctx = BuildContext(conn, config, start, end, portrait_w, landscape_w,
                       doc.pagesize[1] - doc.topMargin - doc.bottomMargin)
    stamp = _stamp_date(reproducible, end)
    facts = CoverFacts(config.title, config.client, config.subtitle, period_text,
                       config.author, f"{stamp.day} {stamp:%B %Y}",
                       f"{end.day} {end:%B %Y}", _logo_bytes(config.logo))
    entries: list[Entry] = []
    contents = contents_story(entries)
    story: list[Any] = [Cover(facts), NextPageTemplate("portrait"), PageBreak(), *contents]
    registry = sections()
    shown: list[str] = []
    wanted = [key for key in config.sections if key in registry]
    for index, key in enumerate(wanted):
        task.check()
        section = registry[key]
        task.progress(0.3 * index / max(1, len(wanted)), f"Preparing {section.title.lower()}")
        ctx.landscape = section.landscape
        flowables = section.build(ctx)
        if not flowables:
            continue
        shown.append(key)
        story += [NextPageTemplate("landscape" if section.landscape else "portrait"),
                  PageBreak(), *keep_headings_with_text(flowables)]
    # Every heading is known now: the contents gets its final lines before layout.
    entries += [Entry(f.level, f.plain, f.key) for f in story if isinstance(f, Heading)]
    task.progress(0.3, "Laying out pages")
    doc.build_once(story, contents)
    return target.getvalue(), doc.page, tuple(shown)


def keep_headings_with_text(flowables: list[Any]) -> list[Any]:
    """A sub-heading starts a new page unless 3.5 cm are left under it."""
    from reportlab.lib.units import cm
    from reportlab.platypus import CondPageBreak

    out: list[Any] = []
    for flowable in flowables:
        name = getattr(getattr(flowable, "style", None), "name", "")
        if name in ("h2", "h3") and out:
            out.append(CondPageBreak(3.5 * cm))
        out.append(flowable)
    return out

"""The flowables of a post-incident review (``incident_review``), in reading order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from opsdesk.core.report import styles
from opsdesk.core.report.doc import Heading
from opsdesk.core.report.tables import cell, data_table, inked, key_value_table
from opsdesk.core.report.text import NAME_CHARS, clip, para

if TYPE_CHECKING:
    from opsdesk.core.report.incident_review import ReviewData


class _Story:
    def __init__(self) -> None:
        self.items: list[Any] = []
        self.n = 0
        self.sheet = styles.sheet()

    def heading(self, title: str) -> None:
        self.n += 1
        if self.items:
            self.items.append(CondPageBreak(3.5 * 28.35))
        self.items.append(Heading(para(title), self.sheet["h2"], 0, title, f"r{self.n}"))

    def text(self, user_text: str, style: str = "body", lead: str = "") -> None:
        markup = f"<b>{para(lead)}</b> " if lead else ""
        self.items.append(Paragraph(markup + para(user_text), self.sheet[style]))

    def none(self, sentence: str) -> None:
        self.items.append(Paragraph(para(sentence), self.sheet["note"]))


def story(data: ReviewData, width: float) -> list[Any]:
    from opsdesk.core.report.incident_review import BLAMELESS, durations, moment_text

    s = _Story()
    i, review = data.stored.incident, data.review
    s.items.append(Heading(f'<font color="{styles.MUTED}">{para(i.key)}</font>&nbsp;&nbsp;'
                           f"{para(clip(i.title, NAME_CHARS))}", s.sheet["h1"], 0,
                           f"{i.key}  {i.title}", "r0"))
    held = ("Review not held yet." if review is None else
            f"Review held {review.held_on or '(no date)'}"
            + (f", facilitated by {review.facilitator}." if review.facilitator else "."))
    s.text(f"{held} {BLAMELESS}", "note")

    s.heading("Incident facts")
    model = " ".join(p for p in (i.model, i.model_version and f"version {i.model_version}")
                     if p)
    facts: list[tuple[str, Any]] = [
        ("Category", i.category), ("Severity", i.severity), ("Service", i.service or "–"),
        ("Owner", i.owner or "–"), ("Model", model or "–"),
        ("Availability impact", i.availability_impact),
        ("Detected by", i.detection_source or "–"),
        ("Caused by deployment", i.caused_by_deployment or "–"),
        ("Status", data.stored.status)]
    s.items.append(key_value_table(facts, [width * 0.3, width * 0.7]))
    s.items.append(Spacer(1, 8))
    s.items.append(data_table(["Time", "UTC"], [
        [cell(name.capitalize()), cell(moment_text(i.time(name)))]
        for name in ("started", "detected", "acknowledged", "restored", "resolved",
                     "closed")], [width * 0.3, width * 0.7], zebra=False))
    s.items.append(Spacer(1, 8))
    s.items.append(data_table(["Duration", "Value", "Definition"],
                              [[cell(n), cell(v), cell(d)] for n, v, d in durations(data)],
                              [width * 0.27, width * 0.2, width * 0.53], zebra=False))

    for title, value in (("Summary", data.summary), ("Impact", data.impact)):
        s.heading(title)
        if value.strip():
            s.text(value)
        else:
            s.none(f"No {title.lower()} written yet.")

    s.heading("Timeline")
    rows = [[cell(f"{e.at:%Y-%m-%d %H:%M}"), cell(e.text),
             cell(e.author or "–")] for e in i.timeline]
    rows += [[cell(e.at or "–"), cell(e.what), cell("review")]
             for e in (review.timeline if review else ())]
    if rows:
        s.items.append(data_table(["When", "What happened", "Noted by"], rows,
                                  [width * 0.2, width * 0.62, width * 0.18]))
    else:
        s.none("No timeline recorded.")

    s.heading("Root causes and five whys")
    if not data.causes:
        s.none("No root causes recorded yet.")
    for c in data.causes:
        state = "not confirmed yet" if c.status == "open" else c.status
        s.text(f"{c.cause} ({c.category}, {state})", "h3")
        # the chain's first answer is the problem as the team saw it (root_cause_store)
        if len(c.whys) >= 2:
            s.text(c.whys[0], "body", "Problem:")
            for n, answer in enumerate(c.whys[1:], 1):
                s.text(answer, "body", f"Why {n}:")
        else:
            s.none("No five-whys chain recorded for this cause.")

    s.heading("What went well, what went wrong")
    for title, value in (("What went well:", review.went_well if review else ""),
                         ("What went wrong:", review.went_wrong if review else ""),
                         ("Lessons:", review.lessons if review else "")):
        if value.strip():
            s.text(value, "body", title)
        else:
            s.items.append(Paragraph(f"<b>{para(title)}</b> "
                                     f'<font color="{styles.MUTED}">not written yet</font>',
                                     s.sheet["body"]))

    s.heading("Action items")
    if not data.actions:
        s.none("No action items yet.")
    else:
        table_rows = []
        for a in data.actions:
            due: Any = cell(a.due.isoformat() if a.due else "–")
            if a.overdue(data.as_of):
                due = inked(f"{a.due} overdue", styles.STATUS_INK["red"])
            title = a.title if not a.notes.strip() else f"{a.title}\n{a.notes}"
            table_rows.append([cell(title), cell(a.owner or "–"), cell(a.priority), due,
                               cell(a.status)])
        s.items.append(data_table(["Action", "Owner", "Priority", "Due", "Status"],
                                  table_rows, [width * f for f in (0.44, 0.17, 0.11, 0.16,
                                                                   0.12)]))
        s.text(f"Overdue as of {data.as_of.isoformat()}, the workspace's review date.",
               "note")
    return s.items

"""A project's monthly benefits in the workspace (table ``project_benefits``) and the typed
queries that read them: the rows, their totals, and the KPI-derived estimate beside them.

One row per project, month (its first day) and kind (hard or soft), each with an expected
and a realised figure (either may be empty) and a note. The portfolio's totals per project
come from ``project_store`` (one grouped pass over this table); this module serves one
project's view of them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.benefits import (
    Benefit,
    BenefitKind,
    BenefitTotals,
    Estimate,
    kpi_estimate,
    month_of,
    totals,
)
from opsdesk.core.improve.project import Project

KINDS: tuple[BenefitKind, ...] = ("hard", "soft")
ESTIMATE_SENTENCE = (
    "The KPI estimate is each month's improvement of {kpi} on its baseline ({baseline}) "
    "times the money one unit of it is worth a month ({per_unit} per unit); a month worse "
    "than the baseline gives a negative estimate.")


@dataclass(frozen=True)
class StoredBenefit:
    id: int
    project_id: int
    benefit: Benefit


def kind_of(text: str) -> BenefitKind:
    """'hard' or 'soft' (case forgiven), or one sentence."""
    for kind in KINDS:
        if text.strip().casefold() == kind:
            return kind
    raise OpsdeskError(f"A benefit is hard (it shows in the accounts) or soft (time freed, "
                       f"risk avoided), not {text!r}; nothing was changed.")


def parse_month(text: str) -> date:
    """'YYYY-MM' (or a full date on the first of a month) as the month's first day."""
    clean = text.strip()
    try:
        if len(clean) == 7:
            return date.fromisoformat(clean + "-01")
        day = date.fromisoformat(clean)
    except ValueError:
        raise OpsdeskError(f"{text!r} is not a month; write it as YYYY-MM (2026-04). "
                           "Nothing was changed.") from None
    if day.day != 1:
        raise OpsdeskError(f"A benefit is booked per month: {text!r} is not the first day of "
                           "a month; write the month as YYYY-MM. Nothing was changed.")
    return day


def _benefit(row: tuple[object, ...]) -> StoredBenefit:
    kind = kind_of(str(row[3]))
    return StoredBenefit(int(str(row[0])), int(str(row[1])),
                         Benefit(date.fromisoformat(str(row[2])), kind,
                                 None if row[4] is None else float(str(row[4])),
                                 None if row[5] is None else float(str(row[5])), str(row[6])))


_COLUMNS = "id, project_id, month, kind, expected, realised, note"


def list_benefits(conn: sqlite3.Connection, project_id: int) -> list[StoredBenefit]:
    """The project's benefits by month, hard before soft."""
    return [_benefit(r) for r in conn.execute(
        f"SELECT {_COLUMNS} FROM project_benefits WHERE project_id = ? ORDER BY month, kind",
        (project_id,))]


def find_benefit(conn: sqlite3.Connection, project_id: int, month: date, kind: str
                 ) -> StoredBenefit | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM project_benefits WHERE project_id = ? AND"
                       " month = ? AND kind = ?",
                       (project_id, month.isoformat(), kind)).fetchone()
    return None if row is None else _benefit(row)


@dataclass(frozen=True)
class MonthRow:
    """One month of the benefits table: hard and soft side by side, and the estimate."""

    month: date
    hard: Benefit | None
    soft: Benefit | None
    estimate: float | None   # the KPI-derived estimate for the month (None: none)

    @property
    def note_kind(self) -> BenefitKind:
        """The row a month's one note is kept on: its hard one, else its soft one."""
        return "soft" if self.hard is None and self.soft is not None else "hard"

    @property
    def note(self) -> str:
        b = self.hard if self.note_kind == "hard" else self.soft
        return "" if b is None else b.note


@dataclass(frozen=True)
class ProjectBenefits:
    project_id: int
    months: tuple[MonthRow, ...]
    totals: BenefitTotals
    estimate_total: float | None   # None: no estimate (no KPI with a value per unit)
    estimate_kind: BenefitKind     # the kind of benefit the estimate is set beside
    explanation: str               # what the estimate is, or why there is none


def _estimates(conn: sqlite3.Connection, project: Project, until: date
               ) -> tuple[list[Estimate], str]:
    """The KPI-derived estimate per month, or none and the sentence saying why."""
    from opsdesk.core.kpi.aggregate import period_values
    from opsdesk.core.kpi.definitions import load_kpis

    if not project.kpis:
        return [], "No KPI is linked to the project, so there is no KPI estimate."
    link = project.kpis[0]
    kpis = load_kpis(conn, [link.kpi_id])
    if not kpis:
        return [], "The project's KPI no longer exists, so there is no KPI estimate."
    kpi = kpis[0]
    if link.value_per_unit is None:
        return [], (f"Give the KPI link a value per unit (the money one unit of "
                    f"{kpi.name} improvement is worth a month) to see the KPI estimate.")
    baseline = link.baseline if link.baseline is not None else kpi.baseline
    if baseline is None:
        return [], f"{kpi.name} has no baseline on the project, so there is no KPI estimate."
    if kpi.direction not in ("lower", "higher"):
        return [], (f"{kpi.name} is judged against a band, so it has no direction of "
                    "improvement and gives no KPI estimate.")
    values = period_values(conn, [kpi], until).get(kpi.id)
    # a KPI kept weekly or daily: the mean of its periods that start in the month
    by_month: dict[date, list[float]] = {}
    if values is not None:
        for i, value in enumerate(values.values.tolist()):
            by_month.setdefault(month_of(values.start(i)), []).append(float(value))
    monthly = [(m, sum(v) / len(v)) for m, v in sorted(by_month.items())]
    found = kpi_estimate(kpi.direction, baseline, link.value_per_unit, monthly,
                         project.implemented_on)
    unit = f" {kpi.unit}" if kpi.unit else ""
    per_unit = f"{link.value_per_unit:,.0f}"
    sentence = ESTIMATE_SENTENCE.format(kpi=kpi.name, baseline=f"{baseline:g}{unit}",
                                        per_unit=per_unit)
    if project.implemented_on is not None:
        sentence += (" It starts in the month of the implementation "
                     f"({project.implemented_on:%b %Y}).")
    return found, sentence


def project_benefits(conn: sqlite3.Connection, project: Project, until: date
                     ) -> ProjectBenefits:
    """The project's benefits month by month with their totals, and the KPI estimate from
    the periods with data up to ``until``, for every month that has either."""
    stored = [s.benefit for s in list_benefits(conn, project.id)]
    estimates, sentence = _estimates(conn, project, until)
    est = {e.month: e.estimate for e in estimates}
    months = sorted({b.month for b in stored} | set(est))
    rows = tuple(MonthRow(m, next((b for b in stored if b.month == m and b.kind == "hard"),
                                  None),
                          next((b for b in stored if b.month == m and b.kind == "soft"), None),
                          est.get(m)) for m in months)
    kind = project.kpis[0].benefit_kind if project.kpis else "hard"
    return ProjectBenefits(project.id, rows, totals(stored),
                           sum(est.values()) if estimates else None, kind, sentence)

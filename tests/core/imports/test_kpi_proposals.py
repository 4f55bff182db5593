"""What a KPI created by an import means (issue 9, item 1): a pack's definition, else the
name's lexicon and the data, else no direction (never judged red or green)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.imports import plan
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.imports.kpi_proposals import direction_of, frequency_of, propose
from opsdesk.core.kpi.definitions import kpi_by_name
from opsdesk.core.kpi.scorecard import compute_statuses
from opsdesk.core.kpi.trend_spec import trend_spec
from tests.core.imports import corpus

MONTHS = [date(2025, m, 1) for m in range(1, 13)]


@pytest.mark.parametrize(
    ("name", "direction"),
    [
        # the lexicon, lower is better ...
        ("Lead Time", "lower"), ("Cycle time", "lower"), ("Average handle time", "lower"),
        ("Scrap", "lower"), ("Defects", "lower"), ("Customer complaints", "lower"),
        ("Absenteeism", "lower"), ("Cost per unit", "lower"), ("API latency", "lower"),
        ("MTTR", "lower"), ("Order backlog", "lower"), ("Downtime", "lower"),
        # ... higher is better
        ("OTIF", "higher"), ("First pass yield", "higher"), ("OEE (Line 2)", "higher"),
        ("Picking accuracy", "higher"), ("Uptime", "higher"), ("Availability", "higher"),
        ("Customer satisfaction", "higher"),
        # a longer term wins over the term inside it; both kinds, or neither: none
        ("Throughput time", "lower"), ("Yield loss", "none"), ("Headcount", "none"),
        ("Energy use", "none"),
    ],
)
def test_direction_from_the_name(name: str, direction: str) -> None:
    assert direction_of(name) == direction


def test_frequency_from_the_dates() -> None:
    assert frequency_of(MONTHS) == "monthly"
    assert frequency_of([date(2025, 1, d) for d in range(1, 20)]) == "daily"
    assert frequency_of([date(2025, 1, 6), date(2025, 1, 13), date(2025, 1, 20)]) == "weekly"
    assert frequency_of([date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1)]) == "quarterly"
    assert frequency_of([date(2025, 1, 1)]) == "monthly"
    # Reviewed by the month unless the data are coarser (daily rows make monthly values).
    days = [date(2025, 1, d) for d in range(1, 20)]
    assert propose("Scrap", "", [1.0] * 19, days).frequency == "monthly"
    quarters = [date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1)]
    assert propose("Scrap", "", [1.0] * 3, quarters).frequency == "quarterly"


def test_a_pack_name_takes_the_pack_definition() -> None:
    # The lean pack's "Lead time": lower, days, mean, weekly, process; the file is monthly.
    kpi = propose("Lead Time", "", [6.4, 6.1, 4.99], MONTHS[:3])
    assert (kpi.direction, kpi.unit, kpi.aggregation, kpi.frequency, kpi.pillar, kpi.basis) == (
        "lower", "days", "mean", "monthly", "process", "pack lean")
    assert kpi.values()["pack"] == "lean" and "decimals" not in kpi.values()  # 4.99 needs 2
    assert propose("Lead time", "h", [5.0], MONTHS[:1]).unit == "h"  # the file's unit wins


def test_counts_levels_and_rates() -> None:
    complaints = propose("Customer complaints", "", [7.0, 6.0], MONTHS[:2])
    assert (complaints.aggregation, complaints.unit, complaints.values()["decimals"]) == (
        "sum", "count", 0)
    rate = propose("Complaints rate", "%", [0.4, 0.5], MONTHS[:2])
    assert (rate.aggregation, rate.unit) == ("mean", "%")
    headcount = propose("Headcount", "", [112.0, 113.0], MONTHS[:2])
    assert (headcount.direction, headcount.aggregation, headcount.pillar) == (
        "none", "last", "people")


def book(tmp_path: Path) -> Path:
    rows: list[list[Any]] = [["Month", "Lead Time (days)", "Scrap", "Headcount"]]
    rows += [[m, 6.0 - i / 10, 0.015 + i / 1000, 110.0 + i] for i, m in enumerate(MONTHS)]
    return corpus.xlsx(tmp_path / "k.xlsx", rows)


def test_the_import_creates_kpis_as_proposed(workspace: Any, tmp_path: Path) -> None:
    prepared = plan.prepare(workspace.conn, book(tmp_path), plan.Options())
    proposals = {p.name: p for p in prepared.kpis.proposals}
    proposals["Scrap"].unit = "ratio"  # what the wizard lets the user change before commit
    workspace.execute(ImportObservations(prepared))
    lead, scrap, heads = (kpi_by_name(workspace.conn, n) for n in
                          ("Lead Time", "Scrap", "Headcount"))
    assert (lead.direction, lead.unit, lead.pack, lead.frequency) == (
        "lower", "days", "lean", "monthly")
    assert (scrap.direction, scrap.unit, scrap.pillar) == ("lower", "ratio", "quality")
    assert (heads.direction, heads.aggregation) == ("none", "last")


def test_no_direction_shows_no_colour(workspace: Any, tmp_path: Path) -> None:
    workspace.execute(ImportObservations(plan.prepare(workspace.conn, book(tmp_path),
                                                      plan.Options())))
    heads = kpi_by_name(workspace.conn, "Headcount")
    workspace.conn.execute("INSERT INTO kpi_targets (kpi_id, effective_from, target)"
                           " VALUES (?, '2025-01-01', 100)", (heads.id,))
    [status] = compute_statuses(workspace.conn, date(2026, 1, 1), [heads.id])
    assert (status.status, status.period, status.value, status.trend) == (
        "no direction", "2025-12", 121.0, "flat")
    # Its chart has no green, amber or red zones either (the KPI pages, screen and PDF).
    [panel] = trend_spec(workspace.conn, heads.id, date(2026, 1, 1)).panels
    assert {b.role for b in panel.bands} <= {"forecast"}

"""Data boxes fed by KPIs, the conventions kept with the map, and one view of a stream for
the page, the command line and the PDF."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from opsdesk.core.kpi.scorecard import compute_statuses
from opsdesk.core.maps.vsm_commands import CopyAsFuture, ImportValueStream, SetSettings
from opsdesk.core.maps.vsm_metrics import VsmSettings
from opsdesk.core.maps.vsm_model import Demand, Inventory, KpiLink, Process, ValueStream
from opsdesk.core.maps.vsm_store import find_stream, load_stream
from opsdesk.core.maps.vsm_view import stream_view


def kpi_id(conn: Any, name: str) -> int:
    return int(conn.execute("SELECT id FROM kpis WHERE name = ?", (name,)).fetchone()[0])


def test_the_demo_claims_take_their_kpis_values_as_the_scorecard_judges_them(
        demo_workspace: Any) -> None:
    conn = demo_workspace.conn
    view = stream_view(conn, find_stream(conn, "Claim handling"))
    handle, backlog = (next(s for s in compute_statuses(conn) if s.kpi.name == name)
                       for name in ("Average handle time", "Ticket backlog"))
    # The scorecard's judged periods, in the field's units: minutes to seconds, a count.
    register = next(e for e in view.linked.stream.flow if e.name == "Register claim")
    inbox = view.linked.stream.flow[0]
    assert isinstance(register, Process) and isinstance(inbox, Inventory)
    assert register.cycle_time_s == pytest.approx(handle.value * 60)
    assert inbox.quantity == pytest.approx(backlog.value)
    # What is typed stays underneath, and is what the data box edits.
    typed = load_stream(conn, view.stored.map_id).stream
    assert typed.flow[0].quantity == 140  # type: ignore[union-attr]
    fed = view.linked.links[1][0]
    assert (fed.kpi_name, fed.status, fed.period) == ("Average handle time", handle.status,
                                                      handle.period)
    # The map marks the fed value with its status symbol and prints where it came from.
    texts = view.diagram.texts()
    assert any(t.startswith("C/T ") and t[-1] in "●▲■◆" for t in texts)
    assert any("Register claim C/T ← Average handle time" in c
               for c in view.diagram.conventions)


def test_a_new_months_data_moves_the_map_with_no_edit(demo_workspace: Any) -> None:
    from opsdesk.core.kpi.observations import AddObservations

    conn = demo_workspace.conn
    map_id = find_stream(conn, "Claim handling")
    before = stream_view(conn, map_id, as_of=date(2027, 1, 1))
    demo_workspace.execute(AddObservations(kpi_id(conn, "Average handle time"), (
        {"ts": "2026-12-15", "value": 5.0},)))
    after = stream_view(conn, map_id, as_of=date(2027, 1, 1))
    # December's 5 min is the judged period as of 1 January: 300 s, 1,180 - 360 + 300 in
    # all (the claims' typed processing time is 1,180 s, registering 360 s of it).
    assert after.metrics.steps[0].cycle_time_s == 300
    assert after.metrics.processing_time_s == pytest.approx(1180 - 360 + 300)
    assert before.metrics.processing_time_s != after.metrics.processing_time_s


def _stream(links: tuple[KpiLink, ...]) -> ValueStream:
    return ValueStream("Linked", demand=Demand(480, "day", 1, 1, 8 * 3600),
                       flow=(Process("Press", 50, links=links),))


@pytest.mark.parametrize(("name", "field", "expected"), [
    ("OEE", "uptime", "share"),            # a percentage: divided by 100
    ("Changeover time", "changeover_s", "minutes"),  # minutes to seconds
    ("OEE", "cycle_time_s", None),         # % is not a time: typed value kept
    ("Throughput", "fpy", None),           # units are not a share
])
def test_units_are_read_as_the_field_needs_or_the_typed_value_is_kept(
        demo_workspace: Any, name: str, field: Any, expected: str | None) -> None:
    conn = demo_workspace.conn
    ident = kpi_id(conn, name)
    applied = demo_workspace.execute(ImportValueStream(_stream((KpiLink(field, ident),))))
    view = stream_view(conn, applied.result)
    (status,) = compute_statuses(conn, kpi_ids=[ident])
    press = view.linked.stream.flow[0]
    assert isinstance(press, Process)
    got = getattr(press, field)
    if expected == "share":
        assert got == pytest.approx(status.value / 100)
    elif expected == "minutes":
        assert got == pytest.approx(status.value * 60)
    else:
        assert got == getattr(_stream(()).flow[0], field)
        assert any(name in w and "typed value is used" in w for w in view.metrics.warnings)


def test_a_link_to_a_kpi_no_longer_there_keeps_the_typed_value(demo_workspace: Any) -> None:
    applied = demo_workspace.execute(ImportValueStream(_stream((KpiLink("cycle_time_s",
                                                                        99_999),))))
    view = stream_view(demo_workspace.conn, applied.result)
    assert view.metrics.steps[0].cycle_time_s == 50
    assert any("no longer in the workspace" in w for w in view.metrics.warnings)


def test_links_and_conventions_are_kept_with_the_map_and_undone(demo_workspace: Any) -> None:
    conn = demo_workspace.conn
    link = KpiLink("changeover_s", kpi_id(conn, "Changeover time"))
    map_id = demo_workspace.execute(ImportValueStream(_stream((link,)))).result
    assert load_stream(conn, map_id).stream.flow[0].links == (link,)  # type: ignore[union-attr]
    chosen = VsmSettings("next-step", True, "available")
    applied = demo_workspace.execute(SetSettings(map_id, chosen))
    assert load_stream(conn, map_id).settings == chosen
    assert stream_view(conn, map_id).metrics.settings == chosen
    # The future state follows the current state's conventions.
    copied = demo_workspace.execute(CopyAsFuture(map_id))
    assert load_stream(conn, copied.result).settings == chosen
    demo_workspace.execute(copied.inverse)
    demo_workspace.execute(applied.inverse)
    assert load_stream(conn, map_id).settings == VsmSettings()


def test_a_stored_convention_this_version_does_not_know_reads_as_the_default() -> None:
    from opsdesk.core.maps.vsm_rows import settings_of

    assert settings_of({"inventory_method": "weekly", "day_basis": "available"}) == \
        VsmSettings("demand", False, "available")
    assert settings_of(None) == VsmSettings()

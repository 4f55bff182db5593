"""Value streams in the workspace: import, load back, future state, edits and undo."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.commands import DeleteMap
from opsdesk.core.maps.vsm_commands import (
    CopyAsFuture,
    ImportValueStream,
    ReplaceStream,
    SetDemand,
    SetElement,
)
from opsdesk.core.maps.vsm_compare import compare
from opsdesk.core.maps.vsm_metrics import compute
from opsdesk.core.maps.vsm_model import Delay, Inventory, Parallel, Process, ValueStream
from opsdesk.core.maps.vsm_store import find_stream, list_streams, load_stream
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from tests.core.maps.vsm_examples import acme
from tests.core.workspace.helpers import table_contents

TABLES = ("maps", "map_nodes", "map_edges")


def _state(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    return table_contents(workspace.conn, *TABLES)


def test_import_loads_back_the_same_stream_and_undoes(workspace: Workspace) -> None:
    before = _state(workspace)
    applied = workspace.execute(ImportValueStream(acme()))
    assert applied.changes == Changes.MAPS
    map_id = applied.result
    assert load_stream(workspace.conn, map_id).stream == acme()
    assert [s.name for s in list_streams(workspace.conn)] == ["Acme steering bracket"]
    assert find_stream(workspace.conn, "acme STEERING bracket") == map_id
    assert find_stream(workspace.conn, str(map_id)) == map_id
    workspace.execute(applied.inverse)
    assert _state(workspace) == before
    with pytest.raises(OpsdeskError, match="There is no value stream 'x'"):
        find_stream(workspace.conn, "x")


def test_parallel_branches_round_trip(workspace: Workspace) -> None:
    stream = ValueStream("p", flow=(
        Process("Cut", 10),
        Parallel("sub", ((Inventory(quantity=200), Process("Frame", 20)),
                         (Delay("Paint", 3), Process("Panel", 30)))),
        Process("Assemble", 40)))
    map_id = workspace.execute(ImportValueStream(stream)).result
    assert load_stream(workspace.conn, map_id).stream == stream


def test_future_state_is_a_paired_copy_then_changed(workspace: Workspace) -> None:
    current = workspace.execute(ImportValueStream(acme())).result
    before = _state(workspace)
    made = workspace.execute(CopyAsFuture(current))
    future = made.result
    stored = load_stream(workspace.conn, future)
    assert (stored.state, stored.pair_id) == ("future", current)
    assert load_stream(workspace.conn, current).pair_id == future
    assert stored.stream == dataclasses.replace(acme(), name="Acme steering bracket (future)")
    # Kaizen: the shipping stock cut from 4,140 to 920 (one day's demand).
    key = next(k for k, i in stored.node_ids.items() if i == max(stored.node_ids.values()))
    edit = workspace.execute(SetElement(future, key, Inventory("Shipping", 920)))
    rows = compare(compute(acme()), compute(load_stream(workspace.conn, future).stream))
    lead = next(r for r in rows if r.key == "lead_time_days")
    # 4,140/920 = 4.5 days down to 920/920 = 1 day: −3.5 days, shorter is better.
    assert lead.change == pytest.approx(-3.5) and lead.better is True
    workspace.execute(edit.inverse)
    workspace.execute(made.inverse)
    assert _state(workspace) == before
    again = workspace.execute(CopyAsFuture(current)).result
    with pytest.raises(OpsdeskError, match="is a future state already"):
        workspace.execute(CopyAsFuture(again))


def test_edits_check_their_input_and_change_nothing_when_wrong(workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    before = _state(workspace)
    stored = load_stream(workspace.conn, map_id)
    first = min(stored.node_ids, key=lambda k: stored.node_ids[k])  # the coils
    with pytest.raises(OpsdeskError, match="is an inventory, not a process"):
        workspace.execute(SetElement(map_id, first, Process("x", 1)))
    with pytest.raises(OpsdeskError, match="has no element 'nope'"):
        workspace.execute(SetElement(map_id, "nope", Process("x", 1)))
    assert _state(workspace) == before
    applied = workspace.execute(SetDemand(map_id, None))
    assert load_stream(workspace.conn, map_id).stream.demand is None
    workspace.execute(applied.inverse)
    assert _state(workspace) == before
    deleted = workspace.execute(DeleteMap(map_id))
    assert list_streams(workspace.conn) == []
    workspace.execute(deleted.inverse)
    assert _state(workspace) == before


def test_replace_stream_redraws_a_future_state_in_one_undo_step(workspace: Workspace) -> None:
    current = workspace.execute(ImportValueStream(acme())).result
    future = workspace.execute(CopyAsFuture(current)).result
    before = _state(workspace)
    cell = ValueStream("Acme future", demand=acme().demand, flow=(
        Inventory("Coils", days=2), Process("Stamping", 1, 600, 0.85),
        Inventory("Supermarket", days=1.5, kind="supermarket"),
        Process("Weld and assembly", 56, operators=3)))
    applied = workspace.execute(ReplaceStream(future, cell))
    stored = load_stream(workspace.conn, future)
    assert stored.stream == cell and (stored.state, stored.pair_id) == ("future", current)
    workspace.execute(applied.inverse)
    assert _state(workspace) == before

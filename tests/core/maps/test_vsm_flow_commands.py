"""Building a value stream element by element: insert, remove, a new stream, an
inventory's box; each applied, then undone to the exact rows it started from.

The numbers are Rother & Shook's Acme Stamping (*Learning to See*, 1999; ``acme()``):
18,400 a month over 20 days is 920 a day, and the lead time is 5 days of coils plus
(7,000 + 1,700 + 2,450 + 1,840 + 4,140) / 920 = 17,130 / 920 days of parts.
"""

from __future__ import annotations

from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_commands import ImportValueStream, SetElement
from opsdesk.core.maps.vsm_element_edits import edited_stock, new_element, rekinded, renamed
from opsdesk.core.maps.vsm_flow_commands import InsertElement, NewValueStream, RemoveElement
from opsdesk.core.maps.vsm_metrics import compute
from opsdesk.core.maps.vsm_model import Delay, Inventory, Parallel, Process, ValueStream
from opsdesk.core.maps.vsm_store import StoredStream, list_streams, load_stream
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from tests.core.maps.vsm_examples import acme
from tests.core.workspace.helpers import table_contents

ACME_LEAD = 5 + 17_130 / 920


def _state(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    return table_contents(workspace.conn, "maps", "map_nodes")


def _key(stored: StoredStream, name: str) -> str:
    """The key of the top-level element named ``name``."""
    return stored.keys[[e.name for e in stored.stream.flow].index(name)]


def test_a_delay_inserted_after_stamping_adds_its_days_and_undo_takes_it_out(
        workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    assert compute(acme()).lead_time_days == pytest.approx(ACME_LEAD)
    before = _state(workspace)
    stored = load_stream(workspace.conn, map_id)
    applied = workspace.execute(InsertElement(map_id, _key(stored, "Stamping"),
                                              Delay("Truck to welding", 2)))
    assert applied.changes == Changes.MAPS
    after = load_stream(workspace.conn, map_id)
    names = [e.name for e in after.stream.flow]
    assert names[:4] == ["Coils", "Stamping", "Truck to welding", ""]
    assert after.keys[2] == applied.result
    assert compute(after.stream).lead_time_days == pytest.approx(ACME_LEAD + 2)
    workspace.execute(applied.inverse)
    assert _state(workspace) == before


def test_the_first_element_of_an_empty_stream_and_one_after_the_last(
        workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(ValueStream("Sketch"))).result
    first = workspace.execute(InsertElement(map_id, None, Process("Cut"))).result
    workspace.execute(InsertElement(map_id, first, Inventory(quantity=40)))
    last = load_stream(workspace.conn, map_id).keys[-1]
    workspace.execute(InsertElement(map_id, last, Process("Pack")))
    # Put in at the start of a stream that has elements: before all of them.
    workspace.execute(InsertElement(map_id, None, Delay("Inbound", 1)))
    assert load_stream(workspace.conn, map_id).stream.flow == (
        Delay("Inbound", 1), Process("Cut"), Inventory(quantity=40), Process("Pack"))


def test_an_insert_in_a_branch_stays_in_that_branch(workspace: Workspace) -> None:
    stream = ValueStream("p", flow=(
        Process("Cut", 10),
        Parallel("sub", ((Process("Frame", 20),), (Process("Panel", 30), Process("Paint", 5)))),
        Process("Assemble", 40)))
    map_id = workspace.execute(ImportValueStream(stream)).result
    stored = load_stream(workspace.conn, map_id)
    panel = stored.keys[[e.name for e in _walk(stored)].index("Panel")]
    workspace.execute(InsertElement(map_id, panel, Inventory(quantity=12)))
    assert load_stream(workspace.conn, map_id).stream.flow == (
        Process("Cut", 10),
        Parallel("sub", ((Process("Frame", 20),),
                         (Process("Panel", 30), Inventory(quantity=12), Process("Paint", 5)))),
        Process("Assemble", 40))


def _walk(stored: StoredStream) -> list[Any]:
    from opsdesk.core.maps.vsm_links import walk

    return list(walk(stored.stream.flow))


def test_removing_the_stock_after_weld_1_shortens_the_lead_time(
        workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    stored = load_stream(workspace.conn, map_id)
    weld = [e.name for e in stored.stream.flow].index("S. Weld #1")
    workspace.execute(RemoveElement(map_id, stored.keys[weld + 1]))
    after = load_stream(workspace.conn, map_id)
    assert len(after.stream.flow) == len(acme().flow) - 1
    # 1,100 LH + 600 RH = 1,700 pieces, 1,700 / 920 days fewer.
    assert compute(after.stream).lead_time_days == pytest.approx(ACME_LEAD - 1_700 / 920)
    # A removal leaves a gap in the order; an insert after it still lands in place.
    workspace.execute(InsertElement(map_id, stored.keys[weld], Inventory("Weld WIP", 920)))
    assert [e.name for e in load_stream(workspace.conn, map_id).stream.flow][weld:weld + 3] \
        == ["S. Weld #1", "Weld WIP", "S. Weld #2"]


def test_remove_then_undo_restores_every_row(workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    before = _state(workspace)
    key = load_stream(workspace.conn, map_id).keys[3]
    applied = workspace.execute(RemoveElement(map_id, key))
    workspace.execute(applied.inverse)
    assert _state(workspace) == before
    assert load_stream(workspace.conn, map_id).stream == acme()


def test_an_element_that_is_not_there_changes_nothing(workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    before = _state(workspace)
    with pytest.raises(OpsdeskError, match=r"no element 'e999'.*nothing was changed"):
        workspace.execute(RemoveElement(map_id, "e999"))
    with pytest.raises(OpsdeskError, match=r"no element 'e999'.*nothing was changed"):
        workspace.execute(InsertElement(map_id, "e999", Process("X")))
    with pytest.raises(OpsdeskError, match="A process needs a name"):
        workspace.execute(InsertElement(map_id, None, Process(" ")))
    assert _state(workspace) == before


def test_a_new_stream_starts_with_one_process_and_names_are_not_taken_twice(
        workspace: Workspace) -> None:
    before = _state(workspace)
    applied = workspace.execute(NewValueStream("  Order  to cash ", "Retail", ""))
    stored = load_stream(workspace.conn, applied.result)
    assert stored.stream == ValueStream("Order to cash", "Retail", "Supplier",
                                        flow=(Process("Process 1"),))
    assert stored.state == "current"
    with pytest.raises(OpsdeskError, match="named 'Order to cash' exists already"):
        workspace.execute(NewValueStream("ORDER TO CASH"))
    with pytest.raises(OpsdeskError, match="needs a name"):
        workspace.execute(NewValueStream("   "))
    assert [s.name for s in list_streams(workspace.conn)] == ["Order to cash"]
    workspace.execute(applied.inverse)
    assert _state(workspace) == before


def test_an_inventory_becomes_a_supermarket_and_takes_typed_values(
        workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    stored = load_stream(workspace.conn, map_id)
    key = _key(stored, "Shipping")
    shipping = stored.stream.flow[-1]
    assert isinstance(shipping, Inventory)
    market = rekinded(shipping, "supermarket")
    applied = workspace.execute(SetElement(map_id, key, market))
    assert load_stream(workspace.conn, map_id).stream.flow[-1] == Inventory(
        "Shipping", by_part=shipping.by_part, kind="supermarket")
    workspace.execute(applied.inverse)
    # A given value overrides: 2 days of shipping stock instead of 4,140 / 920 = 4.5.
    given = edited_stock(shipping, "days", "2")
    workspace.execute(SetElement(map_id, key, given))
    lead = compute(load_stream(workspace.conn, map_id).stream).lead_time_days
    assert lead == pytest.approx(ACME_LEAD - 4_140 / 920 + 2)


def test_typed_stock_values_are_read_as_the_table_import_reads_them() -> None:
    stock = Inventory("WIP")
    assert edited_stock(stock, "quantity", "1,200").quantity == 1200
    assert edited_stock(stock, "days", "2 d").days == 2
    assert edited_stock(stock, "days", "4 h").days == pytest.approx(4 / 24)
    assert edited_stock(Inventory("WIP", 5), "quantity", " ").quantity is None
    assert edited_stock(stock, "name", "  Kanban  rack ").name == "Kanban rack"
    assert renamed(Inventory("WIP"), "").name == ""
    with pytest.raises(OpsdeskError, match="Quantity of WIP: '-3' must be a number of zero"):
        edited_stock(stock, "quantity", "-3")
    with pytest.raises(OpsdeskError, match="Days \\(given\\) of WIP: 'soon'"):
        edited_stock(stock, "days", "soon")
    with pytest.raises(OpsdeskError, match="A delay needs its wait in days"):
        edited_stock(Delay("Queue", 3), "days", "")
    with pytest.raises(OpsdeskError, match="A process needs a name"):
        renamed(Process("Cut"), " ")
    with pytest.raises(OpsdeskError, match="'kanban' is not a kind of inventory"):
        rekinded(stock, "kanban")


def test_a_new_element_is_named_apart_from_the_others() -> None:
    stream = ValueStream("s", flow=(Process("Process 2"), Delay("Wait 1", 1)))
    assert new_element("process", stream) == Process("Process 3")
    assert new_element("delay", stream) == Delay("Wait 2", 1.0)
    assert new_element("inventory", stream) == Inventory()
    with pytest.raises(OpsdeskError, match="'customer' cannot be inserted"):
        new_element("customer", stream)

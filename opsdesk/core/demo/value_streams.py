"""The demo's value streams: Northwind's bracket family from stamping to assembly (current
and future state, paired) and a service stream, claim handling.

The bracket family follows the shape of Rother & Shook's Acme Stamping in *Learning to
See* (press, two welders, two assembly stations, stock between each); the future state
is their remedy: a weld-and-assembly cell in one-piece flow, a supermarket after the
press, a finished-goods supermarket and a press run every shift instead of every week,
scheduled by a pull loop (``pull_loop``) instead of a schedule to every process; kaizen
bursts mark the changes (the press's changeover carried by the demo's quick changeover
project).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from opsdesk.core.maps.vsm_info_model import InfoFlow
from opsdesk.core.maps.vsm_model import (
    Delay,
    Demand,
    Family,
    Inventory,
    KpiLink,
    LinkField,
    Process,
    Shipment,
    ValueStream,
)

if TYPE_CHECKING:
    from opsdesk.core.workspace.commands import Transaction

BRACKETS = Demand(18_400, "month", 20, shifts=2, shift_length_s=8 * 3600, breaks_s=1200,
                  mix=(Family("LH", 12_000), Family("RH", 6_400)))


def brackets_current() -> ValueStream:
    return ValueStream(
        "Brackets: stamping to assembly", customer="Northwind Assembly Plant",
        supplier="Lakeside Steel", demand=BRACKETS,
        shipments=(Shipment("Steel coils", 2 / 5, "Tuesday and Thursday"),
                   Shipment("Brackets", 1, "daily")),
        flow=(
            Inventory("Coils", days=5),
            Process("Stamping", 1, 3600, 0.85, operators=1, epe_days=10, batch=1500),
            Inventory(by_part=(Family("LH", 4600), Family("RH", 2400))),
            Process("Spot weld 1", 39, 600, 1.0, operators=1),
            Inventory(by_part=(Family("LH", 1100), Family("RH", 600))),
            Process("Spot weld 2", 46, 600, 0.80, operators=1, fpy=0.98),
            Inventory(by_part=(Family("LH", 1600), Family("RH", 850))),
            Process("Assembly 1", 62, 0, 1.0, operators=1, fpy=0.99),
            Inventory(by_part=(Family("LH", 1200), Family("RH", 640))),
            Process("Assembly 2", 40, 0, 1.0, operators=1),
            Inventory("Shipping", by_part=(Family("LH", 2700), Family("RH", 1440))),
        ))


def brackets_future() -> ValueStream:
    # One cell does the welding and assembly at 55 s per piece with 3 operators after
    # kaizen (work content 168 s); the press runs every shift (EPE 0.5 day).
    return ValueStream(
        "Brackets: stamping to assembly (future)", customer="Northwind Assembly Plant",
        supplier="Lakeside Steel", demand=BRACKETS,
        shipments=(Shipment("Steel coils", 1, "daily"), Shipment("Brackets", 1, "daily")),
        flow=(
            Inventory("Coils", days=1.5),
            Process("Stamping", 1, 600, 0.95, operators=1, epe_days=0.5),
            Inventory("Stamped-parts supermarket", days=1.5, kind="supermarket"),
            Process("Weld and assembly cell", 55, 0, 1.0, operators=3, fpy=0.995,
                    work_content_s=168),
            Inventory("Finished-goods supermarket", days=2, kind="supermarket"),
        ))


def claims(kpis: dict[str, int] | None = None) -> ValueStream:
    """Claim handling as typed; with the demo's ``kpis`` (name -> id), registering takes
    its cycle time from the average handle time and the inbox its count from the ticket
    backlog, so the map moves with the KPI data."""
    kpis = kpis or {}

    def fed(*pairs: tuple[LinkField, str]) -> tuple[KpiLink, ...]:
        return tuple(KpiLink(f, kpis[name]) for f, name in pairs if name in kpis)

    demand = Demand(1_260, "month", 21, shifts=1, shift_length_s=8 * 3600, breaks_s=3600)
    return ValueStream(
        "Claim handling", customer="Policy holder", supplier="Broker", demand=demand,
        flow=(
            Inventory("Inbox", quantity=140, links=fed(("quantity", "Ticket backlog"))),
            Process("Register claim", 6 * 60, 0, 0.95, operators=1, fpy=0.9,
                    links=fed(("cycle_time_s", "Average handle time"))),
            Delay("Waiting for documents", 3),
            # Three assessors share the work: one claim every 400 s, 20 min of work each.
            Process("Assess claim", 400, 0, 0.9, operators=3, fpy=0.85,
                    work_content_s=20 * 60),
            Inventory("Approval queue", quantity=90),
            Process("Approve", 4 * 60, 0, 1.0, operators=1, fpy=0.97),
            Delay("Payment run", 2),
            Process("Pay", 3 * 60, 0, 1.0, operators=1),
        ))


# (element, text, owner, project name): the future state's kaizen bursts
BRACKET_BURSTS = (
    ("Stamping", "Changeover 60 to 10 min (SMED)", "Maria Keller",
     "Quick changeover on press line 2"),
    ("Stamped-parts supermarket", "Supermarket with kanban pull", "Jon Berg", None),
    ("Weld and assembly cell", "One-piece flow cell at takt", "Jon Berg", None),
)


def _bursts(conn: sqlite3.Connection, tx: Any, map_id: int) -> None:
    """The future state's bursts, added as a user adds them, each at its element."""
    from opsdesk.core.maps.vsm_burst_commands import AddBurst
    from opsdesk.core.maps.vsm_links import walk
    from opsdesk.core.maps.vsm_store import load_stream

    stored = load_stream(conn, map_id)
    keys = {e.name: k for k, e in zip(stored.keys, walk(stored.stream.flow), strict=False)}
    for at, text, owner, project in BRACKET_BURSTS:
        row = conn.execute("SELECT id FROM projects WHERE name = ?", (project,)).fetchone()
        AddBurst(map_id, keys[at], text, owner, row[0] if row else None).apply(tx)


def pull_loop(tx: Transaction, map_id: int) -> None:
    """The future state's information flow, as its page draws it: the customer's daily
    orders into production control, a weekly schedule to the steel supplier, the day's
    schedule into the load-levelling box at the pacemaker (the cell), which withdraws from
    the stamped-parts supermarket; the press makes what was taken, on the production
    kanban left at its kanban post."""
    from opsdesk.core.maps.vsm_info_commands import (
        AddInfoFlow,
        PlaceKanbanPosts,
        PlaceLevelingBox,
    )
    from opsdesk.core.maps.vsm_info_model import CUSTOMER, PRODUCTION_CONTROL, SUPPLIER
    from opsdesk.core.maps.vsm_store import load_stream

    stored = load_stream(tx.conn, map_id)
    key = dict(zip((e.name for e in stored.stream.flow), stored.keys, strict=True))
    press, market, cell = (key["Stamping"], key["Stamped-parts supermarket"],
                           key["Weld and assembly cell"])
    for flow in (InfoFlow("electronic", CUSTOMER, PRODUCTION_CONTROL, "daily orders"),
                 InfoFlow("electronic", PRODUCTION_CONTROL, SUPPLIER, "weekly schedule"),
                 InfoFlow("manual", PRODUCTION_CONTROL, cell, "daily schedule"),
                 InfoFlow("withdrawal_kanban", cell, market),
                 InfoFlow("production_kanban", market, press)):
        AddInfoFlow(map_id, flow).apply(tx)
    PlaceLevelingBox(map_id, cell).apply(tx)
    PlaceKanbanPosts(map_id, (press,)).apply(tx)


def seed(conn: sqlite3.Connection, rng: Any, ctx: dict[str, Any]) -> None:
    from opsdesk.core.maps.vsm_commands import CopyAsFuture, ImportValueStream, ReplaceStream
    from opsdesk.core.workspace.commands import Transaction

    tx = Transaction(conn, "Create demo value streams")
    current = ImportValueStream(brackets_current()).apply(tx).result
    # The future state is made as a user makes it: a copy of the current, then redrawn.
    future = CopyAsFuture(current).apply(tx).result
    ReplaceStream(future, brackets_future()).apply(tx)
    _bursts(conn, tx, future)
    pull_loop(tx, future)
    claim = ImportValueStream(claims(ctx.get("kpi_ids"))).apply(tx).result
    ctx["value_stream_ids"] = {"current": current, "future": future, "claims": claim}

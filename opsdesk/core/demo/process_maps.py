"""The demo's process maps: order to cash, an ML model release, AI incident response.

Each is written by the ``ImportMap`` command (laid out, audited as the app would). Times
are in hours; a step whose time a demo KPI measures is linked to it (Enter order to
Average handle time, Train and tune model to Retraining lead time, Mitigate and restore
to Incident MTTR), so the analyses read that KPI's newest value.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from opsdesk.core.maps.model import Flow, FlowKind, Lane, Node, NodeKind, Pool, ProcessMap
from opsdesk.core.maps.step_data import Duration, StepData, ValueClass, WasteKind
from opsdesk.core.maps.units import TimeUnit

Spread = tuple[float, float, float]


def _step(key: str, label: str, lane: str, proc: float, wait: float, cost: float,
          value: ValueClass, *, unit: TimeUnit = "h", spread: Spread | None = None,
          waste: WasteKind | None = None, kpi: int | None = None, performer: str = "",
          rework: float | None = None) -> Node:
    low, mode, high = spread if spread else (None, None, None)
    step = StepData(performer=performer, processing=Duration(proc, unit, low, mode, high),
                    wait=Duration(wait, unit), cost=cost, value_class=value, waste=waste,
                    kpi_id=kpi, rework_probability=rework)
    return Node(key, "task", label, lane_id=lane, step=step)


def _node(key: str, kind: NodeKind, label: str, lane: str) -> Node:
    return Node(key, kind, label, lane_id=lane)


def _flows(*pairs: tuple[str, str] | tuple[str, str, float]) -> tuple[Flow, ...]:
    out = []
    for pair in pairs:
        source, target = pair[0], pair[1]
        p = pair[2] if len(pair) == 3 else None
        label = "" if p is None else ("yes" if p >= 0.5 else "no")
        out.append(Flow(f"{source}-{target}", "sequence", source, target, label, p))
    return tuple(out)


def _messages(*links: tuple[str, str, str], kind: FlowKind = "message") -> tuple[Flow, ...]:
    """Message flows (or associations) with what they carry as their label."""
    return tuple(Flow(f"{a}-{b}", kind, a, b, "" if kind == "association" else what)
                 for a, b, what in links)


def _party(key: str, name: str) -> Pool:
    """Another party, drawn as a black-box pool (no process of its own on the map)."""
    return Pool(key, name, "", participant=True)


def _lanes(*names: str) -> tuple[Lane, ...]:
    return tuple(Lane(name.lower().replace(" ", "_"), name, position=i)
                 for i, name in enumerate(names))


def order_to_cash(kpis: dict[str, int]) -> ProcessMap:
    """Sales, credit, warehouse and billing; 15 % of orders fail the credit check and go
    back to sales for corrected data (the rework loop)."""
    m = 1 / 60  # minutes, in hours
    nodes = (
        _node("received", "start", "Order received", "sales"),
        _step("enter", "Enter order", "sales", 9 * m, 2, 6, "business_necessary",
              kpi=kpis.get("Average handle time"), performer="Inside sales"),
        _step("check", "Check credit", "credit", 20 * m, 4, 9, "business_necessary",
              spread=(10 * m, 20 * m, 40 * m)),
        _node("credit_ok", "exclusive", "Credit OK?", "credit"),
        _step("fix", "Fix credit data", "sales", 30 * m, 8, 12, "waste", waste="defects"),
        _step("pick", "Pick and pack", "warehouse", 45 * m, 16, 18, "value_adding",
              spread=(30 * m, 45 * m, 75 * m)),
        _step("ship", "Ship order", "warehouse", 30 * m, 2, 25, "value_adding"),
        _step("invoice", "Create invoice", "billing", 15 * m, 24, 5, "business_necessary"),
        _step("collect", "Collect payment", "billing", 10 * m, 168, 4, "business_necessary"),
        _node("cash", "end", "Cash received", "billing"),
        _node("credit_report", "data", "Credit report", "credit"),
    )
    flows = _flows(("received", "enter"), ("enter", "check"), ("check", "credit_ok"),
                   ("credit_ok", "pick", 0.85), ("credit_ok", "fix", 0.15), ("fix", "check"),
                   ("pick", "ship"), ("ship", "invoice"), ("invoice", "collect"),
                   ("collect", "cash"))
    flows += _messages(("customer", "received", "Purchase order"),
                       ("ship", "customer", "Goods"), ("invoice", "customer", "Invoice"),
                       ("customer", "collect", "Payment"))
    flows += _messages(("credit_report", "check", ""), kind="association")
    return ProcessMap("order_to_cash", "Order to cash", "h",
                      pools=(_party("customer", "Customer"),),
                      lanes=_lanes("Sales", "Credit", "Warehouse", "Billing"),
                      nodes=nodes, flows=flows,
                      description="From a customer's order to the cash in the bank.")


def model_release(kpis: dict[str, int]) -> ProcessMap:
    """From a release request to a monitored model in production: a quarter of candidate
    models fail validation and are trained again; risk sends one in ten back."""
    nodes = (
        _node("requested", "start", "Release requested", "data_science"),
        _step("data", "Prepare training data", "data_science", 16, 24, 1200, "value_adding",
              spread=(8, 16, 40)),
        _step("train", "Train and tune model", "ml_engineering", 48, 8, 2600, "value_adding",
              unit="h", kpi=kpis.get("Retraining lead time")),
        _step("validate", "Validate model", "data_science", 8, 16, 800, "business_necessary"),
        _node("passes", "exclusive", "Metrics pass?", "data_science"),
        _step("review", "Risk review", "risk", 4, 48, 600, "business_necessary"),
        _node("approved", "exclusive", "Approved?", "risk"),
        _step("findings", "Address findings", "data_science", 8, 8, 700, "waste",
              waste="defects"),
        _step("deploy", "Package and deploy", "platform", 4, 8, 500, "value_adding"),
        _step("monitor", "Set up monitoring", "platform", 2, 4, 300, "business_necessary"),
        _node("live", "end", "Model in production", "platform"),
        _node("model_card", "data", "Model card", "risk"),
    )
    flows = _flows(("requested", "data"), ("data", "train"), ("train", "validate"),
                   ("validate", "passes"), ("passes", "review", 0.75),
                   ("passes", "train", 0.25), ("review", "approved"),
                   ("approved", "deploy", 0.9), ("approved", "findings", 0.1),
                   ("findings", "review"), ("deploy", "monitor"), ("monitor", "live"))
    flows += _messages(("owner", "requested", "Change request"),
                       ("deploy", "product", "Model endpoint"))
    flows += _messages(("validate", "model_card", ""), ("model_card", "review", ""),
                       kind="association")
    return ProcessMap("model_release", "ML model release", "h",
                      pools=(_party("owner", "Business owner"),
                             _party("product", "Product teams")),
                      lanes=_lanes("Data science", "ML engineering", "Platform", "Risk"),
                      nodes=nodes, flows=flows,
                      description="Data, training, validation, risk approval, deployment "
                      "and monitoring of a model.")


def incident_response(kpis: dict[str, int]) -> ProcessMap:
    """An alert on a model in production to the post-incident review; three in ten alerts
    are false alarms, and one fix in five does not hold and is done again."""
    m = 1 / 60
    nodes = (
        _node("alert", "start", "Drift or error alert", "monitoring"),
        _step("triage", "Triage alert", "on-call", 15 * m, 10 * m, 40, "business_necessary",
              spread=(5 * m, 15 * m, 45 * m)),
        _node("real", "exclusive", "Real incident?", "on-call"),
        _node("false_alarm", "end", "False alarm closed", "on-call"),
        _step("declare", "Declare incident", "incident_command", 10 * m, 5 * m, 30,
              "business_necessary"),
        _node("split", "parallel", "", "incident_command"),
        _step("notify", "Notify stakeholders", "incident_command", 20 * m, 0, 30,
              "business_necessary"),
        _step("diagnose", "Diagnose model or data", "ml_engineering", 1.5, 0.5, 180,
              "value_adding", spread=(1, 1.5, 3)),
        _node("join", "parallel", "", "ml_engineering"),
        _step("restore", "Mitigate and restore", "ml_engineering", 2, 0.5, 240, "value_adding",
              kpi=kpis.get("Incident MTTR")),
        _step("verify", "Verify recovery", "on-call", 30 * m, 15 * m, 40,
              "business_necessary"),
        _node("recovered", "exclusive", "Recovered?", "on-call"),
        _step("review", "Post-incident review", "incident_command", 2, 72, 400,
              "business_necessary"),
        _node("closed", "end", "Incident closed", "incident_command"),
        _node("record", "data", "Incident record", "incident_command"),
    )
    flows = _flows(("alert", "triage"), ("triage", "real"), ("real", "declare", 0.7),
                   ("real", "false_alarm", 0.3), ("declare", "split"), ("split", "notify"),
                   ("split", "diagnose"), ("notify", "join"), ("diagnose", "join"),
                   ("join", "restore"), ("restore", "verify"), ("verify", "recovered"),
                   ("recovered", "review", 0.8), ("recovered", "restore", 0.2),
                   ("review", "closed"))
    flows += _messages(("notify", "users", "Status update"),
                       ("review", "users", "Post-incident report"))
    flows += _messages(("declare", "record", ""), ("record", "review", ""),
                       kind="association")
    return ProcessMap("ai_incident_response", "AI incident response", "h",
                      pools=(_party("users", "Affected users"),),
                      lanes=_lanes("Monitoring", "On-call", "ML engineering",
                                   "Incident command"),
                      nodes=nodes, flows=flows,
                      description="From an alert on a model in production to the review.")


def seed(conn: sqlite3.Connection, rng: Any, ctx: dict[str, Any]) -> None:
    from opsdesk.core.maps.commands import ImportMap
    from opsdesk.core.workspace.commands import Transaction

    tx = Transaction(conn, "Create demo workspace")
    kpis: dict[str, int] = ctx["kpi_ids"]
    ctx["map_ids"] = {}
    for make in (order_to_cash, model_release, incident_response):
        pmap = make(kpis)
        ctx["map_ids"][pmap.name] = ImportMap(pmap, tx.command_title).apply(tx).result

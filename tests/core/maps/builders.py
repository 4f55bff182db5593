"""Small builders for maps made in tests, and the order-to-cash map the tests share."""

from __future__ import annotations

from opsdesk.core.maps.model import Flow, Lane, Node, NodeKind, ProcessMap
from opsdesk.core.maps.step_data import Duration, StepData, ValueClass


def step(node_id: str, label: str = "", lane: str | None = None, *, proc: float | None = None,
         wait: float | None = None, cost: float | None = None,
         value: ValueClass | None = None, kind: NodeKind = "task",
         spread: tuple[float, float, float] | None = None, **more: object) -> Node:
    """A node; times in minutes, ``spread`` the processing time's (low, mode, high)."""
    low, mode, high = spread if spread else (None, None, None)
    data = StepData(
        processing=None if proc is None else Duration(proc, "min", low, mode, high),
        wait=None if wait is None else Duration(wait, "min"),
        cost=cost, value_class=value)
    return Node(node_id, kind, label, lane_id=lane, step=data, **more)  # type: ignore[arg-type]


def event(node_id: str, kind: NodeKind, lane: str | None = None, **more: object) -> Node:
    return Node(node_id, kind, lane_id=lane, **more)  # type: ignore[arg-type]


def seq(source: str, target: str, p: float | None = None, flow_id: str | None = None) -> Flow:
    return Flow(flow_id or f"{source}-{target}", "sequence", source, target, probability=p)


def build(nodes: list[Node], flows: list[Flow], lanes: list[str] = ()) -> ProcessMap:  # type: ignore[assignment]
    return ProcessMap("m", "test", "min", (), tuple(Lane(x, x.title(), position=i)
                                                   for i, x in enumerate(lanes)),
                      tuple(nodes), tuple(flows))


def order_to_cash() -> ProcessMap:
    """Order to cash across four lanes, with a credit-check rework loop (p = 0.2).

    Step          lane       processing  wait  cost  value class
    Enter order   sales        10          30     5   business necessary
    Check credit  credit       20          60     8   business necessary
    Fix credit    sales        15          45     4   waste
    Pick and pack warehouse    30         120    12   value adding
    Ship          warehouse    20           0    20   value adding
    Invoice       billing      10         240     3   business necessary
    """
    nodes = [
        event("s", "start", "sales"),
        step("a", "Enter order", "sales", proc=10, wait=30, cost=5, value="business_necessary",
             spread=(5, 10, 15)),
        step("b", "Check credit", "credit", proc=20, wait=60, cost=8,
             value="business_necessary", spread=(10, 20, 30)),
        event("g", "exclusive", "credit", label="Credit OK?"),
        step("c", "Fix credit data", "sales", proc=15, wait=45, cost=4, value="waste"),
        step("d", "Pick and pack", "warehouse", proc=30, wait=120, cost=12,
             value="value_adding", spread=(20, 30, 40)),
        step("e", "Ship", "warehouse", proc=20, wait=0, cost=20, value="value_adding"),
        step("f", "Invoice", "billing", proc=10, wait=240, cost=3, value="business_necessary"),
        event("x", "end", "billing", label="Paid"),
    ]
    flows = [seq("s", "a"), seq("a", "b"), seq("b", "g"), seq("g", "d", 0.8),
             seq("g", "c", 0.2), seq("c", "b"), seq("d", "e"), seq("e", "f"), seq("f", "x")]
    return build(nodes, flows, ["sales", "credit", "warehouse", "billing"])


def generated(blocks: int, lanes: int = 4, seed: int = 0) -> ProcessMap:
    """A process of ``blocks`` blocks in a row, each a task, an exclusive split with a
    merge, a parallel block, or a rework loop back over the last two steps (p = 0.1),
    its steps spread over ``lanes`` lanes: about 3.4 nodes per block."""
    import random

    rng = random.Random(seed)
    names = [f"lane{i}" for i in range(lanes)]
    nodes: list[Node] = [event("start", "start", names[0])]
    flows: list[Flow] = []
    last = "start"

    def add(node_id: str, kind: NodeKind = "task") -> str:
        lane = rng.choice(names)
        if kind == "task":
            nodes.append(step(node_id, node_id, lane, proc=rng.randint(1, 30),
                              wait=rng.randint(0, 60), cost=rng.randint(1, 9)))
        else:
            nodes.append(event(node_id, kind, lane))
        return node_id

    for b in range(blocks):
        shape = rng.choice(("task", "xor", "and", "loop"))
        if shape == "task":
            flows.append(seq(last, add(f"t{b}")))
            last = f"t{b}"
        elif shape in ("xor", "and"):
            kind: NodeKind = "exclusive" if shape == "xor" else "parallel"
            split, join = add(f"s{b}", kind), add(f"j{b}", kind)
            flows.append(seq(last, split))
            for k, p in enumerate((0.7, 0.3)):
                branch = add(f"b{b}_{k}")
                flows += [seq(split, branch, p if shape == "xor" else None),
                          seq(branch, join)]
            last = join
        else:
            first, check = add(f"r{b}"), add(f"c{b}", "exclusive")
            flows += [seq(last, first), seq(first, check), seq(check, first, 0.1)]
            last = check
    flows.append(seq(last, add("end", "end"), 0.9 if last.startswith("c") else None))
    # a loop's gateway keeps 0.9 for the way on: fix the flows out of each check
    fixed = []
    for f in flows:
        if f.source.startswith("c") and f.target != f.source and f.probability is None:
            f = Flow(f.id, f.kind, f.source, f.target, probability=0.9)
        fixed.append(f)
    return build(nodes, fixed, names)

"""Value-stream metrics against Rother & Shook, *Learning to See* (Lean Enterprise
Institute, 1999): the Acme Stamping steering-bracket current state, hand-calculated here.

Acme's data as the book gives them: demand 18,400 brackets a month (12,000 LH, 6,400 RH),
20 working days, 2 shifts of 8 h less two 10-minute breaks. Coils at the supplier's end
hold 5 days (given on the map). Stamping C/T 1 s, C/O 1 h, uptime 85 %, EPE 2 weeks;
Spot weld #1 39 s, C/O 10 min, 100 %; Spot weld #2 46 s, C/O 10 min, 80 %; Assembly #1
62 s, 100 %; Assembly #2 40 s, 100 %. Inventories: 4,600 L + 2,400 R after stamping,
1,100 L + 600 R after weld #1, 1,600 L + 850 R after weld #2, 1,200 L + 640 R after
assembly #1, 2,700 L + 1,440 R in shipping. The map's timeline: 5 + 7.6 + 1.8 + 2.7 + 2
+ 4.5 = 23.6 days lead time, 1 + 39 + 46 + 62 + 40 = 188 s processing time.
"""

from __future__ import annotations

import pytest

from opsdesk.core.maps.vsm_metrics import VsmSettings, compute
from opsdesk.core.maps.vsm_model import Delay, Demand, Inventory, Parallel, Process, ValueStream
from tests.core.maps.vsm_examples import acme


def test_acme_available_time_daily_demand_and_takt() -> None:
    m = compute(acme())
    # 8 h = 28,800 s less 2 × 600 s breaks = 27,600 s a shift; 2 shifts = 55,200 s a day.
    assert m.available_s_per_shift == 27_600
    assert m.available_s_per_day == 55_200
    # 18,400 / 20 days = 920 a day; takt 55,200 / 920 = 60 s.
    assert m.daily_demand == 920
    assert m.takt_s == pytest.approx(60)
    # By family: LH 12,000 / 20 = 600 a day -> 55,200 / 600 = 92 s;
    # RH 6,400 / 20 = 320 a day -> 55,200 / 320 = 172.5 s.
    assert m.family_takt_s == pytest.approx({"LH": 92.0, "RH": 172.5})


def test_acme_inventory_days_lead_time_and_processing_time() -> None:
    m = compute(acme())
    # Quantity / 920 a day: 7,000 -> 7.61, 1,700 -> 1.85, 2,450 -> 2.66, 1,840 -> 2.0,
    # 4,140 -> 4.5; the coils' 5 days are given. The book prints them to one decimal.
    days = [i.days for i in m.inventories]
    assert [round(d or 0, 1) for d in days] == [5.0, 7.6, 1.8, 2.7, 2.0, 4.5]
    assert [i.before for i in m.inventories] == [
        "Stamping", "S. Weld #1", "S. Weld #2", "Assembly #1", "Assembly #2",
        "State Street Assembly"]
    assert m.inventories[1].quantity == 7000
    # 5 + 7000/920 + 1700/920 + 2450/920 + 1840/920 + 4140/920 = 5 + 17,130/920 = 23.62.
    assert m.lead_time_days == pytest.approx(5 + 17_130 / 920)
    assert round(m.lead_time_days, 1) == 23.6
    assert m.processing_time_s == 188
    # Calendar basis: 188 / (23.62 × 86,400 s); available basis: 188 / (23.62 × 55,200 s).
    assert m.pce == pytest.approx(188 / ((5 + 17_130 / 920) * 86_400))
    avail = compute(acme(), VsmSettings(day_basis="available"))
    assert avail.pce == pytest.approx(188 / ((5 + 17_130 / 920) * 55_200))


def test_acme_capacity_utilisation_constraint_and_operators() -> None:
    m = compute(acme())
    by = {s.name: s for s in m.steps}
    # Stamping: EPE 2 weeks = 10 days × 2 shifts, 2 parts -> 0.1 changeovers a shift ×
    # 3,600 s = 360 s; (27,600 × 0.85 − 360) / 1 s = 23,100 a shift; 460 needed a shift.
    assert by["Stamping"].capacity_per_shift == pytest.approx(23_100)
    assert by["Stamping"].utilisation == pytest.approx(460 / 23_100)
    # No EPE on the welders: no changeover is taken off. Weld #2: 27,600 × 0.8 / 46 = 480.
    assert by["S. Weld #2"].capacity_per_shift == pytest.approx(480)
    assert by["S. Weld #2"].utilisation == pytest.approx(460 / 480)
    # Assembly #1: 27,600 / 62 = 445.2 < 460: over takt, the constraint.
    assert by["Assembly #1"].capacity_per_shift == pytest.approx(27_600 / 62)
    assert [s.name for s in m.steps if s.constraint] == ["Assembly #1"]
    # Work content / takt, unrounded: 188 / 60 = 3.133.
    assert m.operators_needed == pytest.approx(188 / 60)
    assert any("Assembly #1" in w and "over takt" in w for w in m.warnings)
    assert [b.per_operator_s for b in m.yamazumi] == [1, 39, 46, 62, 40]


def test_weld_assembly_cell_operators_as_learning_to_see() -> None:
    # The future-state cell combines both welders and both assemblies:
    # (39 + 46 + 62 + 40) s = 187 s of work / 60 s takt = 3.12 operators.
    stream = acme()
    cell = ValueStream("cell", demand=stream.demand,
                       flow=tuple(e for e in stream.flow
                                  if isinstance(e, Process) and e.name != "Stamping"))
    assert compute(cell).operators_needed == pytest.approx(187 / 60)
    assert round(187 / 60, 2) == 3.12


def test_inventory_methods_and_given_days() -> None:
    stream = acme()
    nxt = compute(stream, VsmSettings(inventory_method="next-step"))
    days = [i.days for i in nxt.inventories]
    # Next-step consumption: 7,000 × 39 s / 55,200 s = 4.946 days before weld #1;
    # 1,700 × 46 / 55,200; 2,450 × 62 / 55,200; 1,840 × 40 / 55,200; finished goods
    # have no next step: 4,140 / 920 = 4.5. The coils keep their given 5 days.
    assert days == pytest.approx([5, 7000 * 39 / 55_200, 1700 * 46 / 55_200,
                                  2450 * 62 / 55_200, 1840 * 40 / 55_200, 4.5])
    mt = compute(stream, VsmSettings(inventory_method="minitab"))
    # Quantity × takt as elapsed time: 7,000 × 60 s = 420,000 s = 4.861 days of 24 h.
    assert mt.inventories[1].days == pytest.approx(7000 * 60 / 86_400)
    assert mt.inventories[0].days == 5


def test_lead_time_with_processing_as_evsm() -> None:
    m = compute(acme(), VsmSettings(lead_time_includes_processing=True))
    # 23.62 days + 188 s / 86,400 s.
    assert m.lead_time_days == pytest.approx(5 + 17_130 / 920 + 188 / 86_400)


def test_rolled_yield_is_the_product_of_first_pass_yields() -> None:
    # Three steps at 90 %: 0.9³ = 0.729.
    stream = ValueStream("q", flow=tuple(Process(f"S{i}", 10, fpy=0.9) for i in range(3)))
    assert compute(stream).rolled_yield == pytest.approx(0.729)


def test_parallel_branches_follow_the_longest() -> None:
    demand = Demand(100, "day", shifts=1, shift_length_s=10_000)
    stream = ValueStream("p", demand=demand, flow=(
        Process("Cut", 10),
        Parallel("sub-assemblies", (
            (Inventory(quantity=200), Process("Frame", 20)),           # 2 days, 20 s
            (Inventory(quantity=50), Delay("Paint shop", 3), Process("Panel", 30)),  # 3.5 d
        )),
        Inventory(quantity=100), Process("Assemble", 40),
    ))
    m = compute(stream)
    # Cut 10 s; longest branch is the panel's 0.5 + 3 = 3.5 days with 30 s; then 1 day
    # and 40 s: 4.5 days, 10 + 30 + 40 = 80 s.
    assert m.lead_time_days == pytest.approx(4.5)
    assert m.processing_time_s == 80
    branch = m.timeline.branches[0]
    assert [b.lead_time_days for b in branch] == pytest.approx([2.0, 3.5])
    assert [i.before for i in m.inventories] == ["Frame", "Panel", "Panel", "Assemble"]


def test_warnings_for_missing_demand_and_impossible_pce() -> None:
    m = compute(ValueStream("x", flow=(Process("A", 60), Inventory(quantity=10))))
    assert m.takt_s is None and m.operators_needed is None
    assert any("demand is missing" in w for w in m.warnings)
    fast = ValueStream("y", demand=Demand(1, "day"), flow=(
        Inventory(days=0.0001), Process("A", 3600)))
    w = compute(fast).warnings
    assert any("over 100 %" in x for x in w)

"""A value stream from a table of steps: the Acme Stamping current state of Rother &
Shook's *Learning to See* typed as a sheet, read back to the book's timeline
(23.6 days, 188 s; the hand calculation is in test_vsm_metrics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.vsm_metrics import compute
from opsdesk.core.maps.vsm_model import Delay, Demand, Inventory, Process
from opsdesk.core.maps.vsm_table import read_steps

ACME = """kind,name,cycle_time,changeover,uptime,operators,quantity,days
supplier,Michigan Steel Co.,,,,,,
inventory,Coils,,,,,,5
process,Stamping,1 s,1 h,85%,1,,
inventory,,,,,,7000,
process,S. Weld #1,39 s,10 min,100%,1,,
inventory,,,,,,1700,
process,S. Weld #2,46 s,10 min,0.8,1,,
inventory,,,,,,2450,
process,Assembly #1,62 s,0 min,1,1,,
inventory,,,,,,1840,
process,Assembly #2,40 s,0 min,100%,1,,
inventory,Shipping,,,,,4140,
customer,State Street Assembly,,,,,,
"""
DEMAND = Demand(18_400, "month", 20, shifts=2, shift_length_s=8 * 3600, breaks_s=1200)


def write(tmp_path: Path, text: str, name: str = "steps.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_acme_from_csv(tmp_path: Path) -> None:
    table = read_steps(write(tmp_path, ACME), name="Acme", demand=DEMAND)
    s = table.stream
    assert (s.name, s.supplier, s.customer) == ("Acme", "Michigan Steel Co.",
                                                "State Street Assembly")
    assert (table.steps, table.inventories) == (5, 6)
    stamping = s.flow[1]
    assert isinstance(stamping, Process)
    # 1 h = 3,600 s; 85% = 0.85; 0.8 stays 0.8; 10 min = 600 s.
    assert (stamping.cycle_time_s, stamping.changeover_s, stamping.uptime) == (1, 3600, 0.85)
    weld2 = s.flow[5]
    assert isinstance(weld2, Process) and (weld2.uptime, weld2.changeover_s) == (0.8, 600)
    m = compute(s)
    assert round(m.lead_time_days, 1) == 23.6 and m.processing_time_s == 188
    assert table.warnings == []


def test_units_in_the_header_and_an_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Kind", "Name", "Cycle time (min)", "C/O (min)", "Uptime (%)", "Wait (days)"])
    sheet.append(["process", "Intake", 2.5, 10, 90, None])
    sheet.append(["delay", "Courier", None, None, None, 1.5])
    sheet.append(["process", "Assess", "30 s", None, None, None])
    path = tmp_path / "claims.xlsx"
    book.save(path)
    s = read_steps(path).stream
    intake, courier, assess = s.flow
    assert isinstance(intake, Process) and isinstance(assess, Process)
    # 2.5 min = 150 s, 10 min = 600 s, 90 (%) = 0.9; a unit in the cell wins: 30 s.
    assert (intake.cycle_time_s, intake.changeover_s, intake.uptime) == (150, 600, 0.9)
    assert courier == Delay("Courier", 1.5)
    assert assess.cycle_time_s == 30 and assess.uptime == 1.0
    assert s.name == "claims"


def test_bare_numbers_are_seconds_and_said(tmp_path: Path) -> None:
    table = read_steps(write(tmp_path, "kind,name,cycle_time,notes\nprocess,A,46,x\n"
                                       "inventory,,,\n"))
    a = table.stream.flow[0]
    assert isinstance(a, Process) and a.cycle_time_s == 46
    assert table.stream.flow[1] == Inventory("", None)
    assert any("'notes'" in w for w in table.warnings)
    assert any("read as seconds" in w for w in table.warnings)


@pytest.mark.parametrize(("row", "said"), [
    ("process,A,fast,", "row 2, column 'cycle_time' ('fast'): is not a number"),
    ("machine,A,1 s,", "row 2, column 'kind' ('machine'): the kind must be one of"),
    ("process,A,5 parsecs,", "'parsecs' is not a unit of time"),
    ("process,A,1 s,85", "column 'uptime' ('85'): must be a share: 85% or 0.85"),
    ("process,A,1 s,120%", "must be more than 0 % and at most 100 %"),
    ("process,A,0 s,", "column 'cycle_time' ('0 s'): must be more than zero"),
    ("delay,Truck,,", "row 2, column 'days': a delay needs its wait in days"),
])
def test_bad_cells_are_one_sentence(tmp_path: Path, row: str, said: str) -> None:
    with pytest.raises(OpsdeskError) as error:
        read_steps(write(tmp_path, f"kind,name,cycle_time,uptime\n{row}\n"))
    message = str(error.value)
    assert said in message and message.endswith("nothing was imported.")
    assert "\n" not in message


def test_a_table_without_processes_or_columns(tmp_path: Path) -> None:
    with pytest.raises(OpsdeskError, match="has no 'kind' column"):
        read_steps(write(tmp_path, "name,cycle_time\nA,1 s\n"))
    with pytest.raises(OpsdeskError, match="has no process row"):
        read_steps(write(tmp_path, "kind,name\nsupplier,Steel\n"))


# Two weld lines that the flow splits into and joins after: rows next to each other that
# name a branch make one parallel block (the lead time follows the longer branch).
BRANCHED = """kind,name,cycle_time,quantity,days,branch
process,Stamping,1 s,,,
inventory,,,,2,
process,Weld A,40 s,,,A
inventory,,,,3,A
process,Weld B,30 s,,,B
supermarket,Weld B parts,,,1,B
fifo lane,,,,0.5,
process,Assembly,60 s,,,
safety buffer,Shipping,,,1,
"""


def test_branches_make_a_parallel_block(tmp_path: Path) -> None:
    from opsdesk.core.maps.vsm_model import Parallel

    table = read_steps(write(tmp_path, BRANCHED), demand=DEMAND)
    flow = table.stream.flow
    assert [type(e).__name__ for e in flow] == ["Process", "Inventory", "Parallel",
                                                "Inventory", "Process", "Inventory"]
    block = flow[2]
    assert isinstance(block, Parallel) and block.name == "A / B"
    assert [[e.name for e in b] for b in block.branches] == [["Weld A", ""],
                                                             ["Weld B", "Weld B parts"]]
    assert [e.kind for e in (block.branches[1][1], flow[3], flow[5])
            if isinstance(e, Inventory)] == ["supermarket", "fifo", "safety"]
    assert (table.steps, table.inventories) == (4, 5)
    m = compute(table.stream)
    # Given days: 2 + longer branch (A: 3 d, 40 s; B: 1 d, 30 s) + 0.5 + 1 = 6.5 days;
    # processing 1 + 40 + 60 = 101 s, the longer branch's 40 s counted.
    assert m.lead_time_days == 6.5 and m.processing_time_s == 101


def test_a_block_of_one_branch_is_refused(tmp_path: Path) -> None:
    text = "kind,name,cycle_time,branch\nprocess,A,1 s,\nprocess,B,2 s,X\nprocess,C,3 s,\n"
    with pytest.raises(OpsdeskError, match=r"row 3, column 'branch' \('X'\): a parallel "
                                           r"block needs two branches or more"):
        read_steps(write(tmp_path, text))

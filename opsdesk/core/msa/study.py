"""A gage study's measurements arranged by operator, part and trial.

Rows with the same operator and part are that operator's trials on that part, in the
order the rows give them. The crossed methods need every operator to measure every part
the same number of times (at least twice), as Minitab's crossed gage R&R does; a nested
study needs each part measured by one operator only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError


@dataclass(frozen=True)
class GageStudy:
    """``values[o, p, t]``: operator o's trial t on part p (crossed); for a nested study
    ``values[o, p, t]`` is operator o's p-th own part, ``parts[o][p]`` names it."""

    operators: list[str]
    parts: list[list[str]]   # per operator (the same list for each in a crossed study)
    values: np.ndarray       # shape (operators, parts per operator, trials)
    crossed: bool

    @property
    def shape(self) -> tuple[int, int, int]:
        o, p, r = self.values.shape
        return int(o), int(p), int(r)

    @property
    def part_names(self) -> list[str]:
        return self.parts[0] if self.crossed else [p for ps in self.parts for p in ps]


def _cells(parts: Sequence[str], operators: Sequence[str], values: Sequence[float]
           ) -> tuple[list[str], list[str], dict[tuple[str, str], list[float]]]:
    if not (len(parts) == len(operators) == len(values)):
        raise OpsdeskError("The part, operator and value columns differ in length.")
    if not values:
        raise OpsdeskError("There are no measurements in the study.")
    cells: dict[tuple[str, str], list[float]] = {}
    op_order: dict[str, None] = {}
    part_order: dict[str, None] = {}
    for i, (part, op, value) in enumerate(zip(parts, operators, values, strict=True)):
        for name, label in (("part", part), ("operator", op)):
            if not str(label).strip():
                raise OpsdeskError(f"Measurement {i + 1} has no {name}.")
        ranges.check_value(float(value), f"Measurement {i + 1}")
        op_order.setdefault(op)
        part_order.setdefault(part)
        cells.setdefault((op, part), []).append(float(value))
    return list(op_order), list(part_order), cells


def gage_study(parts: Sequence[str], operators: Sequence[str], values: Sequence[float],
               nested: bool = False) -> GageStudy:
    """The balanced study from one row per measurement; one sentence when it is not."""
    ops, part_list, cells = _cells(parts, operators, values)
    if len(ops) < 2 and not nested:
        raise OpsdeskError("A gage R&R study needs at least 2 operators.")
    if nested:
        return _nested(ops, part_list, cells)
    if len(part_list) < 2:
        raise OpsdeskError("A gage R&R study needs at least 2 parts.")
    trials = {len(v) for v in cells.values()}
    for op in ops:
        for part in part_list:
            if (op, part) not in cells:
                raise OpsdeskError(f"Operator {op!r} did not measure part {part!r}; a crossed "
                                   "study needs every operator to measure every part "
                                   "(use the nested design when parts are destroyed).")
    if len(trials) != 1:
        few = min(cells, key=lambda k: len(cells[k]))
        raise OpsdeskError(f"Operator {few[0]!r} measured part {few[1]!r} "
                           f"{len(cells[few])} time(s) and others {max(trials)}; every "
                           "operator must measure every part the same number of times.")
    r = trials.pop()
    if r < 2:
        raise OpsdeskError("Each operator must measure each part at least twice "
                           "(repeatability needs repeated trials).")
    data = np.array([[cells[(op, part)] for part in part_list] for op in ops], dtype=float)
    return GageStudy(ops, [part_list] * len(ops), data, crossed=True)


def _nested(ops: list[str], part_list: list[str],
            cells: dict[tuple[str, str], list[float]]) -> GageStudy:
    owner: dict[str, str] = {}
    for op, part in cells:
        if part in owner and owner[part] != op:
            raise OpsdeskError(f"Part {part!r} was measured by operators {owner[part]!r} and "
                               f"{op!r}; in a nested study each part has one operator.")
        owner[part] = op
    if len(ops) < 2:
        raise OpsdeskError("A nested gage R&R study needs at least 2 operators.")
    own = {op: [p for p in part_list if owner[p] == op] for op in ops}
    counts = {len(v) for v in own.values()}
    if len(counts) != 1 or min(counts) < 2:
        raise OpsdeskError("In a nested study every operator must measure the same number "
                           "of parts, at least 2 each.")
    trials = {len(v) for v in cells.values()}
    if len(trials) != 1 or min(trials) < 2:
        raise OpsdeskError("Every part must be measured the same number of times, at least "
                           "twice.")
    data = np.array([[cells[(op, p)] for p in own[op]] for op in ops], dtype=float)
    return GageStudy(ops, [own[op] for op in ops], data, crossed=False)

"""The capability indices as a table model: one row per index, within and overall."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from opsdesk.core.spc.capability import Capability
from opsdesk.ui.widgets.glossary_tips import term_tip

Index = QModelIndex | QPersistentModelIndex
TERM_ROLE = Qt.ItemDataRole.UserRole  # the glossary key of a cell's figure

# The glossary's terms of each row (``_rows``, in order): within, overall ("" for none).
ROW_TERMS = (
    ("mean", "mean"), ("sigma_within", "sigma_overall"), ("cp", "pp"), ("cpl", "ppl"),
    ("cpu", "ppu"), ("cpk", "ppk"), ("cp_ci", ""), ("cpk_ci", ""), ("", "cpm"),
    ("ppm_expected_within", "ppm_expected_overall"),
    ("ppm_expected_within", "ppm_expected_overall"),
    ("ppm_expected_within", "ppm_expected_overall"), ("", "ppm_observed"),
    ("z_bench_within", "z_bench_overall"), ("", "sigma_level"),
)


def _fmt(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "–"
    if value == float("inf"):
        return "∞"
    return f"{value:.{digits}f}"


def _ci(pair: tuple[float, float] | None) -> str:
    return "–" if pair is None else f"{pair[0]:.2f} to {pair[1]:.2f}"


class IndicesModel(QAbstractTableModel):
    HEADERS = ("", "Within", "Overall")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str, str]] = []

    def set_capability(self, cap: Capability | None) -> None:
        self.beginResetModel()
        self.rows = [] if cap is None else self._rows(cap)
        self.endResetModel()

    @staticmethod
    def _rows(c: Capability) -> list[tuple[str, str, str]]:
        ci = f"{c.confidence:.0%} CI"
        return [
            ("Mean", _fmt(c.mean, 5), _fmt(c.mean, 5)),
            ("Standard deviation", _fmt(c.sigma_within, 5), _fmt(c.sigma_overall, 5)),
            ("Cp / Pp", _fmt(c.cp), _fmt(c.pp)),
            ("Cpl / Ppl", _fmt(c.cpl), _fmt(c.ppl)),
            ("Cpu / Ppu", _fmt(c.cpu), _fmt(c.ppu)),
            ("Cpk / Ppk", _fmt(c.cpk), _fmt(c.ppk)),
            (f"Cp {ci}", _ci(c.cp_ci), ""),
            (f"Cpk {ci}", _ci(c.cpk_ci), ""),
            ("Cpm", "", _fmt(c.cpm)),
            ("PPM < LSL (expected)", _fmt(c.ppm_expected_within.below, 1),
             _fmt(c.ppm_expected_overall.below, 1)),
            ("PPM > USL (expected)", _fmt(c.ppm_expected_within.above, 1),
             _fmt(c.ppm_expected_overall.above, 1)),
            ("PPM total (expected)", _fmt(c.ppm_expected_within.total, 1),
             _fmt(c.ppm_expected_overall.total, 1)),
            ("PPM total (observed)", "", _fmt(c.ppm_observed.total, 1)),
            ("Z.bench", _fmt(c.z_bench_within, 2), _fmt(c.z_bench_overall, 2)),
            ("Sigma level (+1.5)", "", _fmt(c.sigma_level, 2)),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.ToolTipRole, TERM_ROLE):
            keys = self._terms(index.row(), index.column())
            if role == TERM_ROLE:
                return keys[0] if keys else None
            return term_tip(*keys) if keys else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _terms(self, row: int, column: int) -> list[str]:
        """The row's terms (column 0), else the cell's, if the cell shows a figure."""
        within, overall = ROW_TERMS[row]
        if column == 0:
            return list(dict.fromkeys(k for k in (within, overall) if k))
        key = within if column == 1 else overall
        return [key] if key and self.rows[row][column] else []

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

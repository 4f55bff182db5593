"""The form of a hypothesis test or descriptive statistics: the test, then only the
columns and numbers that test takes (as ``opsdesk stats`` takes them)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.stats.result import ALTERNATIVES
from opsdesk.core.stats.run_stats import StatsRequest
from opsdesk.core.worksheet.stats_analysis import TEST_NAMES
from opsdesk.ui.worksheet.fields import ColumnBox, column_required, form, number, optional_box

DESCRIBE = ("describe", "normality")
TWO_SAMPLES = ("t2", "mann-whitney")         # a second column, or groups in a column
GROUPED = ("anova", "levene", "prop2", "chi2")  # groups in a column, required
COUNTS = ("prop2", "chi2")
SIDED = ("t1", "t2", "paired", "mann-whitney", "prop2")
ALTERNATIVE_NAMES = {"two-sided": "not equal (two-sided)", "less": "less than",
                     "greater": "greater than"}


class StatsForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.test_box = QComboBox()
        for key, name in TEST_NAMES.items():
            self.test_box.addItem(name, key)
        self.value_box = ColumnBox()
        self.second_box = ColumnBox(optional=True)
        self.by_box = ColumnBox(optional=True)
        self.mu_box = optional_box("the mean to test against")
        self.event_box = optional_box("the value that counts, e.g. Fail")
        self.count_box = ColumnBox(optional=True)
        self.alternative_box = QComboBox()
        for key in ALTERNATIVES:
            self.alternative_box.addItem(ALTERNATIVE_NAMES[key], key)
        self.equal_var_box = QCheckBox("Assume equal variances")
        self.alpha_box = optional_box("0.05")
        self._names: tuple[str, ...] = ()
        self._numeric: tuple[str, ...] = ()
        self.form = form()
        self.form.addRow("Test", self.test_box)
        self.form.addRow("Values", self.value_box)
        self.form.addRow("Second sample", self.second_box)
        self.form.addRow("Groups", self.by_box)
        self.form.addRow("Event", self.event_box)
        self.form.addRow("Counts", self.count_box)
        self.form.addRow("Mean (μ₀)", self.mu_box)
        self.form.addRow("Alternative", self.alternative_box)
        self.form.addRow("", self.equal_var_box)
        self.form.addRow("Alpha", self.alpha_box)
        self.setLayout(self.form)
        self.test_box.currentIndexChanged.connect(lambda _i: self._show_fields())
        self._show_fields()

    def set_columns(self, names: Sequence[str], numeric: Sequence[str]) -> None:
        self._names, self._numeric = tuple(names), tuple(numeric)
        self.value_box.set_columns(names, numeric[0] if numeric else None)
        self.second_box.set_columns(names)
        self.by_box.set_columns(names)
        self.count_box.set_columns(names)

    def test(self) -> str:
        return str(self.test_box.currentData())

    def _label(self, widget: QWidget, text: str) -> None:
        label = self.form.labelForField(widget)
        if label is not None:
            label.setProperty("text", text)

    def _show_fields(self) -> None:
        test = self.test()
        show = self.form.setRowVisible
        show(self.second_box, test in TWO_SAMPLES or test == "paired")
        show(self.by_box, test in TWO_SAMPLES or test in GROUPED or test in DESCRIBE)
        show(self.event_box, test == "prop2")
        show(self.count_box, test in COUNTS)
        show(self.mu_box, test == "t1")
        show(self.alternative_box, test in SIDED)
        show(self.equal_var_box, test == "t2")
        show(self.alpha_box, test not in DESCRIBE)
        self._label(self.value_box, {"paired": "Before", "prop2": "Outcomes",
                                     "chi2": "Categories"}.get(test, "Values"))
        self._label(self.second_box, "After" if test == "paired" else "Second sample")
        self._label(self.by_box, "Groups" if test in GROUPED else "Groups (optional)")
        # the proportions and chi-square count categories: a column of text, if any
        texts = [n for n in self._names if n not in self._numeric]
        if test in COUNTS and texts and self.value_box.currentText() in self._numeric:
            self.value_box.setCurrentText(texts[-1])

    def request(self) -> StatsRequest:
        test = self.test()
        value = column_required(self.value_box, "values")
        second = self.second_box.column() if test in TWO_SAMPLES or test == "paired" else None
        by = self.by_box.column() if (test in TWO_SAMPLES or test in GROUPED
                                      or test in DESCRIBE) else None
        if test == "paired" and second is None:
            raise OpsdeskError("The paired t test takes two columns: choose the After column.")
        if test in TWO_SAMPLES and (second is None) == (by is None):
            raise OpsdeskError(f"The {TEST_NAMES[test]} test compares two samples: choose the "
                               "second sample's column or a column of groups (one of them).")
        if test in GROUPED and by is None:
            raise OpsdeskError(f"The {TEST_NAMES[test]} test needs the column of groups.")
        if second is not None and second == value:
            raise OpsdeskError(f"Column {value!r} is chosen twice: choose two columns.")
        for name in (value, second):
            if name is not None and "," in name:
                raise OpsdeskError(f"Column {name!r} has a comma in its name; rename it "
                                   "to test it.")
        alpha = number(self.alpha_box, "alpha")
        if alpha is not None and not 0 < alpha < 1:
            raise OpsdeskError(f"Alpha must lie between 0 and 1, not {alpha:g}.")
        mu = number(self.mu_box, "mean") if test == "t1" else None
        event = self.event_box.text().strip() or None if test == "prop2" else None
        return StatsRequest(
            test=test, value=value if second is None else f"{value},{second}", by=by,
            mu=mu, event=event, count=self.count_box.column() if test in COUNTS else None,
            alpha=0.05 if alpha is None else alpha,
            alternative=self.alternative_box.currentData() if test in SIDED else "two-sided",
            equal_var=test == "t2" and self.equal_var_box.isChecked())

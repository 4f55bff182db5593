"""Work that draws many KPIs passes what it already has (definitions, period values, an
individuals-chart memo); the results must be the ones each call makes on its own."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from opsdesk.core.kpi import signals
from opsdesk.core.kpi.aggregate import period_values
from opsdesk.core.kpi.bowling import bowling
from opsdesk.core.kpi.definitions import load_kpis
from opsdesk.core.kpi.scorecard import compute_statuses, kpi_status
from opsdesk.core.kpi.trend_spec import trend_spec

AS_OF = date(2026, 11, 20)  # the demo's pinned review date


def test_shared_inputs_give_the_same_specs_statuses_and_bowling(demo_workspace: Any) -> None:
    conn = demo_workspace.conn
    kpis = load_kpis(conn, None, include_archived=False)
    values = period_values(conn, kpis, AS_OF)
    memo = signals.IndividualsMemo()
    shared = [kpi_status(k, values.get(k.id), AS_OF, chart_of=memo) for k in kpis]
    assert shared == compute_statuses(conn, AS_OF)
    for kpi in kpis:
        alone = trend_spec(conn, kpi.id, AS_OF)
        assert trend_spec(conn, kpi.id, AS_OF, kpi=kpi, values_by_id=values,
                          chart_of=memo) == alone
    assert bowling(conn, AS_OF, kpis=kpis, values_by_id=values) == bowling(conn, AS_OF)


def test_memo_makes_each_chart_once(monkeypatch: Any) -> None:
    calls: list[str] = []
    real = signals.individuals

    def counted(values: np.ndarray, rule_set: str, stages: Any = None) -> Any:
        calls.append(rule_set)
        return real(values, rule_set, stages)

    monkeypatch.setattr(signals, "individuals", counted)
    memo = signals.IndividualsMemo()
    series = np.array([10.0, 12.0, 11.0, 13.0, 12.0, 30.0])
    first = memo(series, "we")
    assert memo(series.copy(), "we") is first  # equal values: the same result object
    memo(series, "nelson")  # another rule set is another chart
    memo(series[:-1], "we")  # other values too
    memo(series, "we", ["a"] * 3 + ["b"] * 3)  # and other stages
    assert calls == ["we", "nelson", "we", "we"]

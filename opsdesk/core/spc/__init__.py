"""Statistical process control: control charts, run rules, capability, Pareto.

Entry points: ``control_chart`` (every chart type) with ``ChartOptions`` and
``RuleConfig``; ``control_chart_spec`` turns a result into a ChartSpec; ``capability``,
``anderson_darling``, ``box_cox``, ``pareto`` and their spec builders. numpy only at
import; scipy is imported where a computation needs it.
"""

from opsdesk.core.spc.compute import control_chart, suggest_chart
from opsdesk.core.spc.model import (
    CHART_NAMES,
    CHART_TYPES,
    ChartOptions,
    ChartResult,
    PanelResult,
    SigmaEstimate,
)
from opsdesk.core.spc.rules import DEFAULT_K, RULE_SETS, RuleConfig, describe

__all__ = [
    "CHART_NAMES", "CHART_TYPES", "DEFAULT_K", "RULE_SETS", "ChartOptions", "ChartResult",
    "PanelResult", "RuleConfig", "SigmaEstimate", "control_chart", "describe", "suggest_chart",
]

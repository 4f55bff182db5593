"""A gage study from a table: the work behind ``opsdesk gage``."""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.msa.agreement import AgreementResult, attribute_agreement
from opsdesk.core.msa.crossed import ALPHA_INTERACTION, crossed_anova, crossed_xbar_r
from opsdesk.core.msa.nested import nested_anova
from opsdesk.core.msa.result import GageResult
from opsdesk.core.msa.study import gage_study
from opsdesk.core.spc.table_input import Table

METHODS = ("anova", "xbar-r")


@dataclass(frozen=True)
class GageRequest:
    part: str
    operator: str
    value: str
    method: str = "anova"
    nested: bool = False
    tolerance: float | None = None
    alpha_interaction: float = ALPHA_INTERACTION
    attribute: bool = False
    standard: str | None = None


def run_gage(table: Table, req: GageRequest) -> GageResult | AgreementResult:
    parts = table.labels(req.part)
    operators = table.labels(req.operator)
    if req.attribute:
        standard = table.labels(req.standard) if req.standard else None
        return attribute_agreement(parts, operators, table.labels(req.value), standard)
    if req.standard:
        raise OpsdeskError("--standard goes with --attribute (an attribute agreement study).")
    if req.method not in METHODS:
        raise OpsdeskError(f"Unknown method {req.method!r}; use anova or xbar-r.")
    if req.tolerance is not None:
        ranges.check_value(req.tolerance, "--tolerance")
        if not req.tolerance > 0:
            raise OpsdeskError(f"The tolerance (USL − LSL) must be above 0, not "
                               f"{req.tolerance:g}.")
    if not 0 < req.alpha_interaction < 1:
        raise OpsdeskError("The interaction's alpha must lie between 0 and 1.")
    if req.nested and req.method != "anova":
        raise OpsdeskError("A nested study is analysed by ANOVA only (--method anova).")
    study = gage_study(parts, operators, table.numbers(req.value), nested=req.nested)
    if req.nested:
        return nested_anova(study, req.tolerance)
    if req.method == "xbar-r":
        return crossed_xbar_r(study, req.tolerance)
    return crossed_anova(study, req.tolerance, req.alpha_interaction)

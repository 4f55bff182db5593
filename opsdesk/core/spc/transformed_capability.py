"""Capability of non-normal data on a normalizing transformation (Box-Cox or Johnson).

The data and the spec limits are transformed alike, and the normal indices computed on
the transformed scale (Minitab's Normal Capability Analysis with a transformation).
Box-Cox keeps the chart's within-subgroup sigma, re-estimated on the transformed data;
the Johnson transformation gives the overall indices only (Pp, Ppk), since it is fitted
to all the data at once (Minitab: "unable to estimate the within subgroup variation").
A spec limit outside the Johnson transformation's support cannot be reached from inside
it, so that side has no index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability import Capability, capability
from opsdesk.core.spc.johnson import Johnson, johnson
from opsdesk.core.spc.normality import BoxCox, box_cox

TRANSFORMS = ("box-cox", "johnson")


@dataclass(frozen=True)
class TransformedCapability:
    method: str                    # "box-cox" or "johnson"
    statement: str
    capability: Capability         # on the transformed scale
    within: bool                   # Cp/Cpk are meaningful (Box-Cox)
    transform: BoxCox | Johnson
    values: np.ndarray             # the transformed data

    def as_dict(self) -> dict[str, Any]:
        cap = self.capability.as_dict()
        if not self.within:
            for key in ("sigma_within", "cp", "cpl", "cpu", "cpk", "cp_ci", "cpk_ci",
                        "z_bench_within", "ppm_expected_within"):
                cap[key] = None
        return {"method": self.method, "statement": self.statement, **cap}


def transformed_capability(values: np.ndarray, lsl: float | None, usl: float | None,
                           target: float | None, method: str,
                           sigma_within: Callable[[Callable[[np.ndarray], np.ndarray]], float],
                           dof_within: int | None = None) -> TransformedCapability:
    """``sigma_within(transform)``: the chart's sigma, recomputed on the chart's values
    passed through ``transform``."""
    x = np.asarray(values, dtype=float)
    if method == "box-cox":
        bc = box_cox(x)
        for name, v in (("LSL", lsl), ("USL", usl), ("target", target)):
            if v is not None and v <= 0:
                raise OpsdeskError(f"Box-Cox needs positive values; the {name} {v:g} is not.")
        def apply(v: np.ndarray) -> np.ndarray:
            return np.asarray([bc.apply(float(e)) for e in v])

        t = apply(x)
        cap = capability(t, sigma_within(apply), *(bc.apply(v) if v is not None else None
                                                   for v in (lsl, usl, target)),
                         dof_within=dof_within)
        return TransformedCapability("box-cox", bc.statement(), cap, True, bc, t)
    if method != "johnson":
        raise OpsdeskError(f"Unknown transformation {method!r}; use box-cox or johnson.")
    jt = johnson(x)
    t = jt.apply(x)
    notes = [jt.statement()]

    def spec(v: float | None, name: str, below: bool) -> float | None:
        if v is None:
            return None
        if jt.inside(v):
            return float(jt.apply(v))
        bound_low = jt.eps if jt.family != "SU" else -np.inf
        if (v <= bound_low) == below:
            notes.append(f"The {name} {v:g} lies outside the range the {jt.family} "
                         "transformation reaches, so no value can fall beyond it.")
            return None
        raise OpsdeskError(f"The {name} {v:g} lies on the far side of the data's "
                           f"{jt.family} range; the Johnson transformation cannot judge it.")

    t_lsl, t_usl = spec(lsl, "LSL", True), spec(usl, "USL", False)
    t_target = float(jt.apply(target)) if target is not None and jt.inside(target) else None
    if t_lsl is None and t_usl is None:
        raise OpsdeskError("Both spec limits lie beyond the Johnson transformation's range; "
                           "there is no capability to compute.")
    s = float(np.std(t, ddof=1))
    cap = capability(t, s, t_lsl, t_usl, t_target)
    notes.append("Overall indices only: the Johnson transformation is fitted to all the "
                 "data, so it has no within-subgroup sigma.")
    text = " ".join(n if n.endswith(".") else n + "." for n in notes)
    return TransformedCapability("johnson", text, cap, False, jt, t)

"""The readable summary of a chart, as `opsdesk spc` prints it and the Data page shows it."""

from __future__ import annotations

from typing import Any

import numpy as np

from opsdesk.core.spc.capability import Capability
from opsdesk.core.spc.model import CHART_NAMES, ChartResult
from opsdesk.core.spc.rules import RULES_APPLIED

MAX_LISTED = 30


def _level(a: np.ndarray) -> str:
    finite = a[np.isfinite(a)]
    if finite.size == 0:
        return "-"
    if np.all(finite == finite[0]):
        return f"{finite[0]:.6g}"
    return f"{finite.min():.6g} to {finite.max():.6g} (varies)"


def summary_lines(result: ChartResult, cap: Capability | None,
                  capability_dict: dict[str, Any] | None = None) -> list[str]:
    lines = [f"{CHART_NAMES[result.chart]}: {result.n_points} points, "
             f"rules {RULES_APPLIED.get(result.rule_set, result.rule_set)}"]
    lines.extend(f"  {note}" for note in result.notes)
    for p in result.panels:
        if p.name == "run":  # judged by the runs analysis in the notes, not by tests
            lines.append(f"{p.title}: median {_level(p.center)}")
            continue
        lines.append(f"{p.title}: centre {_level(p.center)}, UCL {_level(p.ucl)}, "
                     f"LCL {_level(p.lcl)}")
        signals = p.signals()
        if not signals:
            lines.append("  no signals")
        for i, _tests in signals[:MAX_LISTED]:
            lines.append(f"  point {result.label(i)} ({p.values[i]:.6g}): "
                         + "; ".join(p.reasons(i)))
        if len(signals) > MAX_LISTED:
            lines.append(f"  ... and {len(signals) - MAX_LISTED} more (use --json for all)")
    for i, reason in sorted(result.exclusion_reasons.items()):
        lines.append(f"Excluded point {result.label(i)}: {reason}")
    if cap is not None:
        lines.append("Capability:")
        rows: list[tuple[str, float | None, str]] = [
            ("mean", cap.mean, ".6g"), ("sigma within", cap.sigma_within, ".6g"),
            ("sigma overall", cap.sigma_overall, ".6g"), ("Cp", cap.cp, ".3f"),
            ("Cpk", cap.cpk, ".3f"), ("Cpm", cap.cpm, ".3f"), ("Pp", cap.pp, ".3f"),
            ("Ppk", cap.ppk, ".3f"),
            ("PPM expected (within)", cap.ppm_expected_within.total, ".1f"),
            ("PPM expected (overall)", cap.ppm_expected_overall.total, ".1f"),
            ("PPM observed", cap.ppm_observed.total, ".1f"),
            ("Z.bench overall", cap.z_bench_overall, ".2f"),
        ]
        for name, value, fmt in rows:
            if value is not None:
                lines.append(f"  {name:<24}{value:{fmt}}")
        if cap.cp_ci:
            lines.append(f"  {f'Cp {cap.confidence:.0%} CI':<24}"
                         f"{cap.cp_ci[0]:.3f} to {cap.cp_ci[1]:.3f}")
        for name, interval in (("Cpk", cap.cpk_ci), ("Pp", cap.pp_ci), ("Ppk", cap.ppk_ci),
                               ("Cpm", cap.cpm_ci)):
            if interval:
                lines.append(f"  {f'{name} {cap.confidence:.0%} CI':<24}"
                             f"{interval[0]:.3f} to {interval[1]:.3f}")
        lines.extend(non_normal_lines(capability_dict or {}))
    return lines


def non_normal_lines(cap: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    transformed = cap.get("transformed")
    if transformed:
        lines.append(f"Capability after the transformation: {transformed['statement']}")
        for key, name in (("cp", "Cp"), ("cpk", "Cpk"), ("pp", "Pp"), ("ppk", "Ppk")):
            if transformed.get(key) is not None:
                lines.append(f"  {name:<24}{transformed[key]:.3f}")
    percentile = cap.get("percentile")
    if percentile:
        fits = ", ".join(f"{f['distribution']} {f['ad']:.3f}" if f["ad"] is not None
                         else f"{f['distribution']} -" for f in percentile["fits"])
        lines.append(f"Capability by the percentile method on the {percentile['distribution']} "
                     f"fit (Anderson-Darling A²: {fits})")
        for key, name in (("pp", "Pp"), ("ppl", "Ppl"), ("ppu", "Ppu"), ("ppk", "Ppk")):
            if percentile.get(key) is not None:
                lines.append(f"  {name:<24}{percentile[key]:.3f}")
        lines.append(f"  {'PPM expected':<24}{percentile['ppm_expected']['total']:.1f}")
    return lines

"""A gage study in words and aligned columns, as ``opsdesk gage`` prints it and the Data
page shows it (one text, so the two never drift apart)."""

from __future__ import annotations

from opsdesk.core.msa.agreement import AgreementResult
from opsdesk.core.msa.result import COMPONENT_NAMES, GageResult

TITLES = {"anova": "Gage R&R (crossed, ANOVA)", "xbar-r": "Gage R&R (crossed, X̄-R)",
          "nested": "Gage R&R (nested, ANOVA)"}


def study_lines(result: GageResult | AgreementResult) -> list[str]:
    if isinstance(result, AgreementResult):
        return agreement_lines(result)
    return gage_lines(result)


def gage_lines(result: GageResult) -> list[str]:
    lines = [TITLES[result.method]]
    headings = ("ANOVA with the operator × part interaction", "ANOVA used (interaction pooled)")
    for k, table in enumerate(result.anova):
        if len(result.anova) > 1:
            lines.append(f" {headings[k]}")
        lines.append(f"  {'Source':<18}{'DF':>4}{'SS':>12}{'MS':>12}{'F':>10}{'P':>8}")
        for row in table:
            f = f"{row.f:10.3f}" if row.f is not None else " " * 10
            p = f"{row.p:8.3f}" if row.p is not None else ""
            lines.append(f"  {row.source:<18}{row.df:>4}{row.ss:12.5g}{row.ms:12.5g}{f}{p}")
    head = f"  {'Source':<18}{'VarComp':>10}{'%Contr':>8}{'StudyVar':>10}{'%SV':>8}"
    if result.tolerance:
        head += f"{'%Tol':>8}"
    lines.append(head)
    for key, comp in result.components.items():
        if comp is None:
            continue
        line = (f"  {COMPONENT_NAMES[key]:<18}{comp.variance:10.5f}{comp.pct_contribution:8.2f}"
                f"{comp.study_var:10.5f}{comp.pct_study_var:8.2f}")
        if comp.pct_tolerance is not None:
            line += f"{comp.pct_tolerance:8.2f}"
        lines.append(line)
    lines.append(f"  Number of distinct categories: "
                 f"{result.ndc if result.ndc is not None else '-'}")
    lines.extend(f"  {note}" for note in result.notes)
    lines.append(result.verdict())
    return lines


def agreement_lines(result: AgreementResult) -> list[str]:
    lines = [f"Attribute agreement ({result.trials} trial{'s' if result.trials != 1 else ''})"]
    for a in result.appraisers:
        parts = [f"  {a.appraiser}:"]
        if a.within is not None:
            k = a.within_kappa.kappa if a.within_kappa is not None else None
            parts.append(f"within {a.within.matched}/{a.within.inspected} "
                         f"({a.within.percent:.1f} %), kappa "
                         f"{'-' if k is None else f'{k:.3f}'}")
        if a.vs_standard is not None:
            k = a.vs_standard_kappa.kappa if a.vs_standard_kappa is not None else None
            parts.append(f"vs standard {a.vs_standard.matched}/{a.vs_standard.inspected} "
                         f"({a.vs_standard.percent:.1f} %), kappa "
                         f"{'-' if k is None else f'{k:.3f}'}")
        lines.append(" ".join(parts))
    lines.extend(result.sentences())
    return lines

"""Attribute agreement analysis for pass/fail (or any categorical) inspections.

Laid out as Minitab's Attribute Agreement Analysis and AIAG MSA (4th ed., ch. III
section C): each appraiser rates each part one or more times, optionally against a known
standard. Reported:

- within each appraiser: the parts rated the same on every trial, and Fleiss' kappa of
  the appraiser's trials (2 or more trials);
- each appraiser against the standard: the parts rated as the standard on every trial,
  and Cohen's kappa of all the appraiser's ratings against the standard;
- between appraisers: the parts on which every rating agrees, and Fleiss' kappa of all
  the ratings of each part;
- all appraisers against the standard: the parts every rating of which is the standard.

Percentages come with exact (Clopper-Pearson) 95 % intervals, as Minitab gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.msa.kappa import Kappa, cohen_kappa, fleiss_kappa


@dataclass(frozen=True)
class Matched:
    inspected: int
    matched: int
    ci: tuple[float, float]    # percent

    @property
    def percent(self) -> float:
        return 100 * self.matched / self.inspected

    def as_dict(self) -> dict[str, Any]:
        return {"inspected": self.inspected, "matched": self.matched,
                "percent": self.percent, "ci": list(self.ci)}


@dataclass(frozen=True)
class AppraiserAgreement:
    appraiser: str
    within: Matched | None          # None with one trial
    within_kappa: Kappa | None
    vs_standard: Matched | None     # None without a standard
    vs_standard_kappa: Kappa | None


@dataclass(frozen=True)
class AgreementResult:
    appraisers: list[AppraiserAgreement]
    between: Matched
    between_kappa: Kappa
    all_vs_standard: Matched | None
    trials: int
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def opt(x: Matched | Kappa | None) -> dict[str, Any] | None:
            return x.as_dict() if x is not None else None

        return {
            "method": "attribute",
            "trials": self.trials,
            "appraisers": [{"appraiser": a.appraiser, "within": opt(a.within),
                            "within_kappa": opt(a.within_kappa),
                            "vs_standard": opt(a.vs_standard),
                            "vs_standard_kappa": opt(a.vs_standard_kappa)}
                           for a in self.appraisers],
            "between": self.between.as_dict(), "between_kappa": self.between_kappa.as_dict(),
            "all_vs_standard": opt(self.all_vs_standard),
        }

    def sentences(self) -> list[str]:
        out = [f"Between appraisers, every rating agrees on {self.between.matched} of "
               f"{self.between.inspected} parts ({self.between.percent:.1f} %), Fleiss' kappa "
               f"{_k(self.between_kappa)}."]
        if self.all_vs_standard is not None:
            m = self.all_vs_standard
            out.append(f"Every rating matches the standard on {m.matched} of {m.inspected} "
                       f"parts ({m.percent:.1f} %).")
        return out


def _k(k: Kappa) -> str:
    return "undefined (one category only)" if k.kappa is None else f"{k.kappa:.3f}"


def _matched(inspected: int, matched: int) -> Matched:
    from scipy.stats import binomtest

    ci = binomtest(matched, inspected).proportion_ci(0.95, method="exact")
    return Matched(inspected, matched, (100 * float(ci.low), 100 * float(ci.high)))


def attribute_agreement(parts: Sequence[str], appraisers: Sequence[str],
                        ratings: Sequence[str], standard: Sequence[str] | None = None
                        ) -> AgreementResult:
    """One row per rating: its part, its appraiser, the rating and (optionally) the part's
    standard (the same on every row of a part)."""
    if not (len(parts) == len(appraisers) == len(ratings)) or not ratings:
        raise OpsdeskError("The part, appraiser and rating columns differ in length or "
                           "are empty.")
    cells: dict[tuple[str, str], list[str]] = {}
    std: dict[str, str] = {}
    for i, (part, who, rating) in enumerate(zip(parts, appraisers, ratings, strict=True)):
        if not rating:
            raise OpsdeskError(f"Rating {i + 1} (part {part!r}, appraiser {who!r}) is empty.")
        cells.setdefault((who, part), []).append(rating)
        if standard is not None and std.setdefault(part, standard[i]) != standard[i]:
            raise OpsdeskError(f"Part {part!r} has two standards, {std[part]!r} and "
                               f"{standard[i]!r}.")
    who_list = list(dict.fromkeys(appraisers))
    part_list = list(dict.fromkeys(parts))
    for who in who_list:
        for part in part_list:
            if (who, part) not in cells:
                raise OpsdeskError(f"Appraiser {who!r} did not rate part {part!r}; every "
                                   "appraiser must rate every part.")
    trial_counts = {len(v) for v in cells.values()}
    if len(trial_counts) != 1:
        raise OpsdeskError("Every appraiser must rate every part the same number of times.")
    trials = trial_counts.pop()
    if len(who_list) * trials < 2:
        raise OpsdeskError("Agreement needs two appraisers, or two trials of one.")
    rows: list[AppraiserAgreement] = []
    for who in who_list:
        own = [cells[(who, p)] for p in part_list]
        within = within_k = None
        if trials > 1:
            within = _matched(len(part_list), sum(len(set(r)) == 1 for r in own))
            within_k = fleiss_kappa(own)
        vs = vs_k = None
        if standard is not None:
            vs = _matched(len(part_list), sum(all(x == std[p] for x in r)
                                              for p, r in zip(part_list, own, strict=True)))
            flat = [x for r in own for x in r]
            ref = [std[p] for p, r in zip(part_list, own, strict=True) for _ in r]
            vs_k = cohen_kappa(flat, ref)
        rows.append(AppraiserAgreement(who, within, within_k, vs, vs_k))
    every = [[x for who in who_list for x in cells[(who, p)]] for p in part_list]
    between = _matched(len(part_list), sum(len(set(r)) == 1 for r in every))
    all_std = None
    if standard is not None:
        all_std = _matched(len(part_list), sum(all(x == std[p] for x in r)
                                               for p, r in zip(part_list, every, strict=True)))
    return AgreementResult(rows, between, fleiss_kappa(every), all_std, trials)

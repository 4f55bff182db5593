"""A glossary of what the engine reports: the eight tests for special causes, every
capability index, every measurement-system figure. Plain data the UI and the PDF can
show beside a chart, a tooltip or a scorecard flag; the test of this module checks it
covers every test number and every figure the engine puts in its results.

Keys are the names the results use (``Capability.as_dict``, ``GageResult.as_dict``,
``Component.as_dict``; ``test-1`` ... ``test-8`` for the tests).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str
    name: str
    definition: str   # one paragraph
    formula: str      # as text, the symbols defined in the definition


def _t(key: str, name: str, definition: str, formula: str) -> Term:
    return Term(key, name, definition, formula)


TESTS = (
    _t("test-1", "Test 1: a point beyond the limits",
       "One point more than K standard deviations (3 by default) from the centre line: the "
       "classic signal of a special cause, a single large shift or an error.",
       "|x_i − CL| > K·σ"),
    _t("test-2", "Test 2: a run on one side",
       "K points in a row (9 by default) on the same side of the centre line: the process "
       "mean has probably shifted. A point on the centre line ends the run.",
       "x_(i−K+1) … x_i all > CL, or all < CL"),
    _t("test-3", "Test 3: a trend",
       "K points in a row (6 by default) all increasing or all decreasing: a drift such as "
       "tool wear or a warming machine. Equal neighbours break the trend.",
       "x_(i−K+1) < … < x_i, or x_(i−K+1) > … > x_i"),
    _t("test-4", "Test 4: alternation",
       "K points in a row (14 by default) alternating up and down: two sources fed in turn "
       "(two machines, two shifts) or over-adjustment.",
       "signs of x_j − x_(j−1) alternate over K points"),
    _t("test-5", "Test 5: 2 of 3 beyond 2σ",
       "K out of K + 1 points (2 of 3 by default) more than 2 standard deviations from the "
       "centre line on the same side: a moderate shift shows here before test 1.",
       "K of the last K + 1 points with x − CL > 2σ (or < −2σ)"),
    _t("test-6", "Test 6: 4 of 5 beyond 1σ",
       "K out of K + 1 points (4 of 5 by default) more than 1 standard deviation from the "
       "centre line on the same side: a small sustained shift.",
       "K of the last K + 1 points with x − CL > σ (or < −σ)"),
    _t("test-7", "Test 7: hugging the centre line",
       "K points in a row (15 by default) within 1 standard deviation of the centre line, "
       "either side: less variation than the limits assume, often stratified subgroups or "
       "limits computed from another process.",
       "|x_j − CL| ≤ σ for K points in a row"),
    _t("test-8", "Test 8: avoiding the centre",
       "K points in a row (8 by default) more than 1 standard deviation from the centre "
       "line, either side: a mixture of two processes.",
       "|x_j − CL| > σ for K points in a row"),
)

CAPABILITY = (
    _t("n", "Number of values", "The measurements the indices are computed from.", "n"),
    _t("mean", "Mean", "The average of the measurements, the process location.",
       "x̄ = Σx / n"),
    _t("sigma_within", "σ within",
       "The short-term standard deviation, estimated from the variation inside subgroups "
       "(or between neighbouring points) on the control chart: what the process could do "
       "without shifts between subgroups.",
       "R̄/d2, S̄/c4, pooled S/c4, or MR̄/d2(2)"),
    _t("sigma_overall", "σ overall",
       "The long-term standard deviation of all the measurements, shifts included.",
       "s = √(Σ(x − x̄)² / (n − 1))"),
    _t("lsl", "Lower spec limit (LSL)", "The smallest value the customer accepts.", "LSL"),
    _t("usl", "Upper spec limit (USL)", "The largest value the customer accepts.", "USL"),
    _t("target", "Target", "The value the process should aim at; by default the middle of "
       "the specs.", "T = (LSL + USL) / 2 unless given"),
    _t("cp", "Cp", "Potential capability: the spec width over the process's short-term "
       "spread, as if the process were centred. 1.33 or more is the usual requirement.",
       "Cp = (USL − LSL) / (6 σ within)"),
    _t("cpl", "Cpl", "Short-term capability against the lower spec only.",
       "Cpl = (x̄ − LSL) / (3 σ within)"),
    _t("cpu", "Cpu", "Short-term capability against the upper spec only.",
       "Cpu = (USL − x̄) / (3 σ within)"),
    _t("cpk", "Cpk", "Short-term capability where the process is: the nearer spec limit "
       "in units of three short-term standard deviations. Cpk below Cp means the process "
       "is off centre.", "Cpk = min(Cpl, Cpu)"),
    _t("cpm", "Cpm", "The Taguchi index: capability that penalises distance from the "
       "target as well as spread.",
       "Cpm = min(T − LSL, USL − T) / (3 √(Σ(x − T)² / (n − 1)))"),
    _t("pp", "Pp", "Overall performance: the spec width over the long-term spread of all "
       "the data. By the percentile method for a fitted non-normal distribution, the "
       "0.135 % to 99.865 % range replaces 6σ.",
       "Pp = (USL − LSL) / (6 σ overall);  percentile: (USL − LSL) / (X99.865 − X0.135)"),
    _t("ppl", "Ppl", "Overall performance against the lower spec only.",
       "Ppl = (x̄ − LSL) / (3 σ overall);  percentile: (X50 − LSL) / (X50 − X0.135)"),
    _t("ppu", "Ppu", "Overall performance against the upper spec only.",
       "Ppu = (USL − x̄) / (3 σ overall);  percentile: (USL − X50) / (X99.865 − X50)"),
    _t("ppk", "Ppk", "Overall performance where the process is: the nearer spec in units "
       "of three long-term standard deviations; what the customer received.",
       "Ppk = min(Ppl, Ppu)"),
    _t("ppm_expected_within", "Expected PPM (within)",
       "Parts per million expected outside the specs if the process ran with its "
       "short-term spread around its mean (normal distribution).",
       "10⁶ (Φ((LSL − x̄)/σw) + 1 − Φ((USL − x̄)/σw))"),
    _t("ppm_expected_overall", "Expected PPM (overall)",
       "Parts per million expected outside the specs from the long-term spread (normal, "
       "or the fitted distribution's tails).",
       "10⁶ (F(LSL) + 1 − F(USL))"),
    _t("ppm_observed", "Observed PPM", "Parts per million of the measurements that fell "
       "outside the specs.", "10⁶ × count(x < LSL or x > USL) / n"),
    _t("z_bench_within", "Z.bench (within)", "The normal quantile of the total expected "
       "fraction out of spec with the short-term sigma: one number for both tails.",
       "Z.bench = Φ⁻¹(1 − PPM within / 10⁶)"),
    _t("z_bench_overall", "Z.bench (overall)", "As Z.bench within, with the long-term "
       "sigma.", "Z.bench = Φ⁻¹(1 − PPM overall / 10⁶)"),
    _t("sigma_level", "Sigma level", "Z.bench overall plus the customary 1.5σ long-term "
       "shift of Six Sigma practice.", "Z.bench overall + 1.5"),
    _t("confidence", "Confidence level", "The confidence of the intervals around the "
       "indices.", "1 − α"),
    _t("cp_ci", "Confidence interval of Cp", "Where Cp lies, given the sampling error of "
       "σ within (chi-square).", "Cp √(χ²(α/2; ν)/ν) … Cp √(χ²(1 − α/2; ν)/ν)"),
    _t("cpk_ci", "Confidence interval of Cpk", "Bissell's normal approximation.",
       "Cpk ± z(1 − α/2) √(1/(9n) + Cpk² / (2ν))"),
    _t("pp_ci", "Confidence interval of Pp", "As for Cp, with ν = n − 1.",
       "Pp √(χ²(α/2; n − 1)/(n − 1)) … Pp √(χ²(1 − α/2; n − 1)/(n − 1))"),
    _t("ppk_ci", "Confidence interval of Ppk", "Bissell's approximation with ν = n − 1.",
       "Ppk ± z(1 − α/2) √(1/(9n) + Ppk² / (2(n − 1)))"),
    _t("cpm_ci", "Confidence interval of Cpm", "Boyles' chi-square approximation, its "
       "degrees of freedom shrinking as the mean leaves the target.",
       "Cpm √(χ²(α/2; ν)/ν) … , ν = n (1 + d²)² / (1 + 2d²), d = (x̄ − T)/s"),
)

MSA = (
    _t("repeatability", "Repeatability (equipment variation, EV)",
       "The variation when the same operator measures the same part again with the same "
       "gauge: the gauge's own noise.", "σ²_repeat = MS_error (ANOVA);  EV = R̿ / d2"),
    _t("reproducibility", "Reproducibility (appraiser variation, AV)",
       "The variation between operators measuring the same parts: the operators' "
       "differences plus their operator × part interaction.",
       "σ²_repro = σ²_operator + σ²_operator×part"),
    _t("operator", "Operator", "The variation of the operators' averages.",
       "σ²_O = (MS_O − MS_OP) / (p r);  AV = √((X̄diff / d2*)² − EV² / (p r))"),
    _t("operator_x_part", "Operator × part interaction",
       "Operators measuring some parts differently from others. When its p-value is above "
       "0.25 it is pooled into repeatability (AIAG).", "σ²_OP = (MS_OP − MS_E) / r"),
    _t("gage_rr", "Total gage R&R", "The measurement system's variation: repeatability "
       "plus reproducibility.", "σ²_GRR = σ²_repeat + σ²_repro"),
    _t("part", "Part-to-part", "The variation between the parts themselves, what the "
       "gauge is meant to see.", "σ²_P = (MS_P − MS_OP) / (o r);  PV = Rp / d2*(p)"),
    _t("total", "Total variation", "Gage R&R plus part-to-part.",
       "σ²_total = σ²_GRR + σ²_part"),
    _t("variance", "Variance component", "The estimated variance of a source (negative "
       "estimates are set to 0).", "from the expected mean squares"),
    _t("pct_contribution", "% contribution", "A source's share of the total variance; the "
       "shares add up to 100 %.", "100 σ²_source / σ²_total"),
    _t("study_var", "Study variation", "Six standard deviations of a source, the spread "
       "holding 99.73 % of its values.", "6 σ_source"),
    _t("pct_study_var", "% study variation", "A source's standard deviation over the "
       "total's. AIAG: gage R&R under 10 % is acceptable, 10 % to 30 % may be, over 30 % "
       "is not.", "100 σ_source / σ_total"),
    _t("pct_tolerance", "% tolerance", "A source's study variation over the tolerance: "
       "how much of the spec width the gauge uses up.", "100 × 6 σ_source / (USL − LSL)"),
    _t("ndc", "Number of distinct categories", "How many groups of parts the gauge can "
       "tell apart within the parts' spread; AIAG asks for 5 or more.",
       "ndc = ⌊√2 σ_part / σ_GRR⌋ (AIAG: 1.41 PV / GRR)"),
    _t("interaction_p", "Interaction p-value", "The ANOVA p-value of the operator × part "
       "interaction.", "P(F > MS_OP / MS_E)"),
    _t("interaction_pooled", "Interaction pooled", "Whether the interaction was pooled "
       "into repeatability (its p-value above 0.25).", "p > 0.25"),
    _t("kappa", "Kappa", "Agreement between ratings beyond what chance gives: 1 perfect, "
       "0 no better than chance (Cohen's for two ratings, Fleiss' for several).",
       "κ = (P_observed − P_chance) / (1 − P_chance)"),
)

GLOSSARY: tuple[Term, ...] = TESTS + CAPABILITY + MSA
_BY_KEY = {t.key: t for t in GLOSSARY}


def term(key: str) -> Term:
    """The entry for a result key (``cpk``, ``ndc``) or a test (``test-5``)."""
    return _BY_KEY[key]


def rule_term(number: int) -> Term:
    return _BY_KEY[f"test-{number}"]

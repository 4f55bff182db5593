"""Hypothesis tests and descriptive statistics through scipy.stats, each result typed and
worded as one sentence (``TestResult.sentence``).

Means: ``one_sample_t``, ``two_sample_t`` (Welch's unless equal variances are assumed,
Minitab's default), ``paired_t``. Groups: ``one_way_anova`` with Tukey's comparisons,
``levene``, ``mann_whitney``. Counts: ``two_proportions``, ``chi_square``. Columns:
``describe`` (with the Anderson-Darling normality test).
"""

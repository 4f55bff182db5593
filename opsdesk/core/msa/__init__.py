"""Measurement systems analysis: gage R&R (crossed by ANOVA or X̄-R, nested) and
attribute agreement (kappa), each result with its charts as ChartSpecs.

Entry points: ``gage_study`` (the balanced study from part, operator and value
columns), ``crossed_anova``, ``crossed_xbar_r``, ``nested_anova``, ``gage_charts`` and
``attribute_agreement``. scipy is imported where a computation needs it.
"""

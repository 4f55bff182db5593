"""KPI tracking: definitions, targets over time, status, forecasts, alerts, packs.

Entry points: ``scorecard.compute_statuses`` (the status of every KPI as of a date),
``bowling.bowling``, ``trend_spec.trend_spec`` (the trend ChartSpec), ``alerts.raise_alerts``
and the commands in ``commands``, ``observations`` and ``packs``.
"""

"""The KPI views: scorecard model, sparklines, bowling chart, detail, dialogs, alerts."""

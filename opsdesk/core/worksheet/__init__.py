"""Worksheets: columns pasted or opened from a file, kept in the workspace, charted
without making a KPI (the Data page)."""

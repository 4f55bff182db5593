"""Widgets of the Control charts page: capability panel, Pareto view, indices model."""

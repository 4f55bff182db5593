"""opsdesk: offline workbench for operations excellence."""

__version__ = "0.1.0"

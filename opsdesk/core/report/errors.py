"""Errors of the report build."""

from __future__ import annotations

from opsdesk.core.errors import Cancelled


class BuildCancelled(Cancelled):
    """The user cancelled the build; nothing was written."""

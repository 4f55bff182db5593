"""Errors of the report build."""

from __future__ import annotations

from opsdesk.core.errors import OpsdeskError


class BuildCancelled(OpsdeskError):
    """The user cancelled the build; nothing was written."""

"""The Help menu's glossary for ``opsdesk shot``: at a test, and searched for an index."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QWidget


def help_states(window: QWidget) -> Iterator[tuple[str, QWidget]]:
    """The glossary at test 2, then filtered to the Cpk terms, as its window is shown."""
    show = getattr(window, "show_glossary", None)
    if show is None:
        return
    glossary = show("test-2")
    yield "glossary", glossary
    glossary.search.setText("cpk")
    glossary.show_term("cpk")
    yield "glossary-search", glossary
    glossary.search.clear()
    glossary.close()

"""The PDF operations review (reportlab): ``build.build_report`` is the entry point.

Sections register themselves (``registry``); charts are ChartSpecs drawn as vectors
(``chart_render``); user text goes through ``text`` before reportlab sees it.
"""

from __future__ import annotations


def _fast_shapes() -> None:
    """Skip reportlab's per-attribute validation of graphics shapes: our charts are built
    by code, and validation took half the chart drawing time. It is read when
    ``reportlab.graphics.shapes`` is first imported, so it is set here, before that."""
    import sys

    if "reportlab.graphics.shapes" not in sys.modules:
        from reportlab import rl_config

        rl_config.shapeChecking = 0


_fast_shapes()

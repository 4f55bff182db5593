"""The app's resources (icons, fonts, KPI packs): the one way to find their files.

The source of truth is the top-level ``resources/`` folder of the project. A wheel, an
sdist build and the desktop bundle ship it inside the package as ``opsdesk/resources``
(``setup.py`` copies it there; ``packaging/opsdesk.spec`` collects it there), where
``importlib.resources`` finds it installed and frozen alike. A source checkout or an
editable install has no such folder inside the package, so the checkout's own
``resources/`` is used instead.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def resource(*parts: str) -> Traversable:
    """A file or folder under ``resources/``: ``resource("fonts", "DejaVuSans.ttf")``."""
    found = _root()
    for part in parts:
        found = found / part
    return found


@cache
def _root() -> Traversable:
    shipped = files("opsdesk") / "resources"
    if shipped.is_dir():  # a wheel, an installed sdist, the frozen bundle
        return shipped
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():  # a source checkout, an editable install
        return checkout
    raise FileNotFoundError(
        f"opsdesk's resources are missing: neither {shipped} nor {checkout} exists; "
        "reinstall opsdesk."
    )

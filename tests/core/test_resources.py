"""opsdesk.core.resources: the one way to the icons, fonts and KPI packs.

An installed wheel is tested in tests/packaging/test_wheel.py; here, the source checkout.
"""

from __future__ import annotations

from pathlib import Path

from opsdesk.core.kpi.packs import PACKS
from opsdesk.core.report.fonts import _FILES
from opsdesk.core.resources import resource

ROOT = Path(__file__).resolve().parents[2]


def test_a_checkout_reads_the_top_level_resources_folder() -> None:
    # The one source: no copy inside the package shadows it (the build adds that copy).
    assert not (ROOT / "opsdesk" / "resources").exists()
    assert Path(str(resource())) == ROOT / "resources"
    svg = resource("icons", "opsdesk.svg")
    assert svg.read_bytes() == (ROOT / "resources" / "icons" / "opsdesk.svg").read_bytes()


def test_every_pack_and_font_the_code_names_is_there() -> None:
    for pack in PACKS:
        assert resource("kpi_packs", f"{pack}.json").is_file(), pack
    for file_name in _FILES.values():
        assert resource("fonts", file_name).is_file(), file_name

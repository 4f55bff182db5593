"""The sdist and the wheel, built from this tree, ship resources/ and find it installed.

The build runs on a copy of the files it needs (so the checkout gets no build/ or
egg-info), with the venv's setuptools and no download (``python -m build --no-isolation``:
sdist first, then the wheel from that sdist, as an installer would). The wheel is then
installed into a bare folder and used from a Python started outside the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
# What the build reads: pyproject.toml names README.md; setup.py and MANIFEST.in add resources/.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "opsdesk", "resources")


def resource_names() -> set[str]:
    """Every file under the top-level resources/, as a path relative to it."""
    return {p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel), built from a copy of the tree."""
    base = tmp_path_factory.mktemp("build")
    source = base / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(path, source / name)
    out = base / "out"
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                             str(out), str(source)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


def test_the_wheel_ships_every_resource_as_opsdesk_resources(built: tuple[Path, Path]) -> None:
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    shipped = {n.removeprefix("opsdesk/resources/") for n in names
               if n.startswith("opsdesk/resources/") and not n.endswith("/")}
    assert shipped == resource_names()
    assert not any(n.startswith("resources/") for n in names)  # no top-level package
    # The resources are part of the installed files (pip uninstall removes them).
    record = next(n for n in names if n.endswith(".dist-info/RECORD"))
    with zipfile.ZipFile(wheel) as archive:
        recorded = {line.split(",")[0] for line in archive.read(record).decode().splitlines()}
    assert {f"opsdesk/resources/{n}" for n in resource_names()} <= recorded


def test_the_sdist_carries_the_top_level_resources(built: tuple[Path, Path]) -> None:
    sdist, _ = built
    with tarfile.open(sdist) as archive:
        names = [m.name.split("/", 1)[1] for m in archive.getmembers() if m.isfile()]
    assert {n.removeprefix("resources/") for n in names if n.startswith("resources/")} == (
        resource_names())
    assert "setup.py" in names


PROBE = """
import json, sys
import opsdesk
from opsdesk.core.resources import resource
from opsdesk.core.kpi.packs import load_pack
from opsdesk.core.report import fonts
from opsdesk.ui.app import make_app
from reportlab.pdfbase import pdfmetrics

fonts.register()
icon = make_app().windowIcon().pixmap(64, 64).toImage()
print(json.dumps({
    "package": opsdesk.__file__,
    "root": str(resource()),
    "lean": [k["name"] for k in load_pack("lean")["kpis"]],
    "font": pdfmetrics.getFont(fonts.BODY).face.name.decode(),
    "han_bytes": len(fonts.font_bytes("DroidSansFallback-Han.ttf")),
    "icon": [icon.width(), icon.height(), icon.pixelColor(32, 32).alpha(),
             icon.pixelColor(1, 1).alpha()],
}))
"""


def test_the_installed_wheel_finds_packs_fonts_and_icon(built: tuple[Path, Path],
                                                         tmp_path: Path) -> None:
    _, wheel = built
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", "--target", str(site), str(wheel)], check=True,
                   capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen",
           "OPSDESK_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    # The installed copy is the one imported and read, not the source tree.
    assert Path(found["package"]).is_relative_to(site)
    assert found["root"] == str(site / "opsdesk" / "resources")
    source_pack = json.loads((RESOURCES / "kpi_packs" / "lean.json").read_text("utf-8"))
    assert found["lean"] == [k["name"] for k in source_pack["kpis"]]
    assert found["font"] == "DejaVuSans"  # the PostScript name in resources/fonts/DejaVuSans.ttf
    assert found["han_bytes"] == (RESOURCES / "fonts" / "DroidSansFallback-Han.ttf").stat().st_size
    # The icon drew at 64 x 64: resources/icons/opsdesk.svg is an opaque tile with rounded
    # corners (rx 52 of 256), so its middle is opaque and its corner clear.
    assert found["icon"] == [64, 64, 255, 0]

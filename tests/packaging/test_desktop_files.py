"""The desktop integration files, and installing a bundle by the XDG rules."""

from __future__ import annotations

import configparser
import os
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import install_desktop  # noqa: E402

MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_the_desktop_entry_runs_the_bundles_command_and_names_a_defined_type() -> None:
    desktop = entry(PACKAGING / "opsdesk.desktop")
    assert desktop["Exec"] == "opsdesk open %f"  # the bundle's one executable
    assert desktop["Icon"] == "opsdesk"
    [mime_type] = [t for t in desktop["MimeType"].split(";") if t]
    defined = ET.parse(PACKAGING / "opsdesk-mime.xml").getroot().find(f"{MIME}mime-type")
    assert defined is not None and defined.get("type") == mime_type
    metainfo = ET.parse(PACKAGING / "org.opsdesk.opsdesk.metainfo.xml").getroot()
    assert metainfo.findtext("launchable") == "opsdesk.desktop"
    assert metainfo.findtext("provides/mediatype") == mime_type


def test_the_mime_magic_matches_a_new_workspace(tmp_path: Path) -> None:
    from opsdesk.core.workspace import Workspace

    path = tmp_path / "plain-name"  # no .opsdesk suffix: found by content
    Workspace.open(path, create=True).close()
    head = path.read_bytes()[:100]
    mime_type = ET.parse(PACKAGING / "opsdesk-mime.xml").getroot().find(f"{MIME}mime-type")
    assert mime_type is not None
    assert mime_type.find(f"{MIME}glob").get("pattern") == "*.opsdesk"  # type: ignore[union-attr]
    outer = mime_type.find(f"{MIME}magic/{MIME}match")
    assert outer is not None and outer.get("type") == "string"
    start = int(outer.get("offset", "0"))
    value = outer.get("value", "").encode()
    assert head[start:start + len(value)] == value
    inner = outer.find(f"{MIME}match")
    assert inner is not None and inner.get("type") == "big32"
    offset = int(inner.get("offset", "0"))
    assert int.from_bytes(head[offset:offset + 4], "big") == int(inner.get("value", ""), 16)


def test_every_icon_size_is_there() -> None:
    theme = PACKAGING / "icons" / "hicolor"
    for kind, name in (("apps", "opsdesk"), ("mimetypes", "application-x-opsdesk-workspace")):
        assert (theme / "scalable" / kind / f"{name}.svg").is_file()
        for size in (16, 24, 32, 48, 64, 128, 256, 512):
            png = theme / f"{size}x{size}" / kind / f"{name}.png"
            data = png.read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n", png
            # IHDR width and height: the size the folder says
            assert int.from_bytes(data[16:20], "big") == size == int.from_bytes(data[20:24], "big")
    svg = ROOT / "resources" / "icons" / "opsdesk.svg"
    assert (theme / "scalable" / "apps" / "opsdesk.svg").read_bytes() == svg.read_bytes()


def fake_bundle(folder: Path) -> Path:
    """A bundle laid out as the spec lays it out, with a stand-in executable."""
    bundle = folder / "dist" / "opsdesk"
    bundle.mkdir(parents=True)
    executable = bundle / "opsdesk"
    executable.write_text("#!/bin/sh\necho opsdesk \"$@\"\n")
    executable.chmod(executable.stat().st_mode | stat.S_IXUSR)
    share = bundle / "_internal" / "share"
    for source, target in install_desktop.desktop_files():
        (share / target).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, share / target / source.name)
    return bundle


def test_install_and_uninstall_by_the_xdg_rules(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path / "build folder")
    home = tmp_path / "home with space" / ".local" / "share"
    env = {**os.environ, "HOME": str(tmp_path / "home with space")}
    env.pop("XDG_DATA_HOME", None)
    result = subprocess.run([sys.executable, str(PACKAGING / "install_desktop.py"), str(bundle)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    app = home / "opsdesk" / "app" / "opsdesk"
    assert os.access(app, os.X_OK)
    desktop = entry(home / "applications" / "opsdesk.desktop")
    assert desktop["Exec"] == f'"{app}" open %f'  # quoted: the path has a space
    assert desktop["TryExec"] == str(app)
    assert (home / "mime" / "packages" / "opsdesk.xml").is_file()
    assert (home / "metainfo" / "org.opsdesk.opsdesk.metainfo.xml").is_file()
    assert (home / "icons" / "hicolor" / "48x48" / "apps" / "opsdesk.png").is_file()
    assert (home / "icons" / "hicolor" / "scalable" / "mimetypes"
            / "application-x-opsdesk-workspace.svg").is_file()
    if shutil.which("update-mime-database"):  # the cache desktops read was rebuilt
        assert (home / "mime" / "application" / "x-opsdesk-workspace.xml").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(home / "applications"
                                                              / "opsdesk.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0 and "error" not in check.stdout, check.stdout
    removed = subprocess.run([sys.executable, str(PACKAGING / "install_desktop.py"),
                              "--uninstall"], env=env, capture_output=True, text=True)
    assert removed.returncode == 0, removed.stderr
    assert not (home / "opsdesk").exists()
    assert not (home / "applications" / "opsdesk.desktop").exists()
    assert not list((home / "icons").rglob("*opsdesk*.*"))


@pytest.mark.parametrize(("environ", "expected"), [
    ({"XDG_DATA_HOME": "/data/me", "HOME": "/home/me"}, "/data/me"),
    ({"XDG_DATA_HOME": "", "HOME": "/home/me"}, "/home/me/.local/share"),
    ({"XDG_DATA_HOME": "relative/dir", "HOME": "/home/me"}, "/home/me/.local/share"),
])
def test_data_home_follows_the_base_directory_spec(environ: dict[str, str],
                                                   expected: str) -> None:
    assert install_desktop.data_home(environ) == Path(expected)


def test_install_refuses_a_folder_that_is_not_a_bundle(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(PACKAGING / "install_desktop.py"),
                             str(tmp_path), "--data-home", str(tmp_path / "share")],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "not a built opsdesk bundle" in result.stderr
    assert not (tmp_path / "share").exists()

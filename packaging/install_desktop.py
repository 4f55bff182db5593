"""Install a built bundle for the current user, by the XDG rules: the app in the menu,
its icon, the workspace file type, and .opsdesk files opening in it on double-click.

``python packaging/install_desktop.py dist/opsdesk`` (``make install-desktop``) copies
the bundle to $XDG_DATA_HOME/opsdesk/app (default ~/.local/share) and puts the desktop
entry, icons, MIME type and AppStream metainfo from the bundle's share/ folder where
desktops look for them, then refreshes the caches whose tools are installed.
``--uninstall`` takes all of it away again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DESKTOP_ID = "opsdesk.desktop"
MIME_FILE = "opsdesk.xml"
METAINFO = "org.opsdesk.opsdesk.metainfo.xml"


def desktop_files(packaging: Path = HERE) -> list[tuple[Path, str]]:
    """(file in the repository, folder under share/) for everything a desktop needs.

    The PyInstaller spec ships these in the bundle; this script installs them from there.
    """
    files = [
        (packaging / "opsdesk.desktop", "applications"),
        (packaging / METAINFO, "metainfo"),
        (packaging / "opsdesk-mime.xml", "mime/packages"),
    ]
    theme = packaging / "icons" / "hicolor"
    for icon in sorted(theme.rglob("*")):
        if icon.is_file() and icon.suffix in (".png", ".svg"):
            files.append((icon, f"icons/hicolor/{icon.parent.relative_to(theme).as_posix()}"))
    return files


def data_home(environ: dict[str, str]) -> Path:
    """$XDG_DATA_HOME when set to an absolute path, else ~/.local/share (XDG base dirs)."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(environ.get("HOME") or Path.home()) / ".local" / "share"


def desktop_quote(path: Path) -> str:
    """``path`` as an Exec= argument (Desktop Entry spec: quoted, \\ " ` $ escaped)."""
    text = str(path)
    if not any(c in text for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return text
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in text)
    return f'"{escaped}"'


def entry_for(template: str, executable: Path) -> str:
    """The desktop entry with Exec= and TryExec= pointing at the installed executable."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            args = line.partition(" ")[2]
            line = f"Exec={desktop_quote(executable)} {args}".rstrip()
        elif line.startswith("TryExec="):
            line = f"TryExec={executable}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def targets(home: Path) -> dict[str, Path]:
    return {
        "app": home / "opsdesk" / "app",
        "applications": home / "applications" / DESKTOP_ID,
        "metainfo": home / "metainfo" / METAINFO,
        "mime": home / "mime" / "packages" / MIME_FILE,
        "icons": home / "icons" / "hicolor",
    }


def install(bundle: Path, home: Path) -> list[Path]:
    executable = bundle / "opsdesk"
    share = bundle / "_internal" / "share"  # PyInstaller 6 keeps data in _internal
    if not executable.is_file() or not share.is_dir():
        raise SystemExit(f"{bundle} is not a built opsdesk bundle (run make dist first).")
    where = targets(home)
    app = where["app"]
    fresh = app.with_name("app.new")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(bundle, fresh, symlinks=True)
    shutil.rmtree(app, ignore_errors=True)
    fresh.rename(app)
    written = [app]
    entry = (share / "applications" / DESKTOP_ID).read_text(encoding="utf-8")
    written.append(_write(where["applications"], entry_for(entry, app / "opsdesk")))
    written.append(_copy(share / "metainfo" / METAINFO, where["metainfo"]))
    written.append(_copy(share / "mime" / "packages" / "opsdesk-mime.xml", where["mime"]))
    theme = share / "icons" / "hicolor"
    for icon in sorted(theme.rglob("*")):
        if icon.is_file():
            written.append(_copy(icon, where["icons"] / icon.relative_to(theme)))
    refresh(home)
    return written


def uninstall(home: Path) -> list[Path]:
    where = targets(home)
    removed: list[Path] = []
    if where["app"].exists():
        shutil.rmtree(where["app"])
        removed.append(where["app"])
    if where["app"].parent.is_dir() and not any(where["app"].parent.iterdir()):
        where["app"].parent.rmdir()
    for key in ("applications", "metainfo", "mime"):
        if where[key].exists():
            where[key].unlink()
            removed.append(where[key])
    for icon in where["icons"].rglob("*"):
        if icon.is_file() and icon.stem in ("opsdesk", "application-x-opsdesk-workspace"):
            icon.unlink()
            removed.append(icon)
    refresh(home)
    return removed


def refresh(home: Path) -> None:
    """Rebuild the caches desktops read, with whichever of the tools are installed."""
    for command in (
        ["update-mime-database", str(home / "mime")],
        ["update-desktop-database", str(home / "applications")],
        ["gtk-update-icon-cache", "--force", "--ignore-theme-index", str(home / "icons/hicolor")],
    ):
        if shutil.which(command[0]) and Path(command[-1]).is_dir():
            subprocess.run(command, check=False, capture_output=True)


def _write(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, nargs="?", default=Path("dist/opsdesk"))
    parser.add_argument("--data-home", type=Path, help="instead of $XDG_DATA_HOME")
    parser.add_argument("--uninstall", action="store_true")
    args = parser.parse_args(argv)
    home = args.data_home or data_home(dict(os.environ))
    if args.uninstall:
        removed = uninstall(home)
        print(f"Removed opsdesk from {home} ({len(removed)} files and folders).")
        return 0
    install(args.bundle.resolve(), home)
    print(f"Installed opsdesk in {home / 'opsdesk' / 'app'}; it is in your desktop's menu "
          f"and opens .opsdesk files. (Remove it with {Path(sys.argv[0]).name} --uninstall.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

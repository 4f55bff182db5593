"""The system libraries Qt's xcb platform plugin loads, and the command that installs them.

PySide6's wheels carry Qt but not these X11 libraries. Without one of them (often
libxcb-cursor0, libxcb-icccm4 or libxcb-keysyms1 on a fresh Debian or Ubuntu) Qt cannot
load the plugin and aborts the process with a core dump, so opsdesk looks before Qt
starts. The list is the plugin's own (``readelf -d`` of libqxcb.so and libQt6XcbQpa.so).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

# soname -> the package that provides it for apt (Debian, Ubuntu), dnf (Fedora, RHEL),
# pacman (Arch) and zypper (openSUSE).
LIBRARIES: dict[str, tuple[str, str, str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor",
                           "libxcb-cursor0"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm", "libxcb-icccm4"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms",
                            "libxcb-keysyms1"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image",
                          "libxcb-image0"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil",
                                "xcb-util-renderutil", "libxcb-render-util0"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util", "libxcb-util1"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb", "libxcb-randr0"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb", "libxcb-shape0"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb", "libxcb-shm0"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb", "libxcb-sync1"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb", "libxcb-xfixes0"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb", "libxcb-render0"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb", "libxcb-xkb1"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb", "libxcb1"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11", "libX11-xcb1"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11", "libX11-6"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon", "libxkbcommon0"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11",
                              "libxkbcommon-x11-0"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd", "libGL1"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2", "libglib-2_0-0"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2", "glib2", "libgthread-2_0-0"),
}
MANAGERS = ("apt", "dnf", "pacman", "zypper")
INSTALL = {"apt": "sudo apt install", "dnf": "sudo dnf install",
           "pacman": "sudo pacman -S --needed", "zypper": "sudo zypper install"}
# os-release ID / ID_LIKE words -> the package manager of that family
FAMILIES = {"debian": "apt", "ubuntu": "apt", "linuxmint": "apt", "pop": "apt",
            "fedora": "dnf", "rhel": "dnf", "centos": "dnf", "rocky": "dnf",
            "almalinux": "dnf", "arch": "pacman", "manjaro": "pacman", "endeavouros": "pacman",
            "suse": "zypper", "opensuse": "zypper", "opensuse-leap": "zypper",
            "opensuse-tumbleweed": "zypper", "sles": "zypper"}


def uses_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt would show its windows through the xcb plugin (X11, or XWayland)."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:  # e.g. "offscreen", "xcb", or a fallback list such as "wayland;xcb"
        return chosen.split(";")[0].split(":")[0] == "xcb"
    if environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland":
        return False  # Qt takes its wayland plugin first on a Wayland session
    return bool(environ.get("DISPLAY"))


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname``, as it will when Qt asks for it."""
    import ctypes  # here: the app's start-up asks only when Qt would use xcb

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing(lookup: Callable[[str], bool] | None = None) -> list[str]:
    found = lookup or loadable
    return [soname for soname in LIBRARIES if not found(soname)]


def package_manager(os_release: str) -> str | None:
    """apt, dnf, pacman or zypper from the text of /etc/os-release; None when unknown."""
    fields: dict[str, str] = {}
    for line in os_release.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value.strip().strip("\"'")
    for word in [fields.get("ID", ""), *fields.get("ID_LIKE", "").split()]:
        if word.lower() in FAMILIES:
            return FAMILIES[word.lower()]
    return None


def install_command(sonames: list[str], manager: str | None) -> str | None:
    if manager is None:
        return None
    column = MANAGERS.index(manager)
    packages = dict.fromkeys(LIBRARIES[s][column] for s in sonames)
    import shlex

    return f"{INSTALL[manager]} {' '.join(map(shlex.quote, packages))}"


def problem(environ: Mapping[str, str], platform: str,
            lookup: Callable[[str], bool] | None = None,
            os_release: Path = Path("/etc/os-release")) -> str | None:
    """One sentence saying what to install before Qt can open a window, or None if all is
    there (or no window is wanted)."""
    if not uses_xcb(environ, platform):
        return None
    lacking = missing(lookup)
    if not lacking:
        return None
    try:
        release = os_release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        release = ""
    command = install_command(lacking, package_manager(release))
    how = (f"install them with: {command}" if command
           else "install the packages of your distribution that provide them")
    return (f"The desktop app cannot open a window: Qt's X11 (xcb) plugin needs "
            f"{', '.join(lacking)}, which this system lacks; {how}.")

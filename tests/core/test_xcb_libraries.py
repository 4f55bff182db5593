"""The check for the X11 libraries Qt's xcb plugin needs, with a fake library lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from opsdesk.core import xcb_libraries as xcb

X11 = {"DISPLAY": ":0"}
# os-release texts as these distributions ship them (ID and ID_LIKE are what counts).
RELEASES = {
    "debian": 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n',
    "ubuntu": 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n',
    "fedora": 'NAME="Fedora Linux"\nID=fedora\n',
    "arch": 'NAME="Arch Linux"\nID=arch\n',
    "tumbleweed": 'NAME="openSUSE Tumbleweed"\nID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n',
    "mint": 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n',
}
LACKING = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def without(*sonames: str) -> object:
    return lambda soname: soname not in sonames


def sentence(tmp_path: Path, release: str, environ: dict[str, str] = X11,
             platform: str = "linux") -> str | None:
    os_release = tmp_path / "os-release"
    os_release.write_text(release, encoding="utf-8")
    return xcb.problem(environ, platform, without(*sorted(LACKING)),  # type: ignore[arg-type]
                       os_release)


@pytest.mark.parametrize(("distribution", "command"), [
    ("debian", "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"),
    ("ubuntu", "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"),
    ("mint", "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"),
    ("fedora", "sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms"),
    ("arch", "sudo pacman -S --needed xcb-util-cursor xcb-util-wm xcb-util-keysyms"),
    ("tumbleweed", "sudo zypper install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"),
])
def test_one_install_command_for_the_distribution(tmp_path: Path, distribution: str,
                                                  command: str) -> None:
    text = sentence(tmp_path, RELEASES[distribution])
    assert text is not None
    assert text.endswith(f"install them with: {command}.")
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "\n" not in text


def test_packages_are_named_once(tmp_path: Path) -> None:
    # Six sonames, two packages on Fedora: libxcb holds randr, shm and render.
    lookup = without("libxcb-randr.so.0", "libxcb-shm.so.0", "libxcb-render.so.0",
                     "libglib-2.0.so.0", "libgthread-2.0.so.0")
    os_release = tmp_path / "os-release"
    os_release.write_text(RELEASES["fedora"], encoding="utf-8")
    text = xcb.problem(X11, "linux", lookup, os_release)  # type: ignore[arg-type]
    assert text is not None and text.endswith("with: sudo dnf install libxcb glib2.")


def test_an_unknown_distribution_gets_the_library_names(tmp_path: Path) -> None:
    text = sentence(tmp_path, "ID=somethingelse\n")
    assert text is not None
    assert "libxcb-cursor.so.0" in text and "sudo" not in text
    assert "packages of your distribution that provide them" in text
    no_release = xcb.problem(X11, "linux", without("libGL.so.1"),  # type: ignore[arg-type]
                             tmp_path / "no-os-release")
    assert no_release is not None and "libGL.so.1" in no_release and "sudo" not in no_release


@pytest.mark.parametrize("environ", [
    {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"},
    {"QT_QPA_PLATFORM": "minimal"},
    {"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "wayland-0"},
    {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"},
    {},  # no display at all: Qt is not going to show a window either way
])
def test_no_check_without_an_x11_display(tmp_path: Path, environ: dict[str, str]) -> None:
    assert sentence(tmp_path, RELEASES["debian"], environ) is None


def test_no_check_off_linux_or_with_everything_there(tmp_path: Path) -> None:
    assert sentence(tmp_path, RELEASES["debian"], platform="darwin") is None
    assert sentence(tmp_path, RELEASES["debian"], platform="win32") is None
    assert xcb.problem(X11, "linux", lambda soname: True) is None
    assert xcb.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert xcb.uses_xcb({"DISPLAY": ":1", "XDG_SESSION_TYPE": "x11"}, "linux")


def test_the_real_lookup_finds_the_c_library() -> None:
    assert xcb.loadable("libc.so.6")
    assert not xcb.loadable("libopsdesk-no-such-library.so.9")


def test_the_readme_lists_every_package_for_each_distribution() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    lines = readme.replace("\\\n", "").splitlines()
    for column, manager in enumerate(xcb.MANAGERS):
        prefix = xcb.INSTALL[manager] + " "
        [line] = [line for line in lines if line.startswith(prefix)]
        wanted = list(dict.fromkeys(packages[column] for packages in xcb.LIBRARIES.values()))
        assert line[len(prefix):].split() == wanted, manager

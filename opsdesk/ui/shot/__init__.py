"""``opsdesk shot``: render every page (and its extra states) to PNG, offscreen.

Nobody is at the screen, so the shot answers the app's questions itself (``answer_for_nobody``):
a locked workspace opens read-only, an encrypted one without ``--password-file`` is refused,
and notices go to stderr.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from opsdesk.core import output_file
from opsdesk.core.errors import OpsdeskError
from opsdesk.ui.errors import install_excepthook

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from opsdesk.core.workspace.lock import WorkspaceLocked


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def answer_for_nobody() -> None:
    """Put answers in place of the dialogs (ui/ask) for the rest of this process."""
    import sys

    from opsdesk.core.workspace import cipher
    from opsdesk.ui import ask

    def say(parent: QWidget | None, title: str, message: str) -> None:
        print(f"opsdesk: {message}", file=sys.stderr)

    def read_only(parent: QWidget | None, error: WorkspaceLocked) -> bool:
        return True  # the safe answer

    def no_password(parent: QWidget | None, path: Path, error: str = "") -> str | None:
        raise cipher.EncryptedWorkspace(f"{path.name} is encrypted and needs its password.")

    ask.warning = say
    ask.inform = say
    ask.open_read_only = read_only
    ask.password = no_password


def render_shots(
    path: Path, out: Path, size: tuple[int, int], password: Callable[[], str] | None = None,
    zoom: float = 1.0,
) -> list[Path]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui.app import make_app
    from opsdesk.ui.main_window import MainWindow
    from opsdesk.ui.pages import PAGES
    from opsdesk.ui.shot.help_states import help_states
    from opsdesk.ui.shot.page_states import page_states
    from opsdesk.ui.shot.wizard_states import wizard_states

    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OpsdeskError(
            f"{out} is a file, not a folder; give --out a folder (it is made if missing)."
        ) from None
    except OSError as error:
        raise OpsdeskError(f"The folder {out} cannot be made ({error.strerror}).") from None
    app = make_app()
    answer_for_nobody()
    window = MainWindow(remember=False)
    install_excepthook(window)  # as the app does: a damaged file is said, not a traceback
    if zoom != 1.0:
        window.view_controls.set_zoom(zoom, announce=False)
    window.resize(*size)
    if not window.open_path(path, password=password):
        raise OpsdeskError(f"Could not open {path}.")
    window.show()
    written: list[Path] = []

    def settle() -> None:
        # The pages read in the background: once the reads have landed, the layout
        # passes they start (column fitting, resizes) run too.
        for _ in range(5):
            app.processEvents()
        window.ctx.worker.wait_until_idle()
        for _ in range(5):
            app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        target = out / f"{name}.png"
        with output_file.replacing(target, "picture") as temp:
            if not widget.grab().save(str(temp)):
                raise OpsdeskError(f"Could not write {target}.")
        written.append(target)

    try:
        for index, (key, _title, _target) in enumerate(PAGES):
            page = window.show_page_by_key(key)
            settle()
            number = f"{index + 1:02d}"
            save(window, f"{number}-{key}")
            for state in page_states(page):
                settle()
                if isinstance(state, str):
                    save(window, f"{number}-{key}-{_slug(state)}")
                else:
                    name, widget = state
                    save(widget, f"{number}-{key}-{_slug(name)}")
            settle()
        # Dialogs reached from the File menu rather than a page.
        number = f"{len(PAGES) + 1:02d}"
        for name, widget in wizard_states(window.ctx):
            settle()
            save(widget, f"{number}-{_slug(name)}")
        for name, widget in help_states(window):  # the Help menu's glossary
            settle()
            save(widget, f"{number}-{_slug(name)}")
    finally:  # the workspace closed and its lock given back, whatever went wrong
        window.close()
        QApplication.processEvents()
    return written

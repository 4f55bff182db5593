"""The Process maps page's File menu: import a BPMN 2.0 file as a new map, and export the
shown map as BPMN, SVG, PNG or PDF.

Both do what ``opsdesk map import`` and ``opsdesk map export`` do, with the same core
functions: the file is read and checked in the pool (a malformed one is refused with one
sentence naming the element, before anything is written), then the new map is one
command on the writer thread (``AppContext.execute``: one undo step); an export reads the
map on a pool connection of its own and writes the same file the CLI writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from opsdesk.core.task_state import TaskState

if TYPE_CHECKING:
    from opsdesk.core.maps.bpmn_import import Imported
    from opsdesk.ui.pages.process_maps_page import ProcessMapsPage

BPMN_FILTER = "BPMN 2.0 files (*.bpmn *.bpmn2 *.xml);;All files (*)"
EXPORT_KINDS = {"bpmn": "BPMN 2.0 file", "svg": "SVG drawing", "png": "PNG image",
                "pdf": "PDF document"}
SAID_WARNINGS = 5  # the first few of an import's warnings, then how many more


def _folder(page: ProcessMapsPage) -> Path:
    ws = page.ctx.workspace
    return ws.path.parent if ws is not None else Path.home()


def _tell(page: ProcessMapsPage, message: str) -> None:
    window = page.ctx.main_window
    if window is not None and hasattr(window, "statusBar"):
        window.statusBar().showMessage(message, 8000)


# -- import ----------------------------------------------------------------------------
def choose_import(page: ProcessMapsPage) -> None:
    path, _ = QFileDialog.getOpenFileName(page, "Import a BPMN file", str(_folder(page)),
                                          BPMN_FILTER)
    if path:
        import_file(page, Path(path))


def import_file(page: ProcessMapsPage, path: Path) -> None:
    """Read ``path`` in the pool; if it is sound, add it as a new map and show it."""
    ctx = page.ctx
    if ctx.workspace is None or ctx.workspace.read_only:
        ctx.show_error("The workspace is read-only; a map cannot be imported into it.")
        return

    def work(task: TaskState) -> Imported:
        from opsdesk.core.maps.bpmn_import import read_bpmn

        return read_bpmn(path)

    def done(imported: Imported) -> None:
        from opsdesk.core.maps.commands import ImportMap

        applied = ctx.execute(ImportMap(imported.map, f"Import {path.name}"))
        if applied is None:
            return
        page.show_map(applied.result)
        _tell(page, f"Imported {path.name} as {imported.map.name!r}.")
        if imported.warnings:
            said = list(imported.warnings[:SAID_WARNINGS])
            if len(imported.warnings) > SAID_WARNINGS:
                said.append(f"… and {len(imported.warnings) - SAID_WARNINGS} more.")
            ctx.show_warning("\n".join(said), "Imported with warnings")

    ctx.worker.run(work, title=f"Reading {path.name}", on_done=done,
                   on_error=lambda error: ctx.report_error(error, f"reading {path.name}"))


# -- export ----------------------------------------------------------------------------
def choose_export(page: ProcessMapsPage, kind: str) -> None:
    if page.pmap is None:
        return
    what = EXPORT_KINDS[kind]
    name = page.pmap.name or "map"
    path, _ = QFileDialog.getSaveFileName(page, f"Export the map as a {what}",
                                          str(_folder(page) / f"{name}.{kind}"),
                                          f"{what} (*.{kind})")
    if not path:
        return
    target = Path(path)
    if target.suffix.lower() != f".{kind}":
        target = target.with_name(f"{target.name}.{kind}")
    export_to(page, target)


def export_to(page: ProcessMapsPage, path: Path) -> None:
    """Write the shown map to ``path`` (its format from the suffix) as ``opsdesk map
    export`` does."""
    ctx, map_id, workspace = page.ctx, page.map_id, page.ctx.workspace
    if map_id is None or workspace is None:
        return

    def work(task: TaskState) -> None:
        from opsdesk.core.maps.map_file import export_map

        with ctx.connections.borrow(workspace) as conn:
            export_map(conn, map_id, path)

    ctx.worker.run(work, title=f"Exporting {path.name}",
                   on_done=lambda _none: _tell(page, f"Exported the map to {path}."),
                   on_error=lambda error: ctx.report_error(error, f"exporting {path.name}"))

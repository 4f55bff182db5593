"""What a cause tree's gestures become: core's undoable cause commands, through
``ctx.execute`` (which refuses a read-only workspace, and shows a refusal's one sentence).
Whose causes they are (a project, an incident) is asked of ``owner()`` each time, so one
of these serves any tab that shows a ``CauseTree``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from opsdesk.core.improve.fishbone import SIX_M
from opsdesk.core.improve.root_cause_store import CauseOwner
from opsdesk.ui import ask
from opsdesk.ui.improve.cause_dialog import CauseDialog, NewCause
from opsdesk.ui.improve.cause_tree import CauseTree

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from opsdesk.ui.app_context import AppContext

STATUS_TITLES = {"confirmed": "Confirm cause", "ruled out": "Rule out cause",
                 "open": "Reopen cause"}


class CauseActions:
    def __init__(self, ctx: AppContext, tree: CauseTree,
                 owner: Callable[[], CauseOwner | None], parent: QWidget) -> None:
        self.ctx = ctx
        self.tree = tree
        self.owner = owner
        self.parent = parent
        self.dialog: CauseDialog | None = None  # the one open
        tree.add_requested.connect(self.add)
        tree.open_requested.connect(self.open)
        tree.edit_requested.connect(self.edit)
        tree.move_requested.connect(self.move)
        tree.delete_requested.connect(self.delete)

    def categories(self) -> list[str]:
        names = list(SIX_M)
        for cause in self.tree.causes.values():
            if not any(cause.category.casefold() == n.casefold() for n in names):
                names.append(cause.category)
        return names

    def add(self, category: str, parent_id: int | None) -> None:
        parent = self.tree.causes.get(parent_id) if parent_id is not None else None
        self.dialog = CauseDialog(self.categories(), self._add, self.parent,
                                  category=category, parent=parent)
        self.dialog.open()

    def _add(self, new: NewCause) -> bool:
        from opsdesk.core.improve.cause_commands import AddCause

        owner = self.owner()
        if owner is None:
            return False
        title = "Add sub-cause" if new.parent_id is not None else "Add cause"
        applied = self.ctx.execute(AddCause(owner, new.category, new.cause, new.parent_id,
                                            new.evidence, title=title))
        if applied is None:
            return False
        self.tree.select([applied.result])  # shown selected once the tree is read again
        return True

    def open(self, cause_id: int) -> None:
        cause = self.tree.causes.get(cause_id)
        if cause is None:
            return
        self.dialog = CauseDialog(self.categories(),
                                  lambda changes: self._edit(cause_id, changes, "Edit cause"),
                                  self.parent, cause=cause)
        self.dialog.open()

    def edit(self, cause_id: int, changes: dict[str, Any]) -> None:
        status = changes.get("status")
        cause = self.tree.causes.get(cause_id)
        if status == "confirmed" and cause is not None and not cause.evidence.strip() \
                and "evidence" not in changes:
            evidence = ask.text(self.parent, "Confirm cause",
                                f"What shows that {cause.cause!r} is a cause? (data, a log, "
                                "an observation; kept as its evidence)")
            if evidence is None:
                return
            changes = {**changes, "evidence": evidence}
        title = STATUS_TITLES.get(status, "Edit cause") if status else "Edit cause"
        self._edit(cause_id, changes, title)

    def _edit(self, cause_id: int, changes: dict[str, Any], title: str) -> bool:
        from opsdesk.core.improve.cause_commands import EditCause

        return self.ctx.execute(EditCause(cause_id, changes, title)) is not None

    def move(self, cause_id: int, step: int) -> None:
        from opsdesk.core.improve.cause_commands import MoveCause

        title = "Move cause up" if step < 0 else "Move cause down"
        self.ctx.execute(MoveCause(cause_id, step, title))

    def delete(self, ids: tuple[int, ...]) -> None:
        from opsdesk.core.improve.cause_commands import DeleteCauses

        title = "Delete cause" if len(ids) == 1 else f"Delete {len(ids)} causes"
        self.ctx.execute(DeleteCauses(ids, title))

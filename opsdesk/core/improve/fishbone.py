"""The fishbone (Ishikawa) diagram as a tree: the effect, its categories, their causes.

Categories are the 6M by default (Ishikawa's manpower, machine, method, material,
measurement and mother nature, the environment) or any the team names. A cause may
have sub-causes (why that cause happens), to any depth, and is open, confirmed (by
evidence) or ruled out. Edits are plain functions returning a new tree, so a command can
keep the old one as its inverse; ``to_rows`` and ``from_rows`` give the flat rows a table
stores (parent, position).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from opsdesk.core.errors import OpsdeskError

CauseStatus = Literal["open", "confirmed", "ruled out"]
STATUSES: tuple[CauseStatus, ...] = ("open", "confirmed", "ruled out")
SIX_M = ("Manpower", "Machine", "Method", "Material", "Measurement", "Mother Nature")
MAX_TEXT = 200  # a cause is a phrase on a diagram, not a report


@dataclass(frozen=True)
class Cause:
    id: int
    text: str
    status: CauseStatus = "open"
    evidence: str = ""
    causes: tuple[Cause, ...] = ()  # sub-causes: why this cause happens


@dataclass(frozen=True)
class Category:
    name: str
    causes: tuple[Cause, ...] = ()


@dataclass(frozen=True)
class Fishbone:
    effect: str
    categories: tuple[Category, ...] = ()

    def walk(self) -> Iterator[tuple[str, int, Cause]]:
        """(category, depth, cause) for every cause, depth first; top causes have depth 0."""
        def down(causes: Sequence[Cause], category: str, depth: int
                 ) -> Iterator[tuple[str, int, Cause]]:
            for cause in causes:
                yield category, depth, cause
                yield from down(cause.causes, category, depth + 1)

        for category in self.categories:
            yield from down(category.causes, category.name, 0)

    def find(self, cause_id: int) -> Cause:
        for _, _, cause in self.walk():
            if cause.id == cause_id:
                return cause
        raise OpsdeskError(f"There is no cause {cause_id} on this fishbone.")

    def with_status(self, status: CauseStatus) -> list[Cause]:
        return [c for _, _, c in self.walk() if c.status == status]


def six_m(effect: str) -> Fishbone:
    return Fishbone(effect, tuple(Category(name) for name in SIX_M))


def check_text(text: str, what: str = "A cause") -> str:
    """``text`` with its spaces collapsed, or why it cannot be a cause (or category)."""
    clean = " ".join(text.split())
    if not clean:
        raise OpsdeskError(f"{what} needs some text.")
    if len(clean) > MAX_TEXT:
        raise OpsdeskError(f"{what} is {len(clean)} characters long; keep it under "
                           f"{MAX_TEXT} (put the detail in its evidence).")
    return clean


def _map(causes: tuple[Cause, ...], fn: Callable[[Cause], Cause | None]) -> tuple[Cause, ...]:
    """Apply ``fn`` to every cause, deepest first; None drops the cause (and its subtree)."""
    out = []
    for cause in causes:
        mapped = fn(replace(cause, causes=_map(cause.causes, fn)))
        if mapped is not None:
            out.append(mapped)
    return tuple(out)


def _each(tree: Fishbone, fn: Callable[[Cause], Cause | None]) -> Fishbone:
    return replace(tree, categories=tuple(replace(c, causes=_map(c.causes, fn))
                                          for c in tree.categories))


def next_id(tree: Fishbone) -> int:
    return max((c.id for _, _, c in tree.walk()), default=0) + 1


def add_category(tree: Fishbone, name: str) -> Fishbone:
    name = check_text(name, "A category")
    if any(c.name.casefold() == name.casefold() for c in tree.categories):
        raise OpsdeskError(f"The fishbone already has a category {name!r}.")
    return replace(tree, categories=(*tree.categories, Category(name)))


def add_cause(tree: Fishbone, category: str, text: str, parent: int | None = None,
              cause_id: int | None = None) -> Fishbone:
    """``text`` as a new cause under ``category`` (or under the cause ``parent``)."""
    new = Cause(next_id(tree) if cause_id is None else cause_id, check_text(text))
    if parent is not None:
        tree.find(parent)
        return _each(tree, lambda c: replace(c, causes=(*c.causes, new)) if c.id == parent
                     else c)
    for index, cat in enumerate(tree.categories):
        if cat.name.casefold() == category.casefold():
            cats = list(tree.categories)
            cats[index] = replace(cat, causes=(*cat.causes, new))
            return replace(tree, categories=tuple(cats))
    names = ", ".join(c.name for c in tree.categories)
    raise OpsdeskError(f"The fishbone has no category {category!r}; its categories are {names}.")


def set_status(tree: Fishbone, cause_id: int, status: CauseStatus,
               evidence: str | None = None) -> Fishbone:
    """Mark a cause open, confirmed or ruled out, with its evidence."""
    if status not in STATUSES:
        raise OpsdeskError(f"A cause is {', '.join(STATUSES)}; not {status!r}.")
    found = tree.find(cause_id)
    if status == "confirmed" and not (evidence if evidence is not None else found.evidence
                                      ).strip():
        raise OpsdeskError(f"Confirming {found.text!r} needs its evidence (what showed it).")
    return _each(tree, lambda c: replace(c, status=status, evidence=(
        c.evidence if evidence is None else evidence.strip())) if c.id == cause_id else c)


def edit_text(tree: Fishbone, cause_id: int, text: str) -> Fishbone:
    tree.find(cause_id)
    clean = check_text(text)
    return _each(tree, lambda c: replace(c, text=clean) if c.id == cause_id else c)


def remove_cause(tree: Fishbone, cause_id: int) -> Fishbone:
    """Without the cause and its sub-causes."""
    tree.find(cause_id)
    return _each(tree, lambda c: None if c.id == cause_id else c)


@dataclass(frozen=True)
class CauseRow:
    """A cause as a table holds it."""

    id: int
    parent_id: int | None
    category: str
    text: str
    status: CauseStatus
    evidence: str
    position: int  # order among its siblings


def to_rows(tree: Fishbone) -> list[CauseRow]:
    rows: list[CauseRow] = []

    def down(causes: Sequence[Cause], category: str, parent: int | None) -> None:
        for position, cause in enumerate(causes):
            rows.append(CauseRow(cause.id, parent, category, cause.text, cause.status,
                                 cause.evidence, position))
            down(cause.causes, category, cause.id)

    for category in tree.categories:
        down(category.causes, category.name, None)
    return rows


def from_rows(effect: str, categories: Sequence[str], rows: Sequence[CauseRow]) -> Fishbone:
    """The tree back from its rows; ``categories`` in diagram order (a row's category not
    among them is added after them)."""
    children: dict[int | None, list[CauseRow]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(parent: int) -> tuple[Cause, ...]:
        kids = sorted(children.get(parent, []), key=lambda r: r.position)
        return tuple(Cause(r.id, r.text, r.status, r.evidence, build(r.id)) for r in kids)

    order = list(categories)
    for row in rows:
        if row.parent_id is None and row.category not in order:
            order.append(row.category)
    tops = sorted(children.get(None, []), key=lambda r: r.position)
    return Fishbone(effect, tuple(
        Category(name, tuple(Cause(r.id, r.text, r.status, r.evidence, build(r.id))
                             for r in tops if r.category == name))
        for name in order))

"""What a command changed, so views refresh only what they show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """The kinds of thing a command touched: table names such as ``"kpis"``."""

    kinds: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *kinds: str) -> Changes:
        return cls(frozenset(kinds))

    @classmethod
    def union(cls, many: Iterable[Changes]) -> Changes:
        kinds: set[str] = set()
        for changes in many:
            kinds |= changes.kinds
        return cls(frozenset(kinds))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds

    def touches(self, *kinds: str) -> bool:
        return not self.kinds.isdisjoint(kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)

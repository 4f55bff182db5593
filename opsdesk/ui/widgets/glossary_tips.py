"""Tooltips that name glossary terms (``opsdesk.core.glossary``): the scorecard's ⚑ flags
and the capability indices say in a line each what their tests and figures are; the
glossary window (``ui/glossary_dialog``) has the whole definition and the formula."""

from __future__ import annotations

from collections.abc import Iterable

from opsdesk.core.glossary import rule_term, term


def first_sentence(text: str) -> str:
    """A definition's first sentence: what a tooltip has room for."""
    head, dot, _rest = text.partition(". ")
    return head + "." if dot else text


def tests_tip(numbers: Iterable[int]) -> str:
    """One line per test: its glossary name ("Test 5: 2 of 3 beyond 2σ")."""
    return "\n".join(rule_term(n).name for n in numbers)


def term_tip(*keys: str) -> str:
    """One line per term: its name and the first sentence of its definition."""
    return "\n".join(f"{term(k).name}: {first_sentence(term(k).definition)}" for k in keys)

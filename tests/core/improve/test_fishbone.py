"""The fishbone tree, its diagram (nothing overlaps, for any tree), 5 whys and the Pareto."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.cause_pareto import cause_pareto
from opsdesk.core.improve.fishbone import (
    SIX_M,
    Category,
    Cause,
    Fishbone,
    add_category,
    add_cause,
    edit_text,
    from_rows,
    remove_cause,
    set_status,
    six_m,
    to_rows,
)
from opsdesk.core.improve.fishbone_layout import layout, wrap
from opsdesk.core.improve.fishbone_spec import FishboneSpec, Line
from opsdesk.core.improve.five_whys import FiveWhys, ask, drop_last, set_evidence
from opsdesk.core.maps.model import Box, Point


def mono(text: str, size: float) -> float:
    return 0.55 * size * len(text)


def sample() -> Fishbone:
    tree = six_m("Fraud model accuracy below 92 %")
    tree = add_cause(tree, "Method", "Retraining skipped in August")        # 1
    tree = add_cause(tree, "Method", "No drift check before deploy")        # 2
    tree = add_cause(tree, "Method", "Pipeline owner on leave", parent=1)   # 3
    tree = add_cause(tree, "Material", "Feature store schema changed")      # 4
    tree = add_cause(tree, "Machine", "GPU nodes throttled")                # 5
    return set_status(tree, 1, "confirmed", "The DAG was paused from 3 to 31 August.")


def test_six_m_and_tree_edits() -> None:
    tree = sample()
    assert tuple(c.name for c in tree.categories) == SIX_M
    assert [(cat, depth, c.id) for cat, depth, c in tree.walk()] == [
        ("Machine", 0, 5), ("Method", 0, 1), ("Method", 1, 3), ("Method", 0, 2),
        ("Material", 0, 4)]
    assert tree.find(1).status == "confirmed"
    assert [c.id for c in tree.with_status("open")] == [5, 3, 2, 4]
    tree = set_status(tree, 5, "ruled out", "Utilisation never above 60 %.")
    assert tree.find(5).evidence == "Utilisation never above 60 %."
    tree = edit_text(tree, 2, "  No  drift check ")
    assert tree.find(2).text == "No drift check"
    pruned = remove_cause(tree, 1)  # and its sub-cause 3
    assert [c.id for _, _, c in pruned.walk()] == [5, 2, 4]


def test_edits_refuse_what_makes_no_sense() -> None:
    tree = sample()
    with pytest.raises(OpsdeskError, match="Confirming 'GPU nodes throttled' needs its evidence"):
        set_status(tree, 5, "confirmed")
    with pytest.raises(OpsdeskError, match="no category 'Money'"):
        add_cause(tree, "Money", "Budget cut")
    with pytest.raises(OpsdeskError, match="no cause 42"):
        add_cause(tree, "Method", "x", parent=42)
    with pytest.raises(OpsdeskError, match="needs some text"):
        add_cause(tree, "Method", "   ")
    with pytest.raises(OpsdeskError, match="already has a category 'method'"):
        add_category(tree, "method")
    custom = add_category(Fishbone("Late orders"), "Suppliers")
    assert [c.name for c in add_cause(custom, "suppliers", "One source").categories] == [
        "Suppliers"]


def test_rows_round_trip() -> None:
    tree = sample()
    rows = to_rows(tree)
    assert [(r.id, r.parent_id, r.category, r.position) for r in rows] == [
        (5, None, "Machine", 0), (1, None, "Method", 0), (3, 1, "Method", 0),
        (2, None, "Method", 1), (4, None, "Material", 0)]
    assert from_rows(tree.effect, SIX_M, rows) == tree


def test_wrap_breaks_at_spaces_and_cuts_long_words() -> None:
    assert wrap("one two three", 40, 10, mono) == ("one two", "three")  # 5.5 per letter
    assert wrap("abcdefghij", 22, 10, mono) == ("abcd", "efgh", "ij")


def _overlap(a: Box, b: Box) -> bool:
    """True when the two share any area (touching edges do not count)."""
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _segment_hits(line: Line, rect: Box) -> bool:
    """True when the segment enters the inside of ``rect`` (its edges do not count)."""
    inner = Box(rect.x + 0.01, rect.y + 0.01, rect.w - 0.02, rect.h - 0.02)
    x0, y0, x1, y1 = line.start.x, line.start.y, line.end.x, line.end.y
    lo, hi = 0.0, 1.0
    for p, q in ((-(x1 - x0), x0 - inner.x), (x1 - x0, inner.right - x0),
                 (-(y1 - y0), y0 - inner.y), (y1 - y0, inner.bottom - y0)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            lo = max(lo, q / p)
        else:
            hi = min(hi, q / p)
    return lo <= hi


def check_no_overlaps(spec: FishboneSpec) -> None:
    rects = [label.rect for label in spec.labels]
    for a, b in combinations(rects, 2):
        assert not _overlap(a, b), (a, b)
    for line in spec.lines:
        for label in spec.labels:
            assert not _segment_hits(line, label.rect), (line, label)
    for r in rects:
        assert r.x >= 0 and r.right <= spec.width and r.y >= 0 and r.bottom <= spec.height
    for line in spec.lines:
        for p in (line.start, line.end):
            assert 0 <= p.x <= spec.width and 0 <= p.y <= spec.height


def test_the_sample_diagram() -> None:
    spec = layout(sample(), measure=mono)
    check_no_overlaps(spec)
    roles = [label.role for label in spec.labels]
    assert roles.count("category") == 6 and roles.count("effect") == 1
    causes = {label.cause_id: label for label in spec.labels if label.role == "cause"}
    assert causes[1].status == "confirmed" and causes[3].depth == 1
    assert [line.role for line in spec.lines].count("bone") == 6
    assert [line.role for line in spec.lines].count("twig") == 1
    spine = spec.lines[0]
    assert spine.role == "spine" and spine.arrow
    effect = next(label for label in spec.labels if label.role == "effect")
    assert spine.end == Point(effect.rect.x, spine.start.y)  # the spine runs into the effect
    assert spec.notes == ("1 confirmed, 0 ruled out, 4 open",)


def test_the_default_measure_is_the_pdf_body_font() -> None:
    spec = layout(sample())
    check_no_overlaps(spec)


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzMW ", min_size=1, max_size=60).filter(
    lambda t: t.strip() != "")


@st.composite
def causes(draw: st.DrawFn, depth: int = 0) -> tuple[Cause, ...]:
    count = draw(st.integers(0, 4 if depth == 0 else 2))
    out = []
    for _ in range(count):
        kids = draw(causes(depth + 1)) if depth < 2 else ()
        out.append(Cause(0, " ".join(draw(words).split()), draw(st.sampled_from(
            ["open", "confirmed", "ruled out"])), causes=kids))
    return tuple(out)


@st.composite
def trees(draw: st.DrawFn) -> Fishbone:
    n = draw(st.integers(0, 8))
    cats = tuple(Category(" ".join(draw(words).split()), draw(causes())) for _ in range(n))
    return Fishbone(" ".join(draw(words).split()), cats)


@settings(max_examples=150, deadline=None)
@given(trees(), st.sampled_from([7.0, 9.0, 12.0]))
def test_nothing_overlaps_for_any_tree(tree: Fishbone, size: float) -> None:
    check_no_overlaps(layout(tree, font_size=size, measure=mono))


def test_five_whys_chain() -> None:
    chain = FiveWhys("Accuracy fell below 92 %.")
    chain = ask(chain, "The model was not retrained in August.", "Model registry: last "
                "version 12 July.")
    chain = ask(chain, "The retraining DAG was paused.")
    chain = ask(chain, "Its owner was on leave and nobody else watches it.", "Rota.")
    assert chain.root_cause == "Its owner was on leave and nobody else watches it."
    assert [q for q, _ in chain.questions()] == [
        "Why: Accuracy fell below 92 %?", "Why: The model was not retrained in August?",
        "Why: The retraining DAG was paused?"]
    assert chain.gaps() == ["Why 2 ('The retraining DAG was paused.') has no evidence yet."]
    chain = set_evidence(chain, 2, "Airflow audit log, 3 August.")
    assert chain.gaps() == []
    assert len(drop_last(chain).steps) == 2
    with pytest.raises(OpsdeskError, match="no why 7"):
        set_evidence(chain, 7, "x")
    with pytest.raises(OpsdeskError, match="needs an answer"):
        ask(chain, "  ")


def test_pareto_of_causes_through_the_engine() -> None:
    tree = set_status(sample(), 5, "ruled out", "Never above 60 %.")
    # 12 incidents traced to their causes: cause 1 six times, 2 three, 4 twice, 5 once
    result = cause_pareto(tree, [1, 1, 2, 4, 1, 1, 2, 5, 1, 4, 2, 1])
    assert result.categories == ["Retraining skipped in August (Method)",
                                 "No drift check before deploy (Method)",
                                 "Feature store schema changed (Material)"]  # 5 ruled out
    assert result.counts == [6.0, 3.0, 2.0]
    assert result.cumulative_percent == pytest.approx([6 / 11 * 100, 9 / 11 * 100, 100.0])
    assert cause_pareto(tree, {4: 5.0, 2: 1.0}).categories[0].startswith("Feature store")
    with pytest.raises(OpsdeskError, match="Cause 99 is not on the fishbone"):
        cause_pareto(tree, [99])

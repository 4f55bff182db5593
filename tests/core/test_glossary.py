"""The glossary covers every test number and every figure the engine reports."""

from __future__ import annotations

import numpy as np

from opsdesk.core.glossary import GLOSSARY, rule_term, term
from opsdesk.core.msa.crossed import crossed_anova
from opsdesk.core.msa.result import COMPONENTS
from opsdesk.core.msa.study import gage_study
from opsdesk.core.spc.capability import capability
from opsdesk.core.spc.fitted import percentile_capability
from opsdesk.core.spc.rules import DEFAULT_K, DESCRIPTIONS
from tests.core.msa.aiag import columns


def test_every_test_number_has_an_entry() -> None:
    assert set(DEFAULT_K) == set(DESCRIPTIONS) == set(range(1, 9))
    for number in DEFAULT_K:
        entry = rule_term(number)
        assert entry.name.startswith(f"Test {number}:")
        assert entry.definition and entry.formula


def test_every_capability_figure_has_an_entry() -> None:
    cap = capability(np.array([9.8, 10.1, 10.0, 10.3, 9.9, 10.2]), 0.15, 9.0, 11.0, 10.0)
    keys = [k for k in cap.as_dict() if k != "notes"]
    for key in keys:
        assert term(key).definition, key
    pct = percentile_capability(np.array([1.0, 2.0, 3.0, 0.5, 3.5]), 0.01, 15.0)
    for key in ("pp", "ppl", "ppu", "ppk", "lsl", "usl"):
        assert key in pct.as_dict() and term(key).formula


def test_every_msa_figure_has_an_entry() -> None:
    result = crossed_anova(gage_study(*columns()), tolerance=8)
    data = result.as_dict()
    for key in [k for k in data if k not in ("method", "components")]:
        assert term(key).definition, key
    for name in COMPONENTS:
        assert term(name).definition, name
        component = data["components"][name]
        for figure in component:
            assert term(figure).definition, figure
    assert term("kappa").formula


def test_keys_are_unique_and_entries_complete() -> None:
    keys = [t.key for t in GLOSSARY]
    assert len(keys) == len(set(keys))
    for t in GLOSSARY:
        assert t.name and t.definition.endswith(".") and t.formula, t.key

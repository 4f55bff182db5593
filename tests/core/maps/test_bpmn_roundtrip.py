"""BPMN safety, encodings, and round trips (ids, DI and step data come back)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from opsdesk.core.maps.bpmn_export import export_bpmn
from opsdesk.core.maps.bpmn_import import import_bpmn, read_bpmn
from opsdesk.core.maps.bpmn_parse import BpmnError
from opsdesk.core.maps.model import Flow, Pool, ProcessMap
from opsdesk.core.maps.step_data import Duration, StepData
from tests.conftest import DATASETS
from tests.core.maps.builders import order_to_cash

BPMN = DATASETS / "bpmn"
HEAD = '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'


def test_entity_expansion_bomb_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            f'{HEAD}<process id="p" name="&lol3;"/></definitions>')
    with pytest.raises(BpmnError, match="declares XML entities or external references"):
        import_bpmn(bomb.encode())


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           f'{HEAD}<process id="p" name="&x;"/></definitions>')
    with pytest.raises(BpmnError, match="declares XML entities or external references"):
        import_bpmn(xxe.encode())


def test_iso_8859_1_and_utf8_names() -> None:
    body = f'{HEAD}<process id="p"><task id="t" name="Prüfung à façon"/></process></definitions>'
    latin = ('<?xml version="1.0" encoding="ISO-8859-1"?>' + body).encode("latin-1")
    utf8 = ('<?xml version="1.0" encoding="UTF-8"?>' + body).encode("utf-8")
    assert b"\xfc" in latin and b"\xc3\xbc" in utf8
    for data in (latin, utf8):
        assert import_bpmn(data).map.node("t").label == "Prüfung à façon"


def test_not_xml_is_one_sentence() -> None:
    with pytest.raises(BpmnError, match=r"is not well-formed XML \(line 1, column"):
        import_bpmn(b"<definitions")


@pytest.mark.parametrize("name", sorted(p.name for p in BPMN.glob("*.bpmn")))
def test_public_files_round_trip(name: str) -> None:
    first = read_bpmn(BPMN / name).map
    again = import_bpmn(export_bpmn(first)).map
    for group in ("nodes", "flows", "lanes", "pools"):  # the same ids, each as it was
        assert {x.id: x for x in getattr(again, group)} == {
            x.id: x for x in getattr(first, group)}, group


def test_step_data_and_probabilities_round_trip() -> None:
    pmap = order_to_cash()
    rich = StepData(performer="Credit clerk", processing=Duration(20, "min", 10, 18, 35),
                    wait=Duration(1.5, "h"), cost=8.25, value_class="waste", waste="waiting",
                    rework_probability=0.1, first_pass_yield=0.9,
                    resources=("ERP", "Phone"), kpi_id=7, notes="Slow on Mondays & Fridays")
    nodes = tuple(replace(n, step=rich) if n.id == "b" else n for n in pmap.nodes)
    pmap = replace(pmap, nodes=nodes, time_unit="h")
    again = import_bpmn(export_bpmn(pmap)).map
    assert again.node("b").step == rich
    assert again.time_unit == "h"
    assert {f.id: f.probability for f in again.flows} == {f.id: f.probability
                                                          for f in pmap.flows}
    assert [n.id for n in again.nodes] == [n.id for n in pmap.nodes]
    assert {n.id: n.lane_id for n in again.nodes} == {n.id: n.lane_id for n in pmap.nodes}
    assert all(n.box is not None for n in again.nodes)  # laid out on export


def test_pools_and_message_flows_to_a_black_box_round_trip() -> None:
    pmap = order_to_cash()
    customer = Pool("customer", "Customer", process_id="")
    firm = Pool("firm", "Firm", process_id="firm_process")
    nodes = tuple(replace(n, pool_id="firm") for n in pmap.nodes)
    lanes = tuple(replace(lane, pool_id="firm") for lane in pmap.lanes)
    flows = (*pmap.flows, Flow("order", "message", "customer", "a", "Order"),
             Flow("invoice", "message", "f", "customer", "Invoice"))
    pmap = ProcessMap("m", "O2C", "min", (customer, firm), lanes, nodes, flows)
    again = import_bpmn(export_bpmn(pmap)).map
    assert [(p.id, p.participant, p.process_id) for p in again.pools] == [
        ("customer", True, ""), ("firm", True, "firm_process")]
    assert [(f.source, f.target, f.label) for f in again.flows if f.kind == "message"] == [
        ("customer", "a", "Order"), ("f", "customer", "Invoice")]

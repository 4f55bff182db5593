"""BPMN import: public files from several modelers, and every refusal.

Expected counts were made by reading each file (tests/data/bpmn/README.md names its
source): one per <process>, <participant>, <lane>; tasks are the task elements of every
type, sub-processes the subProcess/transaction/adHocSubProcess/callActivity elements,
events the start/end/intermediate/boundary events, at any depth.
"""

from __future__ import annotations

import pytest

from opsdesk.core.maps.bpmn_import import import_bpmn, read_bpmn
from opsdesk.core.maps.bpmn_parse import BpmnError
from opsdesk.core.maps.import_summary import import_summary
from tests.conftest import DATASETS

BPMN = DATASETS / "bpmn"
KEYS = ("processes", "pools", "lanes", "leaf_lanes", "tasks", "subprocesses", "events",
        "gateways", "sequence_flows", "message_flows")

# file: processes, pools, lanes, leaf lanes, tasks, sub-processes, events, gateways,
# sequence flows, message flows
COUNTS = {
    # start, Task 1-3, end; 4 flows in a chain.
    "A.1.0-reference.bpmn": (1, 0, 0, 0, 3, 0, 2, 0, 4, 0),
    "A.1.0-signavio-export.bpmn": (1, 0, 0, 0, 3, 0, 2, 0, 4, 0),
    # Task 1-4, an exclusive split and an inclusive merge, start and end; 9 flows.
    "A.2.0-camunda-export.bpmn": (1, 0, 0, 0, 4, 0, 2, 2, 9, 0),
    # The same drawing with two exclusive gateways (ids _9 ... _26: 9 flows).
    "A.2.0-yaoqiang-export.bpmn": (1, 0, 0, 0, 4, 0, 2, 2, 9, 0),
    # Task 1-4, one collapsed sub-process with two boundary events, start, two ends.
    "A.3.0-camunda-export.bpmn": (1, 0, 0, 0, 4, 1, 5, 0, 8, 0),
    "A.3.0-adonis-roundtrip.bpmn": (1, 0, 0, 0, 4, 1, 5, 0, 8, 0),
    # Pool "Pool" (process WFP-6-1: start, Task 1-2, end, 3 flows) and process WFP-6-2
    # with no participant: lanes 1 and 2; Task 3, 5 and two expanded sub-processes holding
    # Task 4 and Task 6 with a start and an end each; starts 2, ends 2 and 5; 6 + 2 + 2
    # flows; 2 message flows into the process without participant.
    "A.4.0-reference.bpmn": (2, 1, 2, 2, 6, 2, 9, 0, 13, 2),
    # Two pools. Participant: 10 tasks (User Task 7 inside the sub-process), the expanded
    # and the collapsed sub-process and the call activity, 9 events, an inclusive and an
    # exclusive gateway, 22 flows. Pool (lanes 1 and 2): 22 tasks, 5 sub-processes and call
    # activities, 34 events, 6 gateways (one event-based), 60 flows. Counted by element
    # name in the file, and again with grep -c on the opening tags.
    "B.2.0-camunda-export.bpmn": (2, 2, 2, 2, 32, 8, 43, 8, 82, 2),
    # Team-Assistant (one unnamed lane): 4 tasks, 6 events (a timer catch among them), an
    # event-based gateway, 10 flows. Process engine (lanes Approver, Team Assistant,
    # Accountant): 5 user and service tasks, 3 events, 2 exclusive gateways, 10 flows;
    # 5 message flows, one into the engine's message start event.
    "C.1.0-reference.bpmn": (2, 2, 4, 4, 9, 0, 9, 3, 20, 5),
}
WARNINGS = {
    "B.2.0-camunda-export.bpmn": [
        '<eventBasedGateway> "Event Base Gateway 3" (id Gateway_1n5jtse) was imported as an '
        "exclusive gateway.",
        "<group> (id Group_1mitxsy) is not a kind of element opsdesk maps; it was left out."],
    "C.1.0-reference.bpmn": [
        "<eventBasedGateway> (id sid-F0D29912-929D-491C-8D23-73BD80CF980A) was imported as an "
        "exclusive gateway."],
}


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_public_files_import_with_the_counts_read_off_the_file(name: str) -> None:
    imported = read_bpmn(BPMN / name)
    summary = import_summary(imported, "m1")
    assert tuple(summary[k] for k in KEYS) == COUNTS[name]
    assert summary["map"] == "m1" and summary["warnings"] == WARNINGS.get(name, [])
    assert all(n.box is not None for n in imported.map.nodes)  # every file has DI


def test_a40_message_flows_reach_the_process_without_participant() -> None:
    pmap = read_bpmn(BPMN / "A.4.0-reference.bpmn").map
    messages = [f for f in pmap.flows if f.kind == "message"]
    assert [pmap.node(f.target).label for f in messages] == ["Task 3", "Task 2"]
    lanes = {lane.name: lane.id for lane in pmap.lanes}
    assert pmap.node("_f52b6ad0-4dcc-4053-b696-b924dda01db5").lane_id == lanes["Lane 2"]
    inner = pmap.node("_15f8f2a4-5e55-4159-b349-403ac4cbdefb")  # Task 6
    assert inner.scope == "_f52b6ad0-4dcc-4053-b696-b924dda01db5" and inner.lane_id is None
    assert pmap.node("_ee35fa2c-dfea-40cf-a469-845b765a7b50").expanded


def test_b20_link_events_with_empty_names_pair_and_data_links_import() -> None:
    pmap = read_bpmn(BPMN / "B.2.0-camunda-export.bpmn").map
    assert pmap.node("Event_1lph52r").event == pmap.node("Event_1ofkxhs").event == "link:"
    links = {(f.source, f.target) for f in pmap.flows if f.kind == "association"}
    assert links == {("Activity_0ffbdg4", "TextAnnotation_06uwg6s"),
                     ("DataObjectReference_1rkw6dp", "Activity_07vdczu"),
                     ("DataStoreReference_0t1ift6", "Activity_1fag12l")}
    assert pmap.node("Event_0gdj0lz").kind == "wait"  # a timer catch event
    assert pmap.node("Activity_0qnc8vy").bpmn_type == "callActivity"
    assert next(f for f in pmap.flows if f.id == "Flow_16g4olt").default


def test_c10_non_ascii_names_and_message_start() -> None:
    pmap = read_bpmn(BPMN / "C.1.0-reference.bpmn").map
    assert pmap.node("reviewInvoice").label == "Rechnung klären"
    assert pmap.node("prepareBankTransfer").label == "Prepare\r\nBank\r\nTransfer"
    starts = [f for f in pmap.flows if f.kind == "message" and f.target == "StartEvent_1"]
    assert len(starts) == 1 and pmap.node("StartEvent_1").event == "message"


def test_boundary_events_and_di() -> None:
    pmap = read_bpmn(BPMN / "A.3.0-adonis-roundtrip.bpmn").map
    message = pmap.node("obj.37270")
    assert (message.kind, message.attached_to, message.event, message.interrupting) == (
        "boundary", "obj.37267", "message", False)
    assert pmap.node("obj.37273").interrupting
    assert pmap.node("obj.37264").box is not None
    assert pmap.node("obj.37264").box.w == 106  # type: ignore[union-attr]
    flow = next(f for f in pmap.flows if f.id == "con.37292")
    assert [(p.x, p.y) for p in flow.waypoints] == [(186, 310), (246, 310), (336, 310)]


def _doc(body: str, extra_ns: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><definitions id="d" xmlns='
            f'"http://www.omg.org/spec/BPMN/20100524/MODEL"{extra_ns}>{body}</definitions>'
            ).encode()


CHAIN = ('<startEvent id="s"/><task id="t" name="Check"/><endEvent id="e"/>'
         '<sequenceFlow id="f1" sourceRef="s" targetRef="t"/>'
         '<sequenceFlow id="f2" sourceRef="t" targetRef="e"/>')


def test_a_file_without_di_imports_with_a_warning_and_is_laid_out_on_export() -> None:
    imported = import_bpmn(_doc(f'<process id="p">{CHAIN}</process>'))
    assert imported.warnings == ("the file has no diagram (BPMN DI); the map is laid out "
                                 "anew.",)
    assert all(n.box is None for n in imported.map.nodes)


@pytest.mark.parametrize(("body", "sentence"), [
    (f'<process id="p">{CHAIN}<task id="t" name="Again"/></process>',
     "Two BPMN elements have the id 't' (a <task> and a <task>); ids must be unique."),
    ('<process id="p"><startEvent id="s"/>'
     '<sequenceFlow id="f1" sourceRef="s" targetRef="nowhere"/></process>',
     "<sequenceFlow> (id f1) goes to 'nowhere', which is not in the file."),
    ('<process id="p"><startEvent id="s"/><subProcess id="sp" name="Pack"><task id="in"/>'
     '</subProcess><endEvent id="e"/>'
     '<sequenceFlow id="out" sourceRef="in" targetRef="e"/></process>',
     "<sequenceFlow> (id out) crosses the border of sub-process 'Pack' (from 'in' to 'e'); "
     "a sequence flow stays inside one process or sub-process."),
    ('<process id="p"><laneSet id="ls"><lane id="l1" name="Sales"><flowNodeRef>t'
     '</flowNodeRef></lane><lane id="l2" name="Credit"><flowNodeRef>t</flowNodeRef></lane>'
     '</laneSet><task id="t" name="Check"/></process>',
     "'Check' is in two sibling lanes, 'Sales' and 'Credit'; a node belongs to one lane."),
    ('<process id="p"><intermediateThrowEvent id="go" name="Jump"><linkEventDefinition '
     'name="A"/></intermediateThrowEvent></process>',
     'Link event <intermediateThrowEvent> "Jump" (id go) has no matching catch link named '
     "'A' in its process."),
    ('<message id="m"/>',
     "the file has no <process> and no <collaboration>; there is nothing to import."),
])
def test_malformed_files_are_refused_with_one_sentence(body: str, sentence: str) -> None:
    with pytest.raises(BpmnError) as caught:
        import_bpmn(_doc(body))
    assert str(caught.value) == sentence


def test_root_outside_the_bpmn_namespace() -> None:
    data = b'<definitions xmlns="http://example.com/not-bpmn"><process id="p"/></definitions>'
    with pytest.raises(BpmnError, match=r"root element of the file is <\{http://example.com/"
                                        r"not-bpmn\}definitions>, not BPMN 2.0"):
        import_bpmn(data)


def test_extension_elements_may_repeat_an_id() -> None:
    chain = CHAIN.replace('<task id="t" name="Check"/>', "")
    body = (f'<process id="p">{chain}'
            '<task id="t" name="Check"><extensionElements><v:meta id="t"/></extensionElements>'
            '</task></process>')
    pmap = import_bpmn(_doc(body, ' xmlns:v="http://vendor.example/x"')).map
    assert pmap.node("t").label == "Check"


def test_nested_and_vertical_lanes_and_geometry_only_lane() -> None:
    body = ('<collaboration id="c"><participant id="pool" name="Firm" processRef="p"/>'
            '</collaboration><process id="p"><laneSet id="ls"><lane id="top" name="Ops">'
            '<flowNodeRef>s</flowNodeRef><flowNodeRef>t</flowNodeRef><childLaneSet id="cs">'
            '<lane id="a" name="Desk"><flowNodeRef>s</flowNodeRef></lane>'
            '<lane id="b" name="Floor"/></childLaneSet></lane></laneSet>'
            f'{CHAIN}</process>'
            '<bpmndi:BPMNDiagram id="di"><bpmndi:BPMNPlane id="pl" bpmnElement="c">'
            '<bpmndi:BPMNShape id="x1" bpmnElement="pool" isHorizontal="false"><dc:Bounds '
            'x="0" y="0" width="300" height="600"/></bpmndi:BPMNShape>'
            '<bpmndi:BPMNShape id="x2" bpmnElement="b" isHorizontal="false"><dc:Bounds '
            'x="150" y="30" width="150" height="570"/></bpmndi:BPMNShape>'
            '<bpmndi:BPMNShape id="x3" bpmnElement="t"><dc:Bounds x="180" y="200" '
            'width="100" height="80"/></bpmndi:BPMNShape>'
            '</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>')
    ns = (' xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"'
          ' xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"')
    imported = import_bpmn(_doc(body, ns))
    pmap = imported.map
    assert pmap.node("s").lane_id == "a"  # the deeper of the two lanes listing it
    assert pmap.node("t").lane_id == "b"  # Floor lists nothing; t is drawn inside it
    assert pmap.node("e").lane_id is None
    assert imported.warnings == ("Lane 'Floor' lists no nodes; the nodes drawn inside it are "
                                 "put in it.",)
    assert pmap.pool_by_id["pool"].orientation == "vertical"
    summary = import_summary(imported, 1)
    assert (summary["lanes"], summary["leaf_lanes"], summary["pools"]) == (3, 2, 1)


def test_nearest_kinds_come_with_a_warning() -> None:
    body = ('<process id="p"><eventBasedGateway id="g" name="Wait for reply"/>'
            '<complexGateway id="c"/><group id="grp"/>'
            '<intermediateCatchEvent id="w"><timerEventDefinition/></intermediateCatchEvent>'
            '<callActivity id="ca" calledElement="other"/><transaction id="tx"/></process>')
    imported = import_bpmn(_doc(body))
    kinds = {n.id: n.kind for n in imported.map.nodes}
    assert kinds == {"g": "exclusive", "c": "inclusive", "w": "wait", "ca": "subprocess",
                     "tx": "subprocess"}
    assert imported.warnings[:3] == (
        '<eventBasedGateway> "Wait for reply" (id g) was imported as an exclusive gateway.',
        "<complexGateway> (id c) was imported as an inclusive gateway.",
        "<group> (id grp) is not a kind of element opsdesk maps; it was left out.")
    summary = import_summary(imported, 1)
    assert (summary["subprocesses"], summary["events"], summary["gateways"]) == (2, 1, 2)

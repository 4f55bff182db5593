"""BPMN 2.0 namespaces and how its element types map onto opsdesk node kinds.

Shared by ``bpmn_import`` and ``bpmn_export`` so the two read the same table.
"""

from __future__ import annotations

from opsdesk.core.maps.model import NodeKind

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Step data, branch probabilities and the map's time unit travel in this namespace.
OPSDESK = "urn:opsdesk:bpmn:step-data:1"

TASKS = frozenset({
    "task", "userTask", "serviceTask", "sendTask", "receiveTask", "manualTask",
    "businessRuleTask", "scriptTask",
})
SUBPROCESSES = frozenset({"subProcess", "transaction", "adHocSubProcess", "callActivity"})
# Elements that contain flow elements of their own (a call activity only refers to one).
CONTAINERS = frozenset({"subProcess", "transaction", "adHocSubProcess"})
GATEWAYS: dict[str, NodeKind] = {
    "exclusiveGateway": "exclusive", "parallelGateway": "parallel",
    "inclusiveGateway": "inclusive",
}
# Imported as the nearest kind, with a warning saying so.
NEAREST_GATEWAYS: dict[str, NodeKind] = {
    "eventBasedGateway": "exclusive", "complexGateway": "inclusive",
}
EVENTS: dict[str, NodeKind] = {
    "startEvent": "start", "endEvent": "end", "intermediateCatchEvent": "intermediate",
    "intermediateThrowEvent": "intermediate", "boundaryEvent": "boundary",
}
DATA = frozenset({"dataObjectReference", "dataStoreReference"})
ANNOTATIONS = frozenset({"textAnnotation"})
# Flow elements that are not drawn as nodes and need no note when skipped.
SILENT = frozenset({
    "sequenceFlow", "dataObject", "laneSet", "extensionElements", "documentation",
    "ioSpecification", "property", "association", "incoming", "outgoing",
    "multiInstanceLoopCharacteristics", "standardLoopCharacteristics", "dataInputAssociation",
    "dataOutputAssociation", "auditing", "monitoring", "category", "categoryValue",
})
EVENT_DEFINITIONS = (
    "message", "timer", "error", "escalation", "cancel", "compensate", "conditional", "link",
    "signal", "terminate",
)
# The BPMN element each kind is written as when the node does not remember its own.
EXPORT_TAG: dict[str, str] = {
    "start": "startEvent", "end": "endEvent", "intermediate": "intermediateThrowEvent",
    "boundary": "boundaryEvent", "task": "task", "subprocess": "subProcess",
    "exclusive": "exclusiveGateway", "parallel": "parallelGateway",
    "inclusive": "inclusiveGateway", "data": "dataObjectReference", "wait":
    "intermediateCatchEvent", "annotation": "textAnnotation",
}


def q(namespace: str, local: str) -> str:
    """ElementTree's name for ``local`` in ``namespace``: '{namespace}local'."""
    return f"{{{namespace}}}{local}"


def split(tag: str) -> tuple[str, str]:
    """('namespace', 'local') of an ElementTree tag; namespace '' when it has none."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag

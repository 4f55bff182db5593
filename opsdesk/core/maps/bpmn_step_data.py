"""Step data in BPMN's extension elements, in opsdesk's own namespace (``OPSDESK``).

An activity or event carries::

    <extensionElements>
      <opsdesk:step performer="Clerk" cost="12.5" valueClass="waste" waste="waiting"
                    rework="0.1" firstPassYield="0.9" kpi="7" probability="0.2">
        <opsdesk:processing value="5" unit="min" low="3" mode="5" high="9"/>
        <opsdesk:wait value="2" unit="h"/>
        <opsdesk:resource>Credit system</opsdesk:resource>
        <opsdesk:notes>Free text</opsdesk:notes>
      </opsdesk:step>
    </extensionElements>

and a gateway's outgoing sequence flow ``<opsdesk:branch probability="0.3"/>``. Other
modelers keep unknown extensions, so the data survives a trip through them too.
"""

from __future__ import annotations

import math
from xml.etree.ElementTree import Element, SubElement

from opsdesk.core.maps.bpmn_names import MODEL, OPSDESK, q
from opsdesk.core.maps.bpmn_parse import BpmnError, describe
from opsdesk.core.maps.step_data import (
    NO_DATA,
    VALUE_CLASSES,
    WASTE_KINDS,
    Duration,
    StepData,
)
from opsdesk.core.maps.units import TIME_UNITS


def _extension(element: Element, local: str) -> Element | None:
    ext = element.find(q(MODEL, "extensionElements"))
    return None if ext is None else ext.find(q(OPSDESK, local))


def _number(owner: Element, item: Element, name: str) -> float | None:
    text = item.get(name)
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise BpmnError(f"Step data of {describe(owner)}: {name} '{text}' is not a number.")
    return value


def _duration(owner: Element, item: Element | None) -> Duration | None:
    if item is None:
        return None
    value = _number(owner, item, "value")
    unit = item.get("unit", "min")
    if value is None or unit not in TIME_UNITS:
        raise BpmnError(f"Step data of {describe(owner)}: a time needs a value and a unit "
                        f"({', '.join(TIME_UNITS)}).")
    return Duration(value, unit, _number(owner, item, "low"), _number(owner, item, "mode"),
                    _number(owner, item, "high"))


def read_step(element: Element) -> tuple[StepData, float | None]:
    """The step data of ``element`` and a boundary event's probability (None: not given)."""
    item = _extension(element, "step")
    if item is None:
        return NO_DATA, None
    value_class = item.get("valueClass") or None
    waste = item.get("waste") or None
    if value_class is not None and value_class not in VALUE_CLASSES:
        raise BpmnError(f"Step data of {describe(element)}: value class '{value_class}' is "
                        f"not one of {', '.join(VALUE_CLASSES)}.")
    if waste is not None and waste not in WASTE_KINDS:
        raise BpmnError(f"Step data of {describe(element)}: waste '{waste}' is not one of "
                        f"{', '.join(WASTE_KINDS)}.")
    kpi = _number(element, item, "kpi")
    notes = item.find(q(OPSDESK, "notes"))
    step = StepData(
        performer=item.get("performer", ""),
        processing=_duration(element, item.find(q(OPSDESK, "processing"))),
        wait=_duration(element, item.find(q(OPSDESK, "wait"))),
        cost=_number(element, item, "cost"),
        value_class=value_class,  # checked above
        waste=waste,
        rework_probability=_number(element, item, "rework"),
        first_pass_yield=_number(element, item, "firstPassYield"),
        resources=tuple((r.text or "").strip() for r in item.findall(q(OPSDESK, "resource"))),
        kpi_id=None if kpi is None else int(kpi),
        notes="" if notes is None else (notes.text or ""),
    )
    return step, _number(element, item, "probability")


def read_branch(flow: Element) -> float | None:
    item = _extension(flow, "branch")
    return None if item is None else _number(flow, item, "probability")


def _fmt(value: float) -> str:
    return repr(float(value)) if value != int(value) else str(int(value))


def _extensions(element: Element) -> Element:
    """``element``'s extensionElements, created as its first child when missing."""
    ext = element.find(q(MODEL, "extensionElements"))
    if ext is None:
        ext = Element(q(MODEL, "extensionElements"))
        element.insert(0, ext)
    return ext


def write_step(element: Element, step: StepData, probability: float | None) -> None:
    if step == NO_DATA and probability is None:
        return
    attrs = {"performer": step.performer, "valueClass": step.value_class or "",
             "waste": step.waste or "", "kpi": "" if step.kpi_id is None else str(step.kpi_id)}
    numbers = {"cost": step.cost, "rework": step.rework_probability,
               "firstPassYield": step.first_pass_yield, "probability": probability}
    attrs |= {k: _fmt(v) for k, v in numbers.items() if v is not None}
    item = SubElement(_extensions(element), q(OPSDESK, "step"),
                      {k: v for k, v in attrs.items() if v})
    for name, duration in (("processing", step.processing), ("wait", step.wait)):
        if duration is None:
            continue
        spread = {"low": duration.low, "mode": duration.mode, "high": duration.high}
        SubElement(item, q(OPSDESK, name), {"value": _fmt(duration.value), "unit": duration.unit}
                   | {k: _fmt(v) for k, v in spread.items() if v is not None})
    for resource in step.resources:
        SubElement(item, q(OPSDESK, "resource")).text = resource
    if step.notes:
        SubElement(item, q(OPSDESK, "notes")).text = step.notes


def write_branch(flow: Element, probability: float | None) -> None:
    if probability is not None:
        SubElement(_extensions(flow), q(OPSDESK, "branch"), {"probability": _fmt(probability)})

"""Process maps: the model, BPMN 2.0 in and out, analyses, simulation, layout, diagrams.

Everything here is plain functions on frozen dataclasses: no Qt, no workspace, no I/O
beyond reading a BPMN file's bytes. Commands, persistence, the canvas, the CLI and the
PDF stand on top of it.

The model (``model``, ``step_data``, ``units``)
    A ``ProcessMap`` holds ``Pool``s (a BPMN process each; ``participant`` for the ones
    drawn as pools), ``Lane``s (nested by ``parent_id``, ordered by ``position``,
    horizontal or vertical), ``Node``s and ``Flow``s (sequence, message, association).
    Node kinds: start, end, intermediate and boundary events, task, sub-process,
    exclusive/parallel/inclusive gateways, data, wait (a timer catch event), annotation.
    A sub-process's contents are the nodes whose ``scope`` is its id; collapsed, it
    opens them as its own canvas (``submap``, ``canvas_of``). Each node carries
    ``StepData`` (performer, processing and wait ``Duration`` with optional triangular
    spread, cost, value class and waste kind, rework probability, first-pass yield,
    resources, linked KPI, notes); gateway branches carry ``Flow.probability``, boundary
    events ``Node.probability``. ``problems(pmap)`` lists what is inconsistent, one
    sentence each. ``units.convert`` is the one time converter.

Rows (``rows``)
    ``to_rows``/``from_rows``: the map as rows of the workspace's map tables, and the
    columns a migration must add (listed in the module).

BPMN 2.0 XML (``bpmn_import``, ``bpmn_export``, ``import_summary``)
    ``read_bpmn(path)``/``import_bpmn(bytes)`` return ``Imported(map, warnings)`` or
    raise ``BpmnError`` with one sentence naming the element. Parsing is defusedxml with
    entities and external references refused; any prefix style, any declared encoding.
    DI bounds and waypoints, lanes, pools, message flows, boundary events and
    sub-processes come in; step data travels in the ``urn:opsdesk:bpmn:step-data:1``
    namespace. ``export_bpmn(pmap)`` writes it all back with the same ids (laying the
    map out first when shapes have no boxes). ``import_summary`` is the
    ``map import --json`` object.

Analyses (``analysis`` and the modules it calls)
    ``analyse(pmap)`` returns handoffs (``handoffs``), rework loops with their expected
    passes (``loops``), unreachable steps, dead ends and gateway problems
    (``structure``), expected visits, lead time, critical path, value-added time, PCE,
    cost per case and workload per lane (``flow_analysis``), and a SIPOC (``sipoc``).
    ``analysis_json`` is the ``map analyse --json`` object. networkx is imported when a
    function runs, not at import.

Simulation (``simulation``)
    ``simulate(pmap, cases, seed, task)``: seeded cases with triangular
    step times and branch probabilities, vectorised with numpy; percentiles, histogram;
    ``simulation_json`` for ``map simulate --json``.

In the workspace (``store``, ``commands``, ``edits``, ``lane_edits``, ``linked_times``)
    ``store`` holds the typed queries (``list_maps``, ``find_map``, ``load_map``) and
    turns an edited map into the row changes that store it; every edit is a command in
    ``commands`` (its docstring shows which gesture makes which), built on the pure
    edits in ``edits`` and ``lane_edits``; ``with_kpi_times`` reads linked steps' times.

Layout and drawing (``layout``, ``routing``, ``captions``, ``diagram``, ``diagram_spec``,
``map_file``)
    ``auto_layout`` places nodes in layers and lane bands (stable: a second run changes
    nothing) and ``routing`` draws orthogonal connectors around shapes, off lane and
    pool borders. ``diagram_spec(pmap, canvas, analysis)`` is the renderer-neutral
    ``DiagramSpec`` (bands, containers, connectors with their labels' places, shapes
    with roles, ports, overlay flags and their captions' places from ``captions``) that
    the canvas and the PDF both draw. ``map_file.export_map`` writes a stored map as
    BPMN, SVG, PNG or PDF for ``opsdesk map export`` and the page's File menu.

Value streams (``vsm_model``, ``vsm_demand``, ``vsm_inventory``, ``vsm_capacity``,
``vsm_metrics``, ``vsm_json``)
    A ``ValueStream`` (demand with its mix and working pattern; processes with their data
    boxes, inventories, delays, parallel branches; shipments) and ``compute(stream,
    settings)``: available time, daily demand, takt per family, inventory days by the
    stated method, lead and processing time, PCE on its day basis, rolled yield,
    capacity, utilisation, the constraint, operators needed, yamazumi and warnings.
    ``vsm_diagram(stream, metrics, keys)`` is the drawn map (``VsmDiagram``: items with
    roles and placed primitives, the icons of ``vsm_icons``; the timeline ladder, totals
    and conventions of ``vsm_ladder``) that the canvas, the PDF and the SVG icon files
    (``vsm_icon_svg``) all draw; ``vsm_format`` words the numbers. ``vsm_links`` reads
    the data-box fields linked to KPIs (their judged period, with its status);
    ``vsm_view.stream_view(conn, map_id)`` is a stored stream as the page, the command
    line and the PDF all show it: fed by its KPIs, by the conventions kept with it.
    ``vsm_info_model`` holds the information flows stored with a map (manual, electronic,
    kanban, go-see; a load-levelling box, kanban posts), ``vsm_info_commands`` edits
    them and ``vsm_info_diagram`` routes them on top of the map in place of the
    automatic ones.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opsdesk.core.maps.analysis import Analysis, analyse, analysis_json
    from opsdesk.core.maps.bpmn_export import export_bpmn
    from opsdesk.core.maps.bpmn_import import Imported, import_bpmn, read_bpmn
    from opsdesk.core.maps.bpmn_parse import BpmnError
    from opsdesk.core.maps.diagram import diagram_spec
    from opsdesk.core.maps.diagram_spec import DiagramSpec
    from opsdesk.core.maps.import_summary import import_summary
    from opsdesk.core.maps.layout import auto_layout, with_layout
    from opsdesk.core.maps.model import (
        Box,
        Flow,
        Lane,
        Node,
        Point,
        Pool,
        ProcessMap,
        problems,
    )
    from opsdesk.core.maps.simulation import Simulation, simulate, simulation_json
    from opsdesk.core.maps.step_data import Duration, StepData

# Loaded on first use, so importing the package stays cheap (numpy, defusedxml and
# networkx come in only with the functions that need them).
_HOME = {
    "Analysis": "analysis", "analyse": "analysis", "analysis_json": "analysis",
    "export_bpmn": "bpmn_export", "Imported": "bpmn_import", "import_bpmn": "bpmn_import",
    "read_bpmn": "bpmn_import", "BpmnError": "bpmn_parse", "diagram_spec": "diagram",
    "DiagramSpec": "diagram_spec", "import_summary": "import_summary",
    "auto_layout": "layout", "with_layout": "layout", "Box": "model", "Flow": "model",
    "Lane": "model", "Node": "model", "Point": "model", "Pool": "model",
    "ProcessMap": "model", "problems": "model", "Simulation": "simulation",
    "simulate": "simulation", "simulation_json": "simulation", "Duration": "step_data",
    "StepData": "step_data",
}
__all__ = [
    "Analysis", "Box", "BpmnError", "DiagramSpec", "Duration", "Flow", "Imported", "Lane",
    "Node", "Point", "Pool", "ProcessMap", "Simulation", "StepData", "analyse",
    "analysis_json", "auto_layout", "diagram_spec", "export_bpmn", "import_bpmn",
    "import_summary", "problems", "read_bpmn", "simulate", "simulation_json", "with_layout",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)

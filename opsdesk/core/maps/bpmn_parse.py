"""Reading BPMN XML safely: defusedxml, the root check, and the id index.

No entity declarations (so no expansion bombs) and no external references are accepted;
the XML declaration's encoding (UTF-8, ISO-8859-1, ...) is honoured by the parser itself.
Any namespace prefix style works, since ElementTree resolves prefixes to namespaces.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.bpmn_names import MODEL, split

MAX_BYTES = 64 * 1024 * 1024  # a BPMN file is kilobytes; refuse what cannot be one


class BpmnError(OpsdeskError):
    """A BPMN file opsdesk refuses; the message names the element and nothing was changed."""


def parse(data: bytes, where: str = "the file") -> Element:
    """The root element of BPMN 2.0 XML in ``data``; BpmnError with one sentence if not."""
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    if len(data) > MAX_BYTES:
        raise BpmnError(f"{where} is larger than {MAX_BYTES // 2**20} MB; it is not a BPMN file.")
    try:
        root: Element = safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True,
                                           forbid_external=True)
    except DefusedXmlException as error:
        raise BpmnError(f"{where} declares XML entities or external references "
                        f"({type(error).__name__}), which opsdesk does not read.") from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise BpmnError(f"{where} is not well-formed XML (line {line}, column {column + 1}).") \
            from None
    namespace, local = split(root.tag)
    if local != "definitions" or namespace != MODEL:
        shown = f"{{{namespace}}}{local}" if namespace else local
        raise BpmnError(f"The root element of {where} is <{shown}>, not BPMN 2.0 definitions "
                        f"in the namespace {MODEL}.")
    return root


def index_ids(root: Element) -> dict[str, Element]:
    """Every BPMN model element by id; BpmnError naming the first id used twice.

    Only elements of the BPMN model namespace count: vendors' extension elements (and
    the diagram interchange) may repeat a model element's id, and that is harmless.
    """
    found: dict[str, Element] = {}
    for element in root.iter():
        namespace, local = split(element.tag)
        element_id = element.get("id")
        if namespace != MODEL or not element_id:
            continue
        if element_id in found:
            first = split(found[element_id].tag)[1]
            raise BpmnError(f"Two BPMN elements have the id '{element_id}' (a <{first}> and "
                            f"a <{local}>); ids must be unique.")
        found[element_id] = element
    return found


def local_name(element: Element) -> str:
    return split(element.tag)[1]


def describe(element: Element) -> str:
    """'<task> "Check credit" (id T1)': how a refusal names an element."""
    name = (element.get("name") or "").strip()
    label = f' "{name}"' if name else ""
    return f"<{local_name(element)}>{label} (id {element.get('id')})"

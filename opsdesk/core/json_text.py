"""Output as strict JSON: no number that JSON cannot hold ever reaches a reader.

Python's ``json`` writes ``Infinity`` and ``NaN``, which are not JSON: Node's
``JSON.parse`` refuses them and jq reads Infinity as 1.797e308. A value that is not a
finite number is written as null, and the payload's ``notes`` say which and why.
"""

from __future__ import annotations

import json
import math
from typing import Any


def json_text(payload: dict[str, Any]) -> str:
    """``payload`` as one line of strict JSON (non-finite numbers as null, with a note)."""
    found: list[str] = []
    clean = _finite(payload, "", found)
    if found:
        shown = ", ".join(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        notes = clean.setdefault("notes", [])
        if isinstance(notes, list):
            notes.append(f"null for a value that is not a finite number: {shown}")
    return json.dumps(clean, ensure_ascii=False, allow_nan=False)


def _finite(value: Any, path: str, found: list[str]) -> Any:
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        found.append(path or "the value")
        return None
    if isinstance(value, dict):
        return {k: _finite(v, f"{path}.{k}" if path else str(k), found)
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v, f"{path}[{i}]", found) for i, v in enumerate(value)]
    return value

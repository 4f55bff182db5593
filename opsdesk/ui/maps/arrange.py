"""Align and distribute: new boxes for a selection of shapes (no Qt, no workspace)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from opsdesk.core.maps.model import Box


def align(boxes: Mapping[str, Box], how: str) -> dict[str, Box]:
    """Every box lined up with the selection's extreme (left, right, top, bottom) or its
    mean centre line (centre: a vertical line, middle: a horizontal one)."""
    if len(boxes) < 2:
        return dict(boxes)
    values = list(boxes.values())
    out = {}
    for key, b in boxes.items():
        if how == "left":
            out[key] = replace(b, x=min(v.x for v in values))
        elif how == "right":
            out[key] = replace(b, x=max(v.right for v in values) - b.w)
        elif how == "centre":
            out[key] = replace(b, x=sum(v.cx for v in values) / len(values) - b.w / 2)
        elif how == "top":
            out[key] = replace(b, y=min(v.y for v in values))
        elif how == "bottom":
            out[key] = replace(b, y=max(v.bottom for v in values) - b.h)
        elif how == "middle":
            out[key] = replace(b, y=sum(v.cy for v in values) / len(values) - b.h / 2)
        else:
            raise ValueError(f"'{how}' is not a way to align.")
    return out


def distribute(boxes: Mapping[str, Box], how: str) -> dict[str, Box]:
    """The boxes between the first and the last (by centre) spread with equal gaps."""
    if len(boxes) < 3:
        return dict(boxes)
    across = how == "across"
    order = sorted(boxes, key=lambda k: boxes[k].cx if across else boxes[k].cy)
    first, last = boxes[order[0]], boxes[order[-1]]
    size = sum((boxes[k].w if across else boxes[k].h) for k in order)
    span = (last.right - first.x) if across else (last.bottom - first.y)
    gap = (span - size) / (len(order) - 1)
    out = {}
    at = first.x if across else first.y
    for key in order:
        b = boxes[key]
        out[key] = replace(b, x=at) if across else replace(b, y=at)
        at += (b.w if across else b.h) + gap
    return out

"""The value-stream icons as SVG files, from their one definition in ``vsm_icons``.

``resources/vsm_icons/NAME.svg`` is ``icon_svg(NAME)``; a test checks they agree, and
``python -m opsdesk.core.maps.vsm_icon_svg FOLDER`` writes them anew.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from opsdesk.core.kpi.status_marks import STATUS_INK
from opsdesk.core.maps.model import Box
from opsdesk.core.maps.vsm_icons import ICONS, Ellipse, Poly, Prim, Rect, Tone

TONES: dict[Tone, str] = {"ink": "#37474f", "paper": "#ffffff", "light": "#eef1f5",
                          "accent": "#1f4e79", "muted": "#78909c", "warn": "#c62828",
                          "green": STATUS_INK["green"], "amber": STATUS_INK["amber"],
                          "red": STATUS_INK["red"]}
PAD = 2.0  # room for the strokes at the file's edges


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _paint(stroke: Tone | None, fill: Tone | None, width: float, dashed: bool) -> str:
    out = f'fill="{TONES[fill]}"' if fill else 'fill="none"'
    if stroke:
        out += f' stroke="{TONES[stroke]}" stroke-width="{_n(width)}"'
        if dashed:
            out += ' stroke-dasharray="4 3"'
    return out


def prim_svg(p: Prim) -> str:
    """One primitive as an SVG element."""
    if isinstance(p, Poly):
        tag = "polygon" if p.closed else "polyline"
        pts = " ".join(f"{_n(q.x)},{_n(q.y)}" for q in p.points)
        return f'<{tag} points="{pts}" {_paint(p.stroke, p.fill, p.width, p.dashed)}/>'
    if isinstance(p, Rect):
        b = p.box
        return (f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}" '
                f'{_paint(p.stroke, p.fill, p.width, p.dashed)}/>')
    if isinstance(p, Ellipse):
        b = p.box
        return (f'<ellipse cx="{_n(b.cx)}" cy="{_n(b.cy)}" rx="{_n(b.w / 2)}" '
                f'ry="{_n(b.h / 2)}" {_paint(p.stroke, p.fill, p.width, p.dashed)}/>')
    weight = ' font-weight="bold"' if p.bold else ""
    return (f'<text x="{_n(p.at.x)}" y="{_n(p.at.y)}" font-family="DejaVu Sans" '
            f'font-size="{_n(p.size)}"{weight} text-anchor={quoteattr(p.anchor)} '
            f'dominant-baseline="central" fill="{TONES[p.tone]}">{escape(p.text)}</text>')


def icon_svg(name: str) -> str:
    """The SVG file of icon ``name``."""
    w, h, draw = ICONS[name]
    body = "\n".join(f"  {prim_svg(p)}" for p in draw(Box(PAD, PAD, w, h)))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(w + 2 * PAD)}" '
            f'height="{_n(h + 2 * PAD)}" viewBox="0 0 {_n(w + 2 * PAD)} {_n(h + 2 * PAD)}">\n'
            f"  <title>{escape(name.replace('_', ' '))}</title>\n{body}\n</svg>\n")


def write_icons(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ICONS:
        path = folder / f"{name}.svg"
        path.write_text(icon_svg(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for written in write_icons(Path(sys.argv[1])):
        print(written)

"""The bundled fonts, registered with reportlab once per process.

DejaVu Sans (regular, bold, oblique, bold oblique) covers Latin, Greek, Cyrillic and
Arabic; a Han subset of Droid Sans Fallback covers Chinese runs (``text.py`` switches
font for them, because reportlab does not fall back glyph by glyph). The files are
resources (``resources/fonts``), found through ``opsdesk.core.resources`` so an installed
or frozen app has them too.
"""

from __future__ import annotations

import threading

from opsdesk.core.resources import resource

BODY = "OpsSans"
BOLD = "OpsSans-Bold"
ITALIC = "OpsSans-Italic"
BOLD_ITALIC = "OpsSans-BoldItalic"
HAN = "OpsHan"

_FILES = {
    BODY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    HAN: "DroidSansFallback-Han.ttf",
}
_lock = threading.Lock()
_registered = False


def font_bytes(file_name: str) -> bytes:
    return resource("fonts", file_name).read_bytes()


def register() -> None:
    """Register the families (idempotent, thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        from io import BytesIO

        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, file_name in _FILES.items():
            # shapable=False (reportlab 4+): Arabic is shaped and ordered in text.py.
            try:
                font = TTFont(name, BytesIO(font_bytes(file_name)), shapable=False)
            except TypeError:  # reportlab 3 never shapes
                font = TTFont(name, BytesIO(font_bytes(file_name)))
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(
            BODY, normal=BODY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        for bold, italic, name in ((0, 0, HAN), (1, 0, HAN), (0, 1, HAN), (1, 1, HAN)):
            addMapping(HAN, bold, italic, name)
        _registered = True

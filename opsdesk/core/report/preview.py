"""Page images of a built PDF, for the Reports page's preview (pypdfium2, no Qt).

QtPdf is not part of PySide6-Essentials; pypdfium2 ships PDFium in its wheel, so the
preview shows the very PDF that would be exported.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int
    rgb: bytes  # 8-bit RGB rows of ``stride`` bytes


def render_pages(data: bytes, count: int = 4, width_px: int = 300) -> list[PageImage]:
    """The first ``count`` pages, each scaled to ``width_px`` pixels wide."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        images = []
        for index in range(min(count, len(document))):
            page = document[index]
            scale = width_px / page.get_width()
            bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB, not BGR
            images.append(PageImage(bitmap.width, bitmap.height, bitmap.stride,
                                    bytes(bitmap.buffer)))
            bitmap.close()
            page.close()
        return images
    finally:
        document.close()

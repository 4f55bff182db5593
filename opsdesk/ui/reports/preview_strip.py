"""Thumbnails of the first pages of the report, rendered from the PDF itself."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from opsdesk.core.report.preview import PageImage


class PreviewStrip(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.status = QLabel("Preview: press Refresh preview to see the first pages.")
        self.status.setObjectName("emptyBody")
        self.status.setWordWrap(True)
        self.pages = QWidget()
        self.row = QHBoxLayout(self.pages)
        self.row.setSpacing(14)
        self.row.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.pages)
        scroll.setStyleSheet("QScrollArea { background: #dfe4ea; }")
        self.pages.setStyleSheet("background: #dfe4ea;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self.labels: list[QLabel] = []

    def clear(self, message: str) -> None:
        for label in self.labels:
            label.deleteLater()
        self.labels = []
        self.status.setText(message)

    def show_pages(self, images: list[PageImage], total: int) -> None:
        self.clear(f"First {len(images)} of {total} pages, rendered from the PDF.")
        for index, image in enumerate(images):
            qimage = QImage(image.rgb, image.width, image.height, image.stride,
                            QImage.Format.Format_RGB888).copy()  # own the bytes
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(qimage))
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            label.setStyleSheet("border: 1px solid #b8c2cc; background: white;")
            label.setToolTip(f"Page {index + 1}")
            self.row.insertWidget(self.row.count() - 1, label)
            self.labels.append(label)

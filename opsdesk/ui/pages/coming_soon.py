"""A friendly panel for pages whose module has not landed in this build yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from opsdesk.ui.app_context import AppContext
from opsdesk.ui.pages.base import Page

BLURBS = {
    "dashboard": "Status at a glance: KPIs by status and pillar, what needs attention, "
    "open alerts and recent imports.",
    "kpis": "Scorecard, bowling chart and trends for every KPI, with targets, forecasts "
    "and alerts.",
    "control-charts": "X-bar/R, I-MR, p, c, u, EWMA and CUSUM charts with run rules, "
    "capability and Pareto analysis.",
    "process-maps": "Swimlane process maps with handoffs, rework loops and lead time.",
    "value-streams": "Current and future-state value-stream maps with takt time and "
    "process cycle efficiency.",
    "improvement": "PDCA and DMAIC projects, actions, root causes, incidents and their "
    "post-incident reviews.",
    "reports": "Client-ready PDF operations reviews, built from this workspace.",
}


class ComingSoonPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        self.heading = QLabel()
        self.heading.setObjectName("emptyHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel()
        self.body.setObjectName("emptyBody")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setFixedWidth(560)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def configure(self, key: str, title: str) -> None:
        self.heading.setText(f"{title} is coming to this workspace")
        self.body.setText(
            BLURBS.get(key, "")
            + "\n\nIt arrives in a coming version of opsdesk; your data is already kept "
            "in this workspace's format."
        )
        # Wrapped labels under a stylesheet font report too small a height; fix it here.
        self.body.ensurePolished()
        self.body.setMinimumHeight(self.body.heightForWidth(self.body.width()))

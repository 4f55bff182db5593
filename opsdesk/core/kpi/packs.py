"""Ready KPI packs (lean, service, AI/ML operations), shipped as JSON package data.

The packs live in ``resources/kpi_packs/``, found through ``opsdesk.core.resources`` in a
source checkout, an editable install, a wheel and a frozen app alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.kpi.definitions import ALWAYS
from opsdesk.core.resources import resource
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Batch, Transaction

PACKS = ("lean", "service", "ai-ops")
KPI_FIELDS = ("name", "description", "pillar", "unit", "direction", "frequency", "aggregation",
              "decimals", "red_percent", "red_value")


def load_pack(name: str) -> dict[str, Any]:
    if name not in PACKS:
        raise OpsdeskError(f"There is no KPI pack {name!r}; choose one of {', '.join(PACKS)}.")
    path = resource("kpi_packs", f"{name}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class AddPack:
    """Add a pack's KPIs (those not already in the workspace by name) as one undo step."""

    pack: str

    @property
    def title(self) -> str:
        return f"Add KPI pack {self.pack}"

    def apply(self, tx: Transaction) -> Applied[list[str]]:
        """The result is the names of the KPIs added."""
        data = load_pack(self.pack)
        have = {r[0].casefold() for r in tx.conn.execute("SELECT name FROM kpis")}
        adds = []
        for entry in data["kpis"]:
            if entry["name"].casefold() in have:
                continue
            values = {k: entry[k] for k in KPI_FIELDS if k in entry}
            values["pack"] = self.pack
            target = {"effective_from": ALWAYS, "target": entry.get("target"),
                      "band_low": entry.get("band_low"), "band_high": entry.get("band_high"),
                      "band_margin": entry.get("band_margin"), "note": "pack default"}
            adds.append(AddKpi(values, (target,), self.title))
        if not adds:
            raise OpsdeskError(f"Every KPI of the {self.pack} pack is already in this workspace.")
        applied = Batch(self.title, tuple(adds)).apply(tx)
        names = [a.values["name"] for a in adds]
        return Applied(applied.inverse, Changes.KPIS | Changes.TARGETS, names)

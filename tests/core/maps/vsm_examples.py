"""Value streams from the lean literature, as the tests use them."""

from __future__ import annotations

from opsdesk.core.maps.vsm_model import Demand, Family, Inventory, Process, ValueStream


def acme() -> ValueStream:
    demand = Demand(18_400, "month", 20, shifts=2, shift_length_s=8 * 3600,
                    breaks_s=2 * 600, mix=(Family("LH", 12_000), Family("RH", 6_400)))
    return ValueStream("Acme steering bracket", customer="State Street Assembly",
                       supplier="Michigan Steel Co.", demand=demand, flow=(
        Inventory("Coils", days=5),
        Process("Stamping", 1, 3600, 0.85, operators=1, epe_days=10),
        Inventory(by_part=(Family("LH", 4600), Family("RH", 2400))),
        Process("S. Weld #1", 39, 600, 1.0, operators=1),
        Inventory(by_part=(Family("LH", 1100), Family("RH", 600))),
        Process("S. Weld #2", 46, 600, 0.80, operators=1),
        Inventory(by_part=(Family("LH", 1600), Family("RH", 850))),
        Process("Assembly #1", 62, 0, 1.0, operators=1),
        Inventory(by_part=(Family("LH", 1200), Family("RH", 640))),
        Process("Assembly #2", 40, 0, 1.0, operators=1),
        Inventory("Shipping", by_part=(Family("LH", 2700), Family("RH", 1440))),
    ))

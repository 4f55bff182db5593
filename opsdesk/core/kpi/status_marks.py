"""How a status reads wherever it is printed (the review, the value-stream maps): its ink,
dark enough on white and distinct in greyscale, its symbol and its word."""

from __future__ import annotations

STATUS_INK = {"green": "#1b5e20", "amber": "#8a5300", "red": "#b71c1c", "stale": "#4a3b78",
              "no data": "#5b6773", "no target": "#5b6773", "no direction": "#5b6773"}
# Status is never colour alone: a symbol and a word go with it.
STATUS_SYMBOL = {"green": "●", "amber": "▲", "red": "■", "stale": "◆", "no data": "○",
                 "no target": "○", "no direction": "◇"}
STATUS_WORD = {"green": "On track", "amber": "At risk", "red": "Off track", "stale": "Stale",
               "no data": "No data", "no target": "No target",
               "no direction": "No direction"}

"""Helpers for benchmarks: medians of repeated runs, and the line format.

Each timed run starts from a collected heap (``gc.collect``, untimed): otherwise the cycle
collection that one run's garbage makes due lands in the next run, ours or the floor's,
whichever comes after."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def median_seconds(work: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def interleaved_medians(ours: Callable[[], object], floor: Callable[[], object],
                        repeat: int = 7, warmup: int = 1) -> tuple[float, float]:
    """Median seconds of each, run in turns (ours, floor, ours, ...): on a shared machine
    a slow spell then slows both alike instead of one of them."""
    for _ in range(warmup):
        ours()
        floor()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for work, kept in ((ours, times[0]), (floor, times[1])):
            gc.collect()
            started = time.perf_counter()
            work()
            kept.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def ratio_line(what: str, ours: float, floor: float, goal: float | None = None) -> str:
    ratio = ours / floor if floor else float("inf")
    verdict = ""
    if goal is not None:
        verdict = f" (goal <= {goal:.1f}: {'met' if ratio <= goal else 'MISSED'})"
    return (
        f"{what}: opsdesk {ours * 1000:.1f} ms, floor {floor * 1000:.1f} ms, "
        f"ratio {ratio:.2f}{verdict}"
    )

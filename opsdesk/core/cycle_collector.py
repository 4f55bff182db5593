"""Python's cycle collector paused for a burst of allocation: a PDF review, an import,
a large map's analyses, and in the app every task of the worker's pool.

Building a review allocates hundreds of thousands of objects that live until its end
(flowables, drawings, table cells). Each time their count passes the collector's
thresholds it walks them, and once or twice a build the walk is a full one over every
object in the process: a tenth of the build's time, measured (``make bench``,
bench_report), to find about ten thousand cycles that could as well wait for the build to
end. An import's cells, rows and tuples hold no cycle at all. Reference counting frees
everything else as usual, so memory stays as it was (a review's peak grew by under 1 %
with the collector paused).

The collector is one per process: pauses from several threads are counted, the last to
end resumes it, and a collector someone else had turned off stays off (the app's, which
collects on the GUI thread by its own timer, and waits while a pause lasts: ``is_paused``).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False  # whether the collector ran when the first pause began


@contextmanager
def pause() -> Iterator[None]:
    """Run the block with the cycle collector off; it finds the block's cycles at its
    next run after."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()


def is_paused() -> bool:
    """Whether a pause is going on (in any thread)."""
    return _depth > 0

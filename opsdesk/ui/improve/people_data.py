"""What the People tab reads, as a plain function of a connection (run by a BackgroundRead
in the pool): the directory and each person's workload as of the review date. Core holds
every query; this only gathers them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from opsdesk.core.improve.people import Directory, Workload


@dataclass(frozen=True)
class PeopleData:
    as_of: date                 # the review date: what is overdue is judged on it
    directory: Directory        # everyone and every team, by name
    workloads: list[Workload]   # one per person, in the directory's order


def people_data(conn: sqlite3.Connection) -> PeopleData:
    """The directory and everyone's workload, as of the workspace's review date."""
    from opsdesk.core.improve.people_store import directory, workloads
    from opsdesk.core.kpi.review_date import review_date

    as_of = review_date(conn)
    return PeopleData(as_of, directory(conn), workloads(conn, as_of))

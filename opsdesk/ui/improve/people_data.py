"""What the People tab reads, as a plain function of a connection (run in the pool, with
the projects and actions, by ``improve_data.work_data``): the directory and each person's
workload as of the review date. Core holds every query; this only gathers them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from opsdesk.core.improve.actions import Action
from opsdesk.core.improve.people import Directory, Workload
from opsdesk.core.improve.project import Project


@dataclass(frozen=True)
class PeopleData:
    as_of: date                 # the review date: what is overdue is judged on it
    directory: Directory        # everyone and every team, by name
    workloads: list[Workload]   # one per person, in the directory's order


def people_data(conn: sqlite3.Connection, as_of: date | None = None,
                actions: Sequence[Action] | None = None,
                projects: Sequence[Project] | None = None) -> PeopleData:
    """The directory and everyone's workload, as of the workspace's review date (or
    ``as_of``); the workload counted from ``actions`` and ``projects`` when the caller has
    read them already (``improve_data.work_data`` does), else read here."""
    from opsdesk.core.improve.people_store import directory, workloads
    from opsdesk.core.kpi.review_date import review_date

    as_of = as_of or review_date(conn)
    return PeopleData(as_of, directory(conn), workloads(conn, as_of, actions, projects))

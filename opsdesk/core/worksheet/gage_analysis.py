"""A gage R&R study of worksheet columns (part, operator, measurement): the study
``opsdesk gage`` runs, its text as the command line prints it, and its six graphs."""

from __future__ import annotations

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.msa.run_gage import GageRequest
from opsdesk.core.worksheet.analysis import Analysis, filled_to, table_of
from opsdesk.core.worksheet.grid import Grid


def gage_analysis(grid: Grid, name: str, req: GageRequest) -> Analysis:
    from opsdesk.core.msa.gage_charts import gage_charts
    from opsdesk.core.msa.result import GageResult
    from opsdesk.core.msa.run_gage import run_gage
    from opsdesk.core.msa.study import gage_study
    from opsdesk.core.msa.text import study_lines

    columns = (req.part, req.operator, req.value)
    if len(set(columns)) != len(columns):
        raise OpsdeskError("The part, operator and measurement columns must be three "
                           "different columns.")
    table = table_of(filled_to(grid, (*columns, req.standard)), name)
    result = run_gage(table, req)
    lines = tuple(study_lines(result))
    if not isinstance(result, GageResult):  # an attribute study has no gage graphs
        return Analysis((), lines)
    # run_gage has checked the columns; the graphs need the study's table of values
    study = gage_study(table.labels(req.part), table.labels(req.operator),
                       table.numbers(req.value), nested=req.nested)
    return Analysis(gage_charts(study, result), lines)

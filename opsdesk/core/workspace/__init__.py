"""The .opsdesk workspace file: open and lock, schema, migrations, commands and audit."""

from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Command, Transaction
from opsdesk.core.workspace.workspace import Workspace

__all__ = ["Applied", "Changes", "Command", "Transaction", "Workspace"]

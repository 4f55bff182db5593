"""Where opsdesk keeps its own files: the user data folder, the log, recent files.

``OPSDESK_HOME`` overrides the platform folder (tests and portable installs use it).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "opsdesk"
WORKSPACE_SUFFIX = ".opsdesk"


def data_dir() -> Path:
    """The user data folder, created on first use."""
    override = os.environ.get("OPSDESK_HOME")
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir(APP_NAME, appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from opsdesk.core.errors import OpsdeskError
        from opsdesk.core.output_file import os_reason

        raise OpsdeskError(
            f"opsdesk's data folder {folder} cannot be made ({os_reason(error)}); set "
            "OPSDESK_HOME to a folder you can write."
        ) from None
    return folder


def default_workspace() -> Path:
    return data_dir() / f"My workspace{WORKSPACE_SUFFIX}"


def log_file() -> Path:
    return data_dir() / "opsdesk.log"


def recent_files_file() -> Path:
    return data_dir() / "recent.json"

"""The log file for unexpected errors: full tracebacks go there, never to the screen."""

from __future__ import annotations

import contextlib
import logging
from logging.handlers import RotatingFileHandler

from opsdesk.core import paths
from opsdesk.core.errors import OpsdeskError

_handler: RotatingFileHandler | None = None


def configure() -> logging.Logger:
    """The opsdesk logger, writing to the log file of the current user data folder.

    Raises ``OpsdeskError`` (one sentence) when that folder or file cannot be written."""
    global _handler
    logger = logging.getLogger("opsdesk")
    target = str(paths.log_file())
    if _handler is None or _handler.baseFilename != target:
        if _handler is not None:  # the data folder moved (OPSDESK_HOME changed)
            logger.removeHandler(_handler)
            _handler.close()
            _handler = None
        try:
            _handler = RotatingFileHandler(
                target, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError as error:
            from opsdesk.core.errors import OpsdeskError
            from opsdesk.core.output_file import os_reason

            raise OpsdeskError(
                f"opsdesk's log file {target} cannot be written ({os_reason(error)}); set "
                "OPSDESK_HOME to a folder you can write."
            ) from None
        _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(_handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def log_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                file: object = None, line: str | None = None) -> None:
    """``warnings.showwarning`` for opsdesk: a warning goes to the log file, never to the
    user's terminal or a dialog."""
    with contextlib.suppress(OpsdeskError):  # nowhere to log it: it stays unsaid
        configure().warning("%s:%s: %s: %s", filename, lineno, category.__name__, message)


def log_unexpected(context: str, error: BaseException) -> str:
    """Log ``error`` with its traceback; return the one sentence to show the user."""
    try:
        configure().error("%s", context, exc_info=(type(error), error, error.__traceback__))
    except OpsdeskError as unlogged:
        return f"Something went wrong while {context} ({type(error).__name__}), and {unlogged}"
    return (
        f"Something went wrong while {context} ({type(error).__name__}); "
        f"the details are in {paths.log_file()}."
    )

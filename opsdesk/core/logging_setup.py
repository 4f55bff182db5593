"""The log file for unexpected errors: full tracebacks go there, never to the screen."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from opsdesk.core import paths

_configured = False


def configure() -> logging.Logger:
    global _configured
    logger = logging.getLogger("opsdesk")
    if not _configured:
        handler = RotatingFileHandler(
            paths.log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        _configured = True
    return logger


def log_unexpected(context: str, error: BaseException) -> str:
    """Log ``error`` with its traceback; return the one sentence to show the user."""
    configure().error("%s", context, exc_info=(type(error), error, error.__traceback__))
    return (
        f"Something went wrong while {context} ({type(error).__name__}); "
        f"the details are in {paths.log_file()}."
    )

"""The PySide6 desktop shell: a thin skin over opsdesk.core."""

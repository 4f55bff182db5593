"""One module per group of ``opsdesk`` sub-commands; see ``opsdesk.cli``."""

"""The Improvement page's parts: what it reads from core (``improve_data``) and its tabs
(``portfolio_tab``, ``actions_tab``, ``incidents_tab``), each a table model over core's
rows with the page's filters."""

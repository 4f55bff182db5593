"""The Data page's parts: the worksheet grid and the analysis panel."""

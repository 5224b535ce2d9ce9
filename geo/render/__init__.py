"""The web map: canvas events, filters, offline basemap, front slider, self-contained HTML."""

"""Output writers: GeoPackage + QGIS styles, CSV (plain and ACLED), the output set."""

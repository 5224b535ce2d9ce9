"""Spatial side: boundaries, joins, aggregates, control table, areas, front lines."""

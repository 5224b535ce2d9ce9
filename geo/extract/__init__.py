"""Extraction passes: mentions, events, counts, dates, actors, control."""

"""Reading dispatches: files, folders, JSON Lines, CSV, HTML -> Document."""

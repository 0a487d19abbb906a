"""Renderers: turn neutral results (rows, comparisons, profiles) into text for people,
JSON and CSV for scripts, and tables in every tabulate format."""

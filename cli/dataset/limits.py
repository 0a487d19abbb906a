"""Limits that keep hostile files cheap to reject. Documented in docs/format.md."""

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_SCALAR_CHARS = 20_000
MAX_DIGITS = 15  # per number: what a float holds exactly, far above any count or amount
MAX_PROBLEMS = 100  # per file: past this, reading the file stops
MAX_CANDIDATE_FILES = 1000  # per race folder: a real race has a few dozen at most

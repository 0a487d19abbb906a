"""candidate-platforms: compare what election candidates have said, topic by topic.

The package is a library (model, loading, validation, comparison, rendering) with a
thin Click layer in :mod:`cli.commands` on top of it.
"""

__version__ = "0.1.0"

"""candidate-platforms: compare what election candidates have said, topic by topic.

The package is a library with a thin Click layer on top (cli.commands). Its subpackages
hold one concern each, and each ``__init__`` says what it may import (the README's
"Architecture" draws it; tests/test_architecture.py enforces it): cli.text, then the
shared cli.model, cli.problems, cli.choices and cli.cachedir, then cli.dataset and
cli.quotes, then cli.queries, cli.history and cli.curation, then cli.output, then
cli.commands.
"""

__version__ = "0.1.0"

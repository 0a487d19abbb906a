"""Allow ``python -m cli`` as a synonym for the ``platforms`` command."""

from cli.commands.main import main

main()

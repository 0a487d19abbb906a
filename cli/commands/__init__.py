"""The Click layer: each command parses options, calls the library and prints."""

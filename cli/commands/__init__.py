"""The Click layer: each command parses options, calls the library and prints; context
holds what commands share (the dataset, references, options, formats); streams is the one
door standard output and standard error are written through.

The only package that imports Click; it may import every other package."""

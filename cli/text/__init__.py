"""Text helpers every layer may use, with the standard library alone: control characters
made visible (controlchars), case folding for search (textfold), did-you-mean (suggest),
numbers in words and figures (numbers), web addresses (urls), fast indented JSON
(jsontext), ASCII for what an output encoding cannot hold (encodable), StrEnum on
Python 3.10 (strenum) and reading a named file bounded, a regular file only (plainfiles).

May import: nothing of cli but one another (jsontext escapes what controlchars finds)."""

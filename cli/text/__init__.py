"""Text helpers every layer may use, with the standard library alone: control characters
made visible (controlchars), case folding for search (textfold), did-you-mean (suggest),
numbers in words and figures (numbers), web addresses (urls), fast indented JSON
(jsontext), ASCII for what an output encoding cannot hold (encodable) and StrEnum on
Python 3.10 (strenum).

May import: nothing of cli but one another (jsontext escapes what controlchars finds)."""

"""Text helpers every layer may use, with the standard library alone: control characters
made visible (controlchars), case folding for search (textfold), did-you-mean (suggest),
numbers in words and figures (numbers), web addresses (urls), fast indented JSON
(jsontext), ASCII for what an output encoding cannot hold (encodable), StrEnum on
Python 3.10 (strenum), reading a named file bounded, a regular file only (plainfiles), the
tool's own words in the reader's language (messages: gettext over cli/locale) and dates in
words (datewords).

May import: nothing of cli but one another (jsontext escapes what controlchars finds;
datewords and suggest write their words through messages)."""

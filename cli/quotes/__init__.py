"""Checking quotes against the pages they cite: fetching pages safely (fetch), a page's
text (pagetext), finding a quote in it (quotematch), the check itself (quotecheck) and its
verdicts (status).

May import: cli.text and the shared modules (not cli.dataset: it works on the model)."""

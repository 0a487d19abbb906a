"""Renderers: turn neutral results (comparisons, profiles, checks, changes) into text for
people (the *_text modules, on terminal, grid and footnotes), JSON, CSV and tables in every
tabulate format whose cells can be made inert (formats, each cell's escape in cells), the
handout's HTML, Markdown and LaTeX (handout_markup, with cli/templates/) and PDF (pdf),
and files written atomically (outfile).

May import: every package but cli.commands. Never Click."""

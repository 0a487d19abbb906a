"""What the commands ask of a loaded dataset: side-by-side comparison and diff
(comparison, degree), why a candidate has no position (absence), who else is in a race
(racefield) and where its election stands on a date (timeline), filter, its index and its
result (filtering, filterindex, filterresult), match, a candidate's profile, a person across
races, the listings, the handout model (handout_model, paper, notes), the JSON records
every query shares (records), data text in the reader's language or marked as English
(language) and the words for the data's codes (words).

May import: cli.dataset, cli.text and the shared modules. Never cli.output or Click:
results are neutral data that the renderers of cli.output turn into text."""

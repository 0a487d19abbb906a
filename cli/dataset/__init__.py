"""Reading and checking a dataset: which files it has (layout), the safe located YAML
reader (safeyaml), YAML written back exactly (yamltext), the JSON Schemas of each file kind
(schemacheck, with cli/schemas/), the format's partial dates (dates), typed views of files
that may be invalid (fileviews), the rules across files (rules, targetrules), building the
typed model (build), loading with every problem reported (load), resolving references
(refs), reading races in parallel (parallel), the limits a file must keep (limits), and
where the bundled dataset is (bundled).

May import: cli.text and the shared modules (cli.model, cli.problems, cli.choices,
cli.cachedir). Never cli.queries, cli.output or Click."""

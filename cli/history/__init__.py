"""The dataset's git history: safe git access (gitrepo), symbolic links of a committed
tree followed as on disk (treelinks), one candidate's positions over the commits
(candidate_history), what changed between two revisions (changes), and the revision a
handout is printed from (revision).

May import: cli.dataset, cli.text and the shared modules."""

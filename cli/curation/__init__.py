"""The curator's tools that write files: the skeletons ``platforms new`` writes
(scaffold), a web page's metadata (pagemeta), sources.yaml edited as text
(bibliography), and ``platforms cite`` itself (cite).

May import: cli.dataset, cli.quotes (fetching a page), cli.text and the shared modules."""

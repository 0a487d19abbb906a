"""Symbolic links in a committed tree, followed as the working tree reader follows them on
disk (:func:`cli.dataset.layout.read_text`): a link reads as the file it names, if that is
a file of the dataset. git stores a link as a blob holding the path it names; that path is
never read as the file's content.

Stricter than the disk in one way: every step stays inside the dataset, as the tree at a
revision holds nothing else that could be checked (an absolute path names a place on some
curator's disk, never a file of the revision).
"""

from __future__ import annotations

from collections.abc import Container, Mapping

#: Links followed in a row before giving up, as Linux does (MAXSYMLINKS).
MAX_HOPS = 40


def resolve(path: str, links: Mapping[str, str], files: Container[str]) -> str | None:
    """The dataset-relative path of the file ``path`` names in a tree whose symbolic links
    are ``links`` (path -> the path the link holds) and whose regular files are ``files``;
    None when a link leads out of the dataset (an absolute path, a '..' above its root),
    round in a loop, or to no file."""
    done: list[str] = []
    todo = path.split("/")[::-1]  # the parts still to walk, the next one last
    hops = 0
    while todo:
        part = todo.pop()
        if part in ("", "."):
            continue
        if part == "..":
            if not done:
                return None
            done.pop()
            continue
        done.append(part)
        target = links.get("/".join(done))
        if target is not None:
            hops += 1
            if hops > MAX_HOPS or target.startswith("/"):
                return None
            done.pop()  # the link's own folder is where its path starts
            todo.extend(target.split("/")[::-1])
    found = "/".join(done)
    return found if found in files else None

"""What ``filter`` found: records read from the YAML, or the JSON text the filter index
stored for each. Either gives the records (``as_records``) and the JSON document
(``as_json``), so the command need not know which it holds; the stored JSON is joined as
it is, never decoded and encoded again.

A warm ``filter --format json`` through the index imports this module, so it holds plain
classes (building two frozen dataclasses took 1.7 ms, measured on the 2-CPU machine whose
warm filter takes about 100 ms), and imports ``cli.text.jsontext`` and ``json`` only in the
methods that use them.
"""

from __future__ import annotations


class YamlRecords:
    """The records ``filter`` read from the YAML, and whether it read several races (a
    table then names each row's race)."""

    __slots__ = ("records", "several_races")

    def __init__(self, records: list[dict], several_races: bool) -> None:
        self.records = records
        self.several_races = several_races

    def __len__(self) -> int:
        return len(self.records)

    def as_records(self) -> list[dict]:
        """The records, as :meth:`cli.queries.filtering.Hit.to_record` gives them."""
        return self.records

    def as_json(self) -> str:
        """The records as ``filter --format json`` prints them."""
        from cli.text.jsontext import to_json

        return to_json(self.records)


class StoredRecords:
    """The records the filter index found, each as the JSON text it stored (see
    :meth:`item`), and whether it searched several races."""

    __slots__ = ("items", "several_races")

    def __init__(self, items: list[str], several_races: bool) -> None:
        self.items = items
        self.several_races = several_races

    @staticmethod
    def item(record: dict) -> str:
        """``record`` as the index stores it: as it stands inside ``to_json`` of a list,
        indented one level."""
        from cli.text.jsontext import to_json

        return "  " + to_json(record, indent=2)

    def __len__(self) -> int:
        return len(self.items)

    def as_records(self) -> list[dict]:
        """The records, decoded from the stored text."""
        import json

        return [json.loads(item) for item in self.items]

    def as_json(self) -> str:
        """The document ``to_json`` of the records would give, joined from the stored
        items without decoding them."""
        return "[\n" + ",\n".join(self.items) + "\n]" if self.items else "[]"


#: What the filter's records come as, from the YAML or from the index.
FilterResult = YamlRecords | StoredRecords


def table_row(record: dict) -> dict:
    """A filter record as a table row: its keys, and with ``--measure`` the targets that
    met it in words (``target``: "9,700 officers, by 2026")."""
    if "matched_targets" not in record:
        return record
    from cli.text.numbers import format_number

    met = [
        f"{format_number(t['value'])} {t['unit']}".rstrip()
        + (f", {t['when']}" if t["when"] else "")
        for t in record["matched_targets"]
    ]
    return {**record, "target": "; ".join(met)}

"""Problems found in a dataset, located at a file, line and column, and the registry of
their codes: every code validate (or match's answers check) can report, its severity and a
one-line description, from which docs/format.md's table is generated (docs/codes.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cli.text.controlchars import one_line
from cli.text.messages import N_
from cli.text.strenum import StrEnum


class Severity(StrEnum):
    """How much a problem matters: an error makes the dataset unusable; a warning fails
    only ``validate --strict``."""

    ERROR = "error"
    WARNING = "warning"


ERROR, WARNING = Severity.ERROR, Severity.WARNING


class Code(StrEnum):
    """A problem's stable code (``validate --format json``), with its severity and what it
    means. The value is the code as printed; members are listed as docs/format.md shows
    them."""

    severity: Severity
    what: str

    def __new__(cls, value: str, severity: Severity, what: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.what = what
        return member

    @classmethod
    def of(cls, value: str) -> Code:
        """The registered code whose value is ``value``; ValueError when none is."""
        return cls(value)  # type: ignore[call-arg]  # Enum's lookup by value, not __new__

    # Reading YAML
    INVALID_YAML = (
        "invalid-yaml",
        ERROR,
        "not valid YAML (also control characters, tabs in indentation)",
    )
    NOT_UTF8 = "not-utf8", ERROR, "bytes that are not UTF-8 (located at the first bad byte)"
    EMPTY_FILE = "empty-file", ERROR, "nothing but comments or whitespace"
    MULTIPLE_DOCUMENTS = "multiple-documents", ERROR, "a second `---` document"
    TAG = (
        "tag",
        ERROR,
        "a YAML tag (`!!python/object`...): the format forbids them; never constructed",
    )
    ANCHOR = "anchor", ERROR, "a YAML anchor (`&name`): the format forbids them"
    ALIAS = "alias", ERROR, "a YAML alias (`*name`): the format forbids them; never expanded"
    MERGE_KEY = "merge-key", ERROR, "a YAML merge key (`<<`): the format forbids them"
    COMPLEX_KEY = "complex-key", ERROR, "a mapping or list used as a key"
    DUPLICATE_KEY = (
        "duplicate-key",
        ERROR,
        "the same key twice in a mapping (names the earlier line)",
    )
    NON_FINITE_NUMBER = "non-finite-number", ERROR, "`.nan`, `.inf`"
    NUMBER_NOTATION = (
        "number-notation",
        ERROR,
        "a number not in plain notation, which YAML 1.1 reads as another number: a leading "
        "zero (`040` is octal 32), hexadecimal `0x10`, binary `0b101`, base 60 (`1:30` is 90), "
        "`_` separators, an exponent (`4.0e+1`), `.5`",
    )
    TOO_MANY_DIGITS = (
        "too-many-digits",
        ERROR,
        "a number of more than 15 digits (no float holds more exactly)",
    )
    TOO_DEEP = "too-deep", ERROR, "nesting deeper than 32 levels"
    TOO_LONG = "too-long", ERROR, "a value over 20,000 characters (or over its field's maximum)"
    TOO_MANY_PROBLEMS = (
        "too-many-problems",
        ERROR,
        "a file with over 100 problems: reading it stops there",
    )
    # The schema of each file
    UNKNOWN_KEY = "unknown-key", ERROR, 'a key the format does not define, with "did you mean"'
    WRONG_TYPE = "wrong-type", ERROR, "e.g. a list where text is expected, or a non-string key"
    MISSING_FIELD = "missing-field", ERROR, "a required key is absent"
    EMPTY_VALUE = "empty-value", ERROR, "a required text is empty"
    BLANK_VALUE = (
        "blank-value",
        ERROR,
        "a key with no value (`summary:`), as `platforms new` leaves them to fill in; "
        "the message says what to write there",
    )
    INVALID_VALUE = "invalid-value", ERROR, "a text its field's pattern does not allow"
    TOO_FEW_ITEMS = "too-few-items", ERROR, "a list shorter than its field allows"
    OUT_OF_RANGE = "out-of-range", ERROR, "a number outside its field's range"
    BAD_ID = "bad-id", ERROR, "a topic, source, race or candidate id that is not a slug"
    BAD_STANCE = "bad-stance", ERROR, "a stance other than support, oppose, mixed, unclear"
    BAD_BASIS = (
        "bad-basis",
        ERROR,
        "a figure's `basis` outside its list (targets: pledge, estimate; reported figures: "
        "count, estimate, claim, projection, budget)",
    )
    BAD_STATUS = (
        "bad-status",
        ERROR,
        "a candidacy `status` other than exploring, declared, filed, on-ballot, withdrawn",
    )
    STATUS_OUT_OF_ORDER = (
        "status-out-of-order",
        ERROR,
        "a candidate's `status` history not oldest first: an entry dated before the one above",
    )
    BAD_HASH = (
        "bad-hash",
        ERROR,
        "a source's `checked.text_sha256` that is not 64 lowercase hexadecimal digits",
    )
    BAD_KIND = "bad-kind", ERROR, "a source kind outside its list"
    BAD_ROUND = "bad-round", ERROR, "a result's round outside its list"
    BAD_SYSTEM = "bad-system", ERROR, "a race's voting system outside its list"
    BAD_COUNT = "bad-count", ERROR, "a result's count outside its list"
    BAD_OUTCOME = "bad-outcome", ERROR, "a result's outcome outside its list"
    BAD_MEASURE_KIND = "bad-measure-kind", ERROR, "a measure kind other than level or change"
    BAD_DATE = "bad-date", ERROR, "a malformed date, or one not on the calendar"
    BAD_URL = "bad-url", ERROR, "a URL that is not an absolute http(s) URL with a host"
    BAD_LANG = (
        "bad-lang",
        ERROR,
        "a `lang` that is not a BCP 47 language tag (en, es, es-US, zh-Hant)",
    )
    BAD_TRANSLATION = (
        "bad-translation",
        ERROR,
        "a quote's `translation` into a language other than `en` or `es`, or into the "
        "language the quote is in",
    )
    BAD_PERCENT = "bad-percent", ERROR, "a percent outside 0-100"
    BAD_NUMBER = "bad-number", ERROR, "a negative number"
    BAD_SPAN = "bad-span", ERROR, '`within` not "N days/weeks/months/years"'
    BAD_CONTACT = "bad-contact", ERROR, "`corrections` neither a URL nor an e-mail address"
    UNSUPPORTED_FORMAT = (
        "unsupported-format",
        ERROR,
        "dataset.yaml names a format version this release does not read",
    )
    NO_CITATIONS = (
        "no-citations",
        ERROR,
        "a position (or endorsement or result that has `citations`) with an empty list",
    )
    EMPTY_QUOTE = "empty-quote", ERROR, "a quote that is empty"
    QUOTE_TOO_LONG = "quote-too-long", ERROR, "a quote over 600 characters"
    SUMMARY_TOO_LONG = (
        "summary-too-long",
        ERROR,
        "a `summary` or `summary_es` over 300 characters",
    )
    # Files and folders
    BAD_FILE_NAME = "bad-file-name", ERROR, "a candidate file whose stem is not a slug"
    WRONG_EXTENSION = (
        "wrong-extension",
        ERROR,
        "a `.yml` file in a race folder (it would be silently ignored)",
    )
    MISSING_FILE = "missing-file", ERROR, "no topics.yaml, or a race folder without race.yaml"
    CANDIDATE_IN_ROOT = (
        "candidate-in-root",
        ERROR,
        "a YAML file in the dataset root other than dataset.yaml and topics.yaml",
    )
    OUTSIDE_LINK = "outside-link", ERROR, "a link leading outside the dataset (never followed)"
    BAD_LINK = (
        "bad-link",
        ERROR,
        "a link leading nowhere, in a loop, or to a race folder (never followed)",
    )
    NOT_A_FILE = "not-a-file", ERROR, "a folder, pipe or device where a file belongs"
    UNREADABLE = "unreadable", ERROR, "a file or folder that cannot be read"
    FILE_TOO_LARGE = "file-too-large", ERROR, "a file over 1 MiB"
    TOO_MANY_FILES = (
        "too-many-files",
        ERROR,
        "a race folder holding over 1,000 candidate files: none of them is read",
    )
    # Across files
    UNKNOWN_TOPIC = (
        "unknown-topic",
        ERROR,
        "a position, or a race's `topics` entry, names a topic topics.yaml lacks",
    )
    UNKNOWN_SOURCE = (
        "unknown-source",
        ERROR,
        "a citation names a source the race's sources.yaml lacks",
    )
    UNKNOWN_CANDIDATE = "unknown-candidate", ERROR, "a result names a candidate the race lacks"
    UNKNOWN_MEASURE = (
        "unknown-measure",
        ERROR,
        "a target names a measure its topic does not declare",
    )
    UNIT_MISMATCH = "unit-mismatch", ERROR, "a target's `unit` is not its measure's"
    TWO_DEADLINES = "two-deadlines", ERROR, "a target with both `deadline` and `within`"
    UNCITED_TARGET_SOURCE = (
        "uncited-target-source",
        ERROR,
        "a target's `source` is not among its position's citations",
    )
    DUPLICATE_PERSON = (
        "duplicate-person",
        ERROR,
        "one `person` in two candidate files of one race (reported at both)",
    )
    POSITION_AND_NO_POSITION = (
        "position-and-no-position",
        ERROR,
        "a topic under both `positions` and `no_position`",
    )
    TRANSLATION_WITHOUT_ORIGINAL = (
        "translation-without-original",
        ERROR,
        "a Spanish text (`es:` `description` or `definition`, `occupation_es`) whose English "
        "field is absent",
    )
    UNUSED_SOURCE = "unused-source", WARNING, "a source nothing in the race cites"
    COVERAGE_GAP = (
        "coverage-gap",
        WARNING,
        "a topic in the race's `topics` on which a candidate has no position",
    )
    TOPIC_UNANSWERED = (
        "topic-unanswered",
        WARNING,
        "a topic in the race's `topics` that no candidate file answers, by a position or a "
        "`no_position`",
    )
    FUTURE_DATE = "future-date", WARNING, "a date after today"
    UNLOCATED_SOURCE = "unlocated-source", WARNING, "a source with neither url nor date"
    NO_POSITIONS = "no-positions", WARNING, "a candidate without positions"
    MISSING_BASIS = (
        "missing-basis",
        WARNING,
        "a target or reported figure without `basis`, so a reader cannot tell a count from a "
        "projection",
    )
    UNCITED_NAMES = (
        "uncited-names",
        WARNING,
        "race.yaml's `not_covered` names candidates without a citation of a page that names them",
    )
    POSITION_UNDATED = (
        "position-undated",
        WARNING,
        "a position with neither `as_of` nor a citation of a dated source",
    )
    UNEXPECTED_FOLDER = (
        "unexpected-folder",
        WARNING,
        "a folder inside a race folder (ignored)",
    )
    NUMBER_NOT_IN_QUOTE = (
        "number-not-in-quote",
        WARNING,
        "a target's (or reported figure's) number does not appear in the quote that should "
        "state it; reported at the number",
    )
    PERSON_NAME_DIFFERS = (
        "person-name-differs",
        WARNING,
        "one `person` under different names in different races, with no `name_note` on "
        "the file that differs",
    )
    CONTROL_CHARACTER = (
        "control-character",
        WARNING,
        "a value holding a control character (ANSI escape, BEL, backspace, carriage return, "
        "tab) or a bidirectional override (U+202A–U+202E, U+2066–U+2069); every output "
        "shows them as `<U+XXXX>`",
    )
    # The answers file of `platforms match --answers`
    BAD_ANSWERS = (
        "bad-answers",
        ERROR,
        "an answers file that is not one `answers` mapping of topic ids (match)",
    )
    BAD_ANSWER = (
        "bad-answer",
        ERROR,
        "an answer other than yes, no, skip, support or oppose (match)",
    )
    BAD_WEIGHT = "bad-weight", ERROR, "a weight other than 1, 2 or 3 (match)"
    TOPIC_NOT_IN_RACE = (
        "topic-not-in-race",
        WARNING,
        "an answer on a topic the race is not compared on; it is ignored (match)",
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of validation, in the order a compiler would list it."""

    path: str
    line: int
    column: int
    severity: Severity = field(init=False)  # the code's, from the registry
    code: Code
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", self.code.severity)

    def __str__(self) -> str:
        """The problem as one line that starts with its path, whatever the path and the
        values its message names hold: a value cannot forge a problem line, nor a line a
        CI log reads as a command (GitHub's ``::error``, Azure's ``##vso[``)."""
        path = self.path if self.path[:1].isalnum() or self.path[:1] in "./_~" else f"./{self.path}"
        return one_line(f"{path}:{self.line}:{self.column}: {self.severity}: {self.message}")

    def to_dict(self) -> dict:
        """The JSON form used by ``validate --format json``."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class DataError(Exception):
    """The dataset cannot be used as it stands; carries every error found."""

    def __init__(
        self,
        problems: list[Problem],
        hint: str = N_("run 'platforms validate' for the full report"),
    ):
        self.problems = sorted(problems)
        self.hint = hint
        super().__init__("\n".join(str(p) for p in self.problems))


def report_record(problems: list[Problem]) -> dict:
    """``validate --format json``: how many errors and warnings, and every problem."""
    errors = len(errors_in(problems))
    return {
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [p.to_dict() for p in problems],
    }


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that are errors, not warnings."""
    return [p for p in problems if p.severity == ERROR]

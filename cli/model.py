"""The typed, immutable model of a dataset: what every query and renderer works on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from cli.choices import Candidacy, Stance
from cli.text.datewords import date_words
from cli.text.messages import ENGLISH, N_, _, language, ngettext
from cli.text.names import surname_of

_EMPTY: Mapping = MappingProxyType({})

#: ENGLISH (cli.text.messages) is the language a dataset is written in, and a quote's unless
#: its citation or source says otherwise (``lang``: a BCP 47 tag).
#: The language curators may translate a dataset's texts into (``es:``, ``summary_es``...).
SPANISH = "es"


@dataclass(frozen=True)
class LangText:
    """A text as a reader of one language is given it: the words, the language they are
    written in (``lang``), and whether they ``fell_back`` to the English because the
    curators wrote none in the language asked for (a renderer then marks them as English,
    ``lang="en"`` in HTML)."""

    text: str
    lang: str
    fell_back: bool = False


class Translatable:
    """A model object some of whose texts the curators may also write in another language:
    ``translations`` maps a language (``es``) to the field names and their text in it
    (``{"es": {"title": ..., "question": ...}}``)."""

    translations: Mapping[str, Mapping[str, str]]

    def text_in(self, name: str, lang: str) -> LangText | None:
        """The text of field ``name`` for a reader of ``lang``: the curators' own words in
        that language where they wrote them, else the English, marked as fallen back;
        None when the field holds no text in English."""
        english = getattr(self, name)
        if english is None:
            return None
        if lang == ENGLISH:
            return LangText(english, ENGLISH)
        written = self.translations.get(lang, _EMPTY).get(name)
        if written is not None:
            return LangText(written, lang)
        return LangText(english, ENGLISH, fell_back=True)


@dataclass(frozen=True)
class Origin:
    """Where a piece of data was written: a path relative to the dataset root, line, column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Measure(Translatable):
    """A number a topic's targets may state: what is counted, its unit, level or change;
    its label, definition and unit may also be written in Spanish."""

    id: str
    label: str
    unit: str
    kind: str
    description: str | None = None
    definition: str | None = None
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class Topic(Translatable):
    """An entry of the topic catalogue; its title, question and description may also be
    written in Spanish."""

    id: str
    title: str
    question: str
    description: str | None = None
    measures: Mapping[str, Measure] = field(default_factory=lambda: _EMPTY)
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class Source:
    """An entry of a race's bibliography."""

    id: str
    title: str
    publisher: str
    author: str | None = None
    date: str | None = None
    url: str | None = None
    kind: str | None = None
    accessed: str | None = None
    notes: str | None = None
    read: str | None = None
    checked: Checked | None = None
    lang: str = ENGLISH


@dataclass(frozen=True)
class Checked:
    """The last ``check-quotes --record`` run that found every quote of a source: its day
    and the SHA-256 of the normalised page text it read."""

    date: str
    text_sha256: str


@dataclass(frozen=True)
class Translation:
    """The curators' translation of a quote into English or Spanish (``lang``), or a named
    translator's (``by``; None: the dataset's curators). Never a machine's."""

    lang: str
    text: str
    by: str | None = None


@dataclass(frozen=True)
class Citation:
    """Verbatim words from a source, in the language they were said in (``lang``: the
    citation's own, else its source's, else English), and perhaps a translation of them."""

    source: Source
    quote: str
    speaker: str | None = None
    origin: Origin | None = None
    lang: str = ENGLISH
    translation: Translation | None = None

    @property
    def words_of(self) -> str:
        """Whose words the quote is: the speaker named, else the publisher (a reporter's or
        the publication's own words, never the candidate's unless a speaker says so)."""
        return self.speaker or self.source.publisher


#: What a reported figure is (its ``basis``), as a reader is told it: the heading it stands
#: under, and the verb naming who gave it. Only counts, estimates and claims are "reported
#: since" a pledge; a projection or a budget is not the quantity reached.
FIGURE_BASES = {
    "count": (N_("Reported since"), N_("counted by {who}")),
    "estimate": (N_("Reported since"), N_("estimated by {who}")),
    "claim": (N_("Reported since"), N_("claimed by {who}")),
    "projection": (N_("Projected"), N_("projected by {who}")),
    "budget": (N_("Funded"), N_("funded according to {who}")),
}
#: A target's ``basis`` in words.
TARGET_BASES = {"pledge": N_("pledge"), "estimate": N_("the candidate's estimate")}
NO_BASIS = N_("basis not stated")
#: The units of a ``within`` span, each in the singular and the plural.
SPANS = {
    "day": lambda n: ngettext("{count} day", "{count} days", n),
    "week": lambda n: ngettext("{count} week", "{count} weeks", n),
    "month": lambda n: ngettext("{count} month", "{count} months", n),
    "year": lambda n: ngettext("{count} year", "{count} years", n),
}


@dataclass(frozen=True)
class Reported:
    """A figure reported later for a target's measure, with the words that state it, its
    ``basis`` (count, estimate, claim, projection, budget) and who gave it (``by``)."""

    value: float
    as_of: str
    citation: Citation
    note: str | None = None
    basis: str | None = None
    by: str | None = None

    @property
    def heading(self) -> str:
        """What the figure stands under: "Reported since", "Projected" or "Funded"."""
        if self.basis in FIGURE_BASES:
            return _(FIGURE_BASES[self.basis][0])
        return _("Reported since ({basis})").format(basis=_(NO_BASIS))

    @property
    def attribution(self) -> str:
        """Who gave the figure, as a reader says it ("claimed by the mayor's office"):
        ``by``, else the quote's speaker; when neither is known, the publication that
        reported it ("as reported by FOX 5 NY"), so no figure goes unattributed."""
        who = self.by or self.citation.speaker
        if who is None:
            return _("as reported by {who}").format(who=self.citation.source.publisher)
        verb = FIGURE_BASES[self.basis][1] if self.basis in FIGURE_BASES else N_("given by {who}")
        return _(verb).format(who=who)


@dataclass(frozen=True)
class Target:
    """A numeric commitment: a measure, a number, a deadline, and the source stating it."""

    measure: str
    value: float
    source: Source
    deadline: str | None = None
    within: str | None = None
    note: str | None = None
    reported: tuple[Reported, ...] = ()
    origin: Origin | None = None
    basis: str | None = None

    @property
    def basis_words(self) -> str:
        """The target's basis as a reader is told it: "pledge", "the candidate's estimate"
        or "basis not stated"."""
        return _(TARGET_BASES.get(self.basis or "", NO_BASIS))

    @property
    def when(self) -> str | None:
        """The deadline as a reader says it: "by 2026-12", "within 300 days", or None."""
        return when_words(self.deadline, self.within)


def when_words(deadline: str | None, within: str | None) -> str | None:
    """A target's deadline as a reader says it: "by 2026-12", "within 300 days", or None."""
    if deadline:
        return _("by {date}").format(date=date_words(deadline))
    return _("within {span}").format(span=span_words(within)) if within else None


def span_words(span: str) -> str:
    """A ``within`` span ("300 days", "1 year") in the current language (in English, as the
    data writes it)."""
    if language() == ENGLISH:
        return span
    count, _space, unit = span.partition(" ")
    words = SPANS.get(unit.removesuffix("s"))
    return words(int(count)).format(count=count) if words and count.isdigit() else span


@dataclass(frozen=True)
class Position(Translatable):
    """A candidate's recorded position on one topic; its summary may also be written in
    Spanish (``summary_es``)."""

    topic: str
    stance: Stance
    summary: str
    citations: tuple[Citation, ...]
    details: str | None = None
    pledges: tuple[str, ...] = ()
    as_of: str | None = None
    origin: Origin | None = None
    targets: tuple[Target, ...] = ()
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class PartySpell:
    """One party affiliation over a span of time."""

    party: str
    start: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class CandidacyStatus:
    """Where a candidacy stood from a date on, and the words that show it."""

    status: Candidacy
    as_of: str
    citations: tuple[Citation, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Endorsement:
    """Support for a candidate from a person or organisation."""

    by: str
    date: str | None = None
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Result:
    """A candidate's share of the vote in one round."""

    round: str
    candidate: str
    percent: float | None = None
    citations: tuple[Citation, ...] = ()
    votes: int | None = None
    as_of: str | None = None
    count: str | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class Candidate(Translatable):
    """One candidate in one race; the occupation may also be written in Spanish
    (``occupation_es``)."""

    race: str
    id: str
    name: str
    party: str | None = None
    party_history: tuple[PartySpell, ...] = ()
    occupation: str | None = None
    incumbent: bool | None = None
    website: str | None = None
    positions: Mapping[str, Position] = field(default_factory=lambda: _EMPTY)
    endorsements: tuple[Endorsement, ...] = ()
    person: str | None = None
    name_note: str | None = None
    no_position: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    status: tuple[CandidacyStatus, ...] = ()
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=lambda: _EMPTY)

    @property
    def current_status(self) -> CandidacyStatus | None:
        """The latest entry of the status history, or None when the file records none."""
        return self.status[-1] if self.status else None

    @property
    def ref(self) -> str:
        """The fully qualified reference ``RACE/CANDIDATE``."""
        return f"{self.race}/{self.id}"

    @property
    def surname(self) -> str:
        """The last word of the name outside parentheses, for alphabetical ballot order."""
        return surname_of(self.name)


@dataclass(frozen=True)
class NotCovered:
    """Candidates in a race that the dataset has no file for (race.yaml's ``not_covered``):
    the names given, whether they are every one of them (``complete``), the round whose
    ballot they were on, and the words that show it."""

    complete: bool
    names: tuple[str, ...] = ()
    round: str | None = None
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Race:
    """One race: its facts, bibliography and candidates."""

    id: str
    title: str
    office: str
    jurisdiction: str
    election_date: str
    primary_date: str | None = None
    declared_topics: tuple[str, ...] | None = None
    results: tuple[Result, ...] = ()
    notes: str | None = None
    sources: Mapping[str, Source] = field(default_factory=lambda: _EMPTY)
    candidates: Mapping[str, Candidate] = field(default_factory=lambda: _EMPTY)
    nonpartisan: bool | None = None
    system: str | None = None
    reviews: tuple[Review, ...] = ()
    not_covered: NotCovered | None = None

    @property
    def last_review(self) -> Review | None:
        """The latest re-read of the race against its sources, if any."""
        return max(self.reviews, key=lambda r: r.date, default=None)


@dataclass(frozen=True)
class Review:
    """A re-read of a race against its sources: when, by whom, what was re-read and how
    many corrections of each kind it made."""

    date: str
    by: str | None = None
    scope: str | None = None
    corrections: Mapping[str, int] = field(default_factory=lambda: _EMPTY)
    notes: str | None = None

    @property
    def total(self) -> int:
        """How many corrections the re-read made in all."""
        return sum(self.corrections.values())


@dataclass(frozen=True)
class Dataset:
    """A dataset folder: the topic catalogue and the races that were read."""

    root: str
    topics: Mapping[str, Topic]
    races: Mapping[str, Race]
    title: str | None = None
    licence: str | None = None
    homepage: str | None = None
    curators: tuple[str, ...] = ()
    corrections: str | None = None

    def race_topics(self, race: Race) -> tuple[str, ...]:
        """The topics ``race`` is compared on, in display order (race.yaml's ``topics``
        in docs/format.md)."""
        if race.declared_topics is not None:
            return race.declared_topics
        covered = {t for c in race.candidates.values() for t in c.positions}
        return tuple(t for t in self.topics if t in covered)

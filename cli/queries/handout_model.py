"""A printable handout: the neutral document model every handout format renders.

Everything a format shows is decided here, as plain text, once: the layout for the number of
candidates and the paper, the party labels the race's partisanship calls for, which results
an election date lets through, the note numbers. Renderers only mark it up.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from cli.model import Candidate, Dataset, Race
from cli.queries.absence import MEANINGS, AbsenceKind
from cli.queries.comparison import Comparison, Row
from cli.queries.degree import SourcedTarget, measure_rows, sourced_targets
from cli.queries.language import (
    Said,
    english_mark,
    english_only,
    quote_lang,
    text_of,
    translation_sentence,
)
from cli.queries.notes import NoteNumbers
from cli.queries.paper import Paper
from cli.queries.records import checked_sentence, source_date, status_phrase
from cli.queries.timeline import taken_place
from cli.queries.words import outcome_word, round_name, stance_word
from cli.text.datewords import as_of, date_words
from cli.text.messages import ENGLISH, N_, _, language
from cli.text.numbers import format_number
from cli.text.urls import is_http

#: Width of the topic column, and the narrowest a candidate's column may be, in millimetres.
TOPIC_MM = 34.0
MIN_CELL_MM = 36.0

HOW_TO_READ = N_(
    "Each topic is put as a question. Each candidate's stance answers that "
    "question: support means yes, oppose means no, mixed means yes to part of it or with "
    "conditions, and unclear means the candidate spoke to the topic without answering it. "
    "The summary is the curators' neutral reading of what the candidate said, dated where "
    "the data dates it; the numbers point to the sources below, each quoted exactly, then "
    "whose words they are: the speaker's, else the source's own, not the candidate's."
)
NEUTRALITY = N_(
    "This handout endorses no candidate, party or position. It reports what each "
    "candidate said, with the source and the exact words of every quote."
)
SYSTEMS = {
    "top-two": N_(
        "Top-two primary: candidates of every party run in one primary, and the two "
        "with the most votes go on to the general election."
    ),
    "runoff": N_(
        "Runoff system: if no candidate wins a majority, the leading candidates meet "
        "again in a runoff."
    ),
    "plurality": N_("Plurality system: the candidate with the most votes wins."),
    "ranked-choice": N_(
        "Ranked-choice voting: voters rank the candidates; the last-placed "
        "candidate is eliminated and their ballots count for the next choice "
        "until one candidate has a majority."
    ),
}
NONPARTISAN = N_("Nonpartisan office: party labels are not printed on the ballot.")
NO_INCUMBENT = N_("None of these candidates is the incumbent in this election.")
FIELD_AS_OF = N_(
    "The candidates listed are those the cited reporting shows in the race, each with "
    "their status and its date; others may enter or leave before the election."
)
#: What a reader of another language is told of the data text left in English.
UNTRANSLATED = N_(
    "Texts the curators have not translated are printed in English, marked {mark}; "
    "nothing is machine-translated. Quotes are in the language they were said in."
)
NO_INCUMBENT_THEN = N_("None of these candidates held the office at the time of the election.")
COUNTS = {
    "election-night": N_("election-night count"),
    "unofficial": N_("unofficial count"),
    "certified": N_("certified result"),
}


@dataclass(frozen=True)
class Number:
    """A numeric target as printed: ``9,700 officers, within 1 year``, and its note marks."""

    text: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Cell:
    """One candidate's entry on one topic; stance None means no position, and ``summary``
    then says why (:class:`cli.queries.absence.AbsenceKind`'s label). ``stance`` is the
    stance word in the handout's language, ``as_of`` the date phrase ("as of 2025-12").
    ``numbers`` are the candidate's targets, each led by its measure's label (for layouts
    that print one candidate per row)."""

    who: str
    stance: str | None
    summary: Said
    notes: tuple[int, ...]
    as_of: str | None = None
    numbers: tuple[Number, ...] = ()


@dataclass(frozen=True)
class PrintedMeasure:
    """One measure of a topic as printed: its label and each candidate's numbers on it
    (empty: none set), for layouts that print the candidates side by side, so the numbers
    line up. (:class:`cli.queries.degree.MeasureRow` holds the targets themselves.)"""

    label: Said
    cells: tuple[tuple[Number, ...], ...]


@dataclass(frozen=True)
class PrintedTopic:
    """One topic as printed: its title, its question and each candidate's cell, in
    candidate order, then the measures on which a candidate set a number. A row of the
    table, or a section in the one-candidate-per-row layout. (The comparison's
    :class:`cli.queries.comparison.Row` holds the positions themselves.)"""

    title: Said
    question: Said
    cells: tuple[Cell, ...]
    measures: tuple[PrintedMeasure, ...] = ()


@dataclass(frozen=True)
class Person:
    """A candidate as the handout introduces them."""

    name: str
    label: str | None
    details: tuple[Said, ...]
    notes: tuple[int, ...] = ()

    @property
    def heading(self) -> str:
        """The name with the party label the ballot shows, as a table heading."""
        if not self.label:
            return self.name
        return f"{self.name}, {self.label}" if "(" in self.label else f"{self.name} ({self.label})"


@dataclass(frozen=True)
class ResultLine:
    """One candidate's result in one round: the name, then the figures as one phrase."""

    candidate: str
    text: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class ResultRound:
    """The results of one round of one race that has taken place."""

    title: str
    lines: tuple[ResultLine, ...]


@dataclass(frozen=True)
class Note:
    """One numbered source note: the quote (in the language it was said in, ``lang``),
    then whose words they are, the speaker's (a ``speaker`` "in" the source) or else the
    source's own, its publisher's, and its translation into the handout's language where
    the data gives one. ``date``, ``checked`` and ``translation`` are printed as they
    are."""

    number: int
    publisher: str
    title: str
    author: str | None
    date: str | None
    url: str | None
    quote: str
    speaker: str | None
    same_as: int | None
    checked: str | None = None
    lang: str = "en"
    translation: str | None = None


@dataclass(frozen=True)
class About:
    """Who stands behind the handout: the neutrality statement, curators, corrections."""

    neutrality: str
    curators: tuple[str, ...]
    corrections: str | None
    corrections_href: str | None

    @property
    def compiled_by(self) -> str | None:
        """``Compiled by A, B and C.``, or None when the dataset names no curator."""
        if not self.curators:
            return None
        return _("Compiled by {names}.").format(names=listed(self.curators))


def listed(names) -> str:
    """``A``, ``A and B``, ``A, B and C``, in the current language."""
    names = list(names)
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


@dataclass(frozen=True)
class Words:
    """The tool's words a template prints around the data, in the handout's language
    (headings without their closing full stop)."""

    about: str = N_("About this handout")
    how_to_read: str = N_("How to read this")
    corrections: str = N_("Corrections:")
    race: str = N_("The race and its candidates")
    topic: str = N_("Topic")
    candidate: str = N_("Candidate")
    position: str = N_("Position")
    results: str = N_("Results")
    sources: str = N_("Sources")
    about_data: str = N_("About the data")
    not_found: str = N_("Where no position was found")
    numbers: str = N_("What the numbers count")
    speaker_in: str = N_("in")
    same_source: str = N_("the same source as")
    page: str = N_("page")
    page_of: str = N_("of")
    in_english: str = ""

    def translated(self) -> Words:
        """These words in the current language, with the mark of English data text."""
        from dataclasses import fields, replace

        words = {f.name: _(getattr(self, f.name)) for f in fields(self) if f.name != "in_english"}
        return replace(self, in_english=english_mark(), **words)


@dataclass(frozen=True)
class Handout:
    """Everything a handout shows, in display order, as plain text."""

    title: str
    subtitle: str
    facts: tuple[str, ...]
    people: tuple[Person, ...]
    order_statement: str
    how_to_read: str
    about: About
    rows: tuple[PrintedTopic, ...]
    results: tuple[ResultRound, ...]
    notes: tuple[Note, ...]
    footer: tuple[str, ...]
    paper: Paper
    layout: str
    lang: str = "en"
    definitions: tuple[tuple[Said, Said], ...] = ()
    race_notes: tuple[Said, ...] = ()
    not_found: tuple[tuple[str, Said], ...] = ()
    words: Words = Words()

    @property
    def candidates(self) -> tuple[str, ...]:
        """The table headings, one per candidate."""
        return tuple(p.heading for p in self.people)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is http(s), else None: a handout never links anything else."""
    if url and is_http(url):
        return url
    return None


def contact_href(contact: str | None) -> str | None:
    """A link for a correction contact: the URL itself, ``mailto:`` for an address."""
    if contact is None:
        return None
    if "@" in contact and " " not in contact and ":" not in contact and "/" not in contact:
        return "mailto:" + contact
    return safe_url(contact)


def order_statement(order: str, given: bool) -> str:
    """The sentence that tells the reader how the candidates are ordered."""
    if order == "ballot" and given:
        return _("Candidates are listed in the order the handout was requested in.")
    return _("Candidates are listed in alphabetical order of surname.")


def max_columns(paper: Paper) -> int:
    """How many candidates fit side by side as columns on ``paper`` (at least one)."""
    return max(1, int((paper.text_width_mm - TOPIC_MM) // MIN_CELL_MM))


def choose_layout(count: int, paper: Paper) -> str:
    """``columns`` (candidates side by side) while they fit on the paper, else ``sections``
    (one section per topic, one row per candidate)."""
    return "columns" if count <= max_columns(paper) else "sections"


def person(candidate: Candidate, race: Race, numbers: NoteNumbers | None = None) -> Person:
    """How ``candidate`` is introduced: the party as the race's ballot shows it, the
    occupation, whether they are the incumbent, and where the candidacy stands, with the
    marks of the sources that show it (numbered in ``numbers``)."""
    details = []
    label = None
    if candidate.party and race.nonpartisan:
        details.append(_("party (not on the ballot): {party}").format(party=candidate.party))
    elif candidate.party and race.system == "top-two":
        label = candidate.party
        details.append(_("party preference: {party}").format(party=candidate.party))
    elif candidate.party:
        label = candidate.party
        details.append(_("party: {party}").format(party=candidate.party))
    said = [Said(detail, language()) for detail in details]
    if candidate.occupation:
        said.append(text_of(candidate, "occupation"))
    if candidate.incumbent:
        said.append(Said(_("incumbent"), language()))
    status = candidate.current_status
    notes: tuple[int, ...] = ()
    if status is not None:
        said.append(Said(status_phrase(status), language()))
        notes = tuple(numbers.numbers(status.citations)) if numbers else ()
    return Person(candidate.name, label, tuple(said), notes)


def race_facts(comparison: Comparison, today: datetime.date) -> tuple[str, ...]:
    """Sentences about the race(s): partisanship, voting system, where the election stands
    on ``today`` (still to come, or held with no result in the data), who else is in the
    race, an incumbent's absence (in this election, or at the time of a past one)."""
    facts = []
    for about in comparison.about(today):
        race = about.race
        prefix = f"{race.title}: " if comparison.cross_race else ""
        if race.nonpartisan:
            facts.append(prefix + _(NONPARTISAN))
        if race.system in SYSTEMS:
            facts.append(prefix + _(SYSTEMS[race.system]))
        facts += [prefix + sentence for sentence in about.sentences]
    if any(c.status for c in comparison.candidates):
        facts.append(_(FIELD_AS_OF))
    if comparison.candidates and all(c.incumbent is False for c in comparison.candidates):
        past = all(taken_place(r, "general", today) for r in comparison.races)
        facts.append(_(NO_INCUMBENT_THEN if past else NO_INCUMBENT))
    return tuple(facts)


def _round_date(race: Race, round_code: str) -> str | None:
    """The date of a round where the race's dates say it: the primary date for a primary,
    the election date for the deciding round (the runoff when there is one, else the
    general election); None when the data does not tell."""
    rounds = {r.round for r in race.results}
    if round_code == "primary":
        return race.primary_date
    deciding = "runoff" if "runoff" in rounds else "general"
    return race.election_date if round_code == deciding else None


def _figures(result) -> str:
    parts = []
    if result.percent is not None:
        parts.append(_("{percent}% of the vote").format(percent=f"{result.percent:g}"))
    if result.votes is not None:
        parts.append(_("{votes} votes").format(votes=format_number(result.votes)))
    text = ", ".join(parts) if parts else _("share not recorded")
    return text + (f", {outcome_word(result.outcome)}" if result.outcome else "")


def _status(result) -> str | None:
    """The nature and date of the count, as the source states them."""
    if not (result.count or result.as_of):
        return None
    status = _(COUNTS.get(result.count, N_("count")) if result.count else N_("count"))
    return status + (f" {as_of(result.as_of)}" if result.as_of else "")


def results(
    comparison: Comparison, numbers: NoteNumbers, today: datetime.date
) -> tuple[ResultRound, ...]:
    """The results of every round that has taken place, race by race, round by round. The
    count's nature and date go in the round's title when every result of it shares them."""
    out = []
    for race in comparison.races:
        by_round: dict[str, list] = {}
        for result in race.results:
            if taken_place(race, result.round, today):
                by_round.setdefault(result.round, []).append(result)
        for round_code, round_results in by_round.items():
            statuses = {_status(r) for r in round_results}
            shared = statuses.pop() if len(statuses) == 1 else None
            lines = []
            for result in round_results:
                candidate = race.candidates.get(result.candidate)
                own = _status(result) if shared is None and _status(result) else None
                lines.append(
                    ResultLine(
                        candidate.name if candidate else result.candidate,
                        _figures(result) + (f" ({own})" if own else ""),
                        tuple(numbers.numbers(result.citations)),
                    )
                )
            date = _round_date(race, round_code)
            title = round_name(round_code) + (f", {date_words(date)}" if date else "")
            if comparison.cross_race:
                title = f"{race.title} \u2014 {title}"
            out.append(ResultRound(title + (f" ({shared})" if shared else ""), tuple(lines)))
    return tuple(out)


def about(dataset: Dataset) -> About:
    """The neutrality statement, the curators and where to send a correction."""
    contact = dataset.corrections or safe_url(dataset.homepage)
    return About(_(NEUTRALITY), dataset.curators, contact, contact_href(contact))


def _number(target: SourcedTarget, numbers: NoteNumbers, labelled: bool) -> Number:
    label = text_of(target.measure, "label").text
    text = f"{label}: {target.phrase()}" if labelled else target.phrase()
    return Number(text, tuple(numbers.numbers(target.citations)))


def _row(row: Row, names: list[str], numbers: NoteNumbers) -> PrintedTopic:
    """A topic's row: each candidate's cell, then a row per measure with a number set."""
    cells = tuple(
        Cell(
            who,
            stance_word(p.stance),
            text_of(p, "summary"),
            tuple(numbers.numbers(p.citations)),
            as_of(p.as_of) if p.as_of else None,
            tuple(_number(t, numbers, True) for t in sourced_targets(row.topic, p)),
        )
        if p
        else Cell(who, None, Said(_sentence(found.label if found else ""), language()), ())
        for who, p, found in zip(names, row.positions, row.absences)
    )
    measures = tuple(
        PrintedMeasure(
            text_of(m.measure, "label"),
            tuple(tuple(_number(t, numbers, False) for t in side) for side in m.targets),
        )
        for m in measure_rows(row.topic, row.positions)
    )
    return PrintedTopic(
        text_of(row.topic, "title"), text_of(row.topic, "question"), cells, measures
    )


def build(
    dataset: Dataset,
    comparison: Comparison,
    order: str,
    given: bool,
    revision: str | None,
    today: datetime.date | None = None,
    paper: Paper | None = None,
) -> Handout:
    """The handout of ``comparison``, its candidates already in the stated order."""
    today = today or datetime.date.today()
    paper = paper or Paper("a4")
    numbers = NoteNumbers()
    people = tuple(person(c, dataset.races[c.race], numbers) for c in comparison.candidates)
    names = [comparison.label(c) for c in comparison.candidates]
    rows = tuple(_row(r, names, numbers) for r in comparison.rows)
    outcomes = results(comparison, numbers, today)
    first = numbers.first_of_source()
    notes = tuple(
        Note(
            n,
            c.source.publisher,
            c.source.title,
            c.source.author,
            source_date(c.source),
            safe_url(c.source.url),
            c.quote,
            c.speaker,
            None if first[n] == n else first[n],
            checked_sentence(c.source.checked.date) if c.source.checked else None,
            quote_lang(c),
            translation_sentence(c),
        )
        for n, c in enumerate(numbers.citations, 1)
    )
    if comparison.cross_race:
        title = _("Candidates from different races")
        subtitle = "; ".join(
            f"{r.title} ({r.office}, {election_on(r.election_date)})" for r in comparison.races
        )
    else:
        race = comparison.races[0]
        title = race.title
        subtitle = (
            f"{race.office} \u2014 {race.jurisdiction} \u2014 {election_on(race.election_date)}"
        )
    footer = [
        _("Generated {date} by candidate-platforms").format(date=date_words(today.isoformat()))
    ]
    if dataset.title:
        footer.append(_("Data: {title}").format(title=dataset.title))
    if dataset.licence:
        footer.append(_("Licence: {licence}").format(licence=dataset.licence))
    if revision:
        footer.append(_("Dataset revision {revision}").format(revision=revision))
    footer += review_lines(comparison.races)
    return Handout(
        title,
        subtitle,
        race_facts(comparison, today),
        people,
        order_statement(order, given),
        how_to_read(comparison),
        about(dataset),
        rows,
        outcomes,
        notes,
        tuple(footer),
        paper,
        choose_layout(len(people), paper),
        lang=language(),
        definitions=measure_definitions(comparison),
        race_notes=tuple(
            english_only((f"{r.title}: " if comparison.cross_race else "") + r.notes)
            for r in comparison.races
            if r.notes
        ),
        not_found=not_found(comparison),
        words=Words().translated(),
    )


def election_on(date: str) -> str:
    """``election 2026-11-03``."""
    return _("election {date}").format(date=date_words(date))


def _sentence(text: str) -> str:
    """``text`` with its first letter capitalised, as a cell's words start."""
    return text[:1].upper() + text[1:]


def how_to_read(comparison: Comparison) -> str:
    """How to read the handout, with what each kind of absence it shows means."""
    kinds = {a.kind for row in comparison.rows for a in row.absences if a is not None}
    sentences = [_(HOW_TO_READ)] + [_(MEANINGS[k]) for k in AbsenceKind if k in kinds]
    if language() != ENGLISH:
        sentences.append(_(UNTRANSLATED).format(mark=english_mark()))
    return " ".join(sentences)


def not_found(comparison: Comparison) -> tuple[tuple[str, Said], ...]:
    """("Candidate, Topic", the curators' note) wherever they looked and found nothing."""
    return tuple(
        (
            f"{comparison.label(c)}, {text_of(row.topic, 'title').text}",
            english_only(found.note or ""),
        )
        for row in comparison.rows
        for c, found in zip(comparison.candidates, row.absences)
        if found is not None and found.kind == AbsenceKind.NOT_FOUND
    )


def review_lines(races: Sequence[Race]) -> list[str]:
    """ "RACE checked against its sources on DATE" for each race whose file records a
    re-read (the title left out when there is one race)."""
    lines = []
    for race in races:
        review = race.last_review
        if review is not None:
            date = date_words(review.date)
            # capitalize(), as the English always has (it lowers a race title's capitals)
            if len(races) > 1:
                line = _("{race} checked against its sources on {date}")
            else:
                line = _("Checked against its sources on {date}")
            lines.append(line.format(race=race.title, date=date).capitalize())
    return lines


def measure_definitions(comparison: Comparison) -> tuple[tuple[Said, Said], ...]:
    """(label, definition) of every measure a printed number stands under, in order."""
    seen: dict[str, tuple[Said, Said]] = {}
    for row in comparison.rows:
        for m in measure_rows(row.topic, row.positions):
            if m.measure.definition:
                pair = (text_of(m.measure, "label"), text_of(m.measure, "definition"))
                seen.setdefault(m.measure.id, pair)
    return tuple(seen.values())


def ordered(candidates: Sequence, order: str, given: bool) -> list:
    """``candidates`` in the handout's order: as given for ``ballot``, else by surname."""
    from cli.queries.listing import surname_key

    if order == "ballot" and given:
        return list(candidates)
    return sorted(candidates, key=surname_key)

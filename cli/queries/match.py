"""``match``: score candidates against a voter's own answers to a race's questions.

Per topic a candidate's value is 1 when the stance equals the answer, 0.5 when the stance
is ``mixed`` and 0 when it is the opposite; an ``unclear`` stance or no recorded position
is not compared and is left out of the denominator. Score = sum(weight x value) /
sum(weight) over the compared topics; with none compared there is no score, and no rank.
Each topic's question is a yes/no question: yes is support, no is oppose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cli.choices import YES_NO, Stance
from cli.dataset.choicerefs import resolve_topic
from cli.dataset.refs import UnknownReference
from cli.dataset.safeyaml import parse
from cli.model import Candidate, Dataset, Position, Race, Topic
from cli.problems import Code, Problem
from cli.queries.absence import Absence, absence, absence_record
from cli.queries.listing import ballot_order
from cli.queries.records import identity_record, optional_position_record, topic_record
from cli.text.messages import N_
from cli.text.suggest import did_you_mean

ANSWERS = ("support", "oppose", "skip")
WEIGHTS = (1, 2, 3)
#: The weight of an answer given without one, asked or read from a file: "matters some".
DEFAULT_WEIGHT = 2
#: What an answer may be written as, for messages and prompts.
ANSWER_WORDS = N_("yes, no or skip (or support and oppose)")
EXPLANATION = N_(
    "How the score works: for each topic you answered, a candidate gets 1 when their "
    "stance is the same as your answer, 0.5 when it is mixed and 0 when it is the "
    "opposite. Unclear stances and topics with no recorded position are not compared and "
    "do not count against anyone. Score = the weighted sum of those values / the sum of "
    "the weights of the topics compared for that candidate."
)


@dataclass(frozen=True)
class Answer:
    """The voter's answer to one topic's question, and how much it matters (1-3)."""

    topic: str
    answer: str
    weight: int = 1


def answer_of(given: object) -> str | None:
    """The answer ``given`` means (support, oppose or skip), or None: an answer in any case,
    yes/y or no/n, or a boolean (YAML reads a bare yes or no as one)."""
    if isinstance(given, bool):
        return str(Stance.SUPPORT if given else Stance.OPPOSE)
    if not isinstance(given, str):
        return None
    typed = given.strip().lower()
    if typed in YES_NO:
        return str(YES_NO[typed])
    return typed if typed in ANSWERS else None


def value(answer: str, position: Position | None) -> float | None:
    """A candidate's value on one topic, or None when the topic is not compared."""
    if position is None or position.stance == "unclear" or answer == "skip":
        return None
    if position.stance == "mixed":
        return 0.5
    return 1.0 if position.stance == answer else 0.0


@dataclass(frozen=True)
class TopicScore:
    """One topic of one candidate's breakdown (``absence``: why there is no position)."""

    topic: Topic
    answer: Answer
    position: Position | None
    value: float | None
    absence: Absence | None = None


@dataclass(frozen=True)
class Score:
    """A candidate's score, rank (shared by ties; None with no score) and per-topic
    breakdown."""

    candidate: Candidate
    score: float | None
    compared: int
    rank: int | None
    topics: tuple[TopicScore, ...]

    def to_record(self) -> dict:
        """The documented JSON form of one ranked candidate (docs/output.schema.json):
        identity, rank, score, and each topic answered with the candidate's position or
        why there is none."""
        return {
            **identity_record(self.candidate),
            "rank": self.rank,
            "score": self.score,
            "compared": self.compared,
            "topics": [
                {
                    **topic_record(t.topic),
                    "answer": t.answer.answer,
                    "weight": t.answer.weight,
                    "value": t.value,
                    "compared": t.value is not None,
                    "position": optional_position_record(t.topic, t.position),
                    "absence": absence_record(t.absence),
                }
                for t in self.topics
            ],
        }

    def table_record(self) -> dict:
        """One candidate as a row of the table formats: rank, id, name, score, compared."""
        return {
            "rank": self.rank,
            "candidate": self.candidate.id,
            "name": self.candidate.name,
            "score": "" if self.score is None else round(self.score, 4),
            "compared": self.compared,
        }


def score(dataset: Dataset, race: Race, answers: Mapping[str, Answer]) -> list[Score]:
    """Every candidate of ``race`` scored against ``answers``, best first, ties sharing
    a rank; candidates without a score (no topic answered compared) last, unranked."""
    order = [t for t in dataset.race_topics(race) if t in answers and answers[t].answer != "skip"]
    unranked = []
    for candidate in ballot_order(race):
        breakdown = tuple(
            TopicScore(
                dataset.topics[t],
                answers[t],
                candidate.positions.get(t),
                value(answers[t].answer, candidate.positions.get(t)),
                absence(dataset, candidate, t),
            )
            for t in order
        )
        compared = [(t.answer.weight, t.value) for t in breakdown if t.value is not None]
        weights = sum(weight for weight, _ in compared)
        total = sum(weight * value for weight, value in compared)
        unranked.append(
            (candidate, round(total / weights, 9) if weights else None, len(compared), breakdown)
        )
    unranked.sort(key=lambda s: (s[1] is None, -(s[1] or 0)))
    ranked: list[Score] = []
    rank = None
    for index, (candidate, result, count, breakdown) in enumerate(unranked):
        if result is None:
            rank = None
        elif index == 0 or result != unranked[index - 1][1]:
            rank = index + 1
        ranked.append(Score(candidate, result, count, rank, breakdown))
    return ranked


def read_answers(
    text: str, path: str, dataset: Dataset, race: Race
) -> tuple[dict[str, Answer], list[Problem]]:
    """Parse an answers file: ``answers: {topic: yes|no|skip | {answer, weight}}``, where a
    topic is an id or a title and an answer is as :func:`answer_of` reads it."""
    doc = parse(text, path)
    problems = list(doc.problems)
    given = doc.mapping.get("answers")
    if not isinstance(given, dict) or set(doc.mapping) != {"answers"}:
        if not problems:
            problems.append(
                doc.problem(
                    (),
                    Code.BAD_ANSWERS,
                    f"an answers file is a mapping with one key, 'answers', mapping topic "
                    f"ids to {ANSWER_WORDS}",
                )
            )
        return {}, problems
    if problems:
        return {}, problems
    answers = {}
    race_topics = dataset.race_topics(race)
    for key, entry in given.items():
        where = ("answers", key)
        try:
            topic = resolve_topic(dataset.topics, str(key))
        except UnknownReference as exc:
            problems.append(doc.problem(where, Code.UNKNOWN_TOPIC, str(exc), key=True))
            continue
        if topic not in race_topics:
            problems.append(
                doc.problem(
                    where,
                    Code.TOPIC_NOT_IN_RACE,
                    f"'{topic}' is not one of this race's topics; it is ignored",
                    key=True,
                )
            )
            continue
        if isinstance(entry, dict):
            extra = set(entry) - {"answer", "weight"}
            if extra:
                problems.append(
                    doc.problem(
                        where + (sorted(extra)[0],),
                        Code.UNKNOWN_KEY,
                        f"unknown key '{sorted(extra)[0]}'; write answer and weight",
                        key=True,
                    )
                )
                continue
            given_answer, weight = entry.get("answer"), entry.get("weight", DEFAULT_WEIGHT)
        else:
            given_answer, weight = entry, DEFAULT_WEIGHT
        answer = answer_of(given_answer)
        if answer is None:
            problems.append(
                doc.problem(
                    where,
                    Code.BAD_ANSWER,
                    f"answer {given_answer!r} is not an answer"
                    f"{did_you_mean(str(given_answer), ANSWERS)}: write {ANSWER_WORDS}",
                )
            )
            continue
        if weight not in WEIGHTS or isinstance(weight, bool):
            problems.append(
                doc.problem(
                    where + ("weight",), Code.BAD_WEIGHT, f"weight {weight!r} is not 1, 2 or 3"
                )
            )
            continue
        answers[topic] = Answer(topic, answer, weight)
    return answers, problems

"""The numbers a quote states, as the targets' check reads them."""

from __future__ import annotations

import pytest

from cli.text.numbers import format_number, states_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("returns to its authorized strength of 9,700 officers.", 9700),
        ("a force of 9700 officers", 9700),
        ("une force de 9 700 agents", 9700),
        ("30,000 beds, 500 case workers", 500),
        ("a $2.6 billion capital investment", 2_600_000_000),
        ("1.5 million people", 1_500_000),
        ("house 15K people", 15_000),
        ("thirty thousand new beds", 30_000),
        ("Forty more officers on patrol.", 40),
        ("two hundred and five officers", 205),
        ("fifteen hundred officers", 1500),
        ("one hundred thousand calls", 100_000),
        ("43.1 percent of the vote", 43.1),
    ],
)
def test_a_number_the_quote_states_is_found(text, value):
    assert states_number(text, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("returns to its authorized strength of 9,700 officers.", 970),
        ("in 2022 the city hired officers", 22),
        ("thirty thousand new beds", 3000),
        ("1,500 more officers", 15),
        ("no number at all", 0),
    ],
)
def test_a_number_the_quote_does_not_state_is_not_found(text, value):
    assert not states_number(text, value)


def test_numbers_are_printed_as_readers_write_them():
    assert [format_number(v) for v in (9700, 30000.0, 1.5, 2_600_000_000)] == [
        "9,700",
        "30,000",
        "1.5",
        "2,600,000,000",
    ]

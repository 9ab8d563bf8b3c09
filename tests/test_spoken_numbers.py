"""Numbers tiny.en wrote group by group, repaired; everything else left as written."""
from __future__ import annotations

import pytest

from models.spoken_numbers import repair_digit_groups


@pytest.mark.parametrize("heard, meant", [
    ("Check the status of Order 66,12.", "Check the status of Order 66,012."),  # sixty-six thousand twelve
    ("My package, Order 7,70081, is late.", "My package, Order 7,781, is late."),  # seven thousand seven hundred eighty-one
    ("It costs 1,000,5 dollars.", "It costs 1,000,005 dollars."),
    ("Order 7,7001 please", "Order 7,701 please"),
])
def test_a_number_written_group_by_group_is_the_number_said(heard, meant):
    assert repair_digit_groups(heard) == meant


@pytest.mark.parametrize("text", [
    "Order 4,417 and 90,210 and 1,000,000.",  # well-formed
    "Pick 1,2,3 or 66, 12.",  # a list: more than one short group, or a space after the comma
    "It was 12,5.5 wide.",  # decimals: not a thousands-grouped number
    "Order 1,23456 came.",  # a long group that is not a round hundred and the rest: no guess
    "Version 2.1,5 ships.",
])
def test_anything_else_is_left_as_written(text):
    assert repair_digit_groups(text) == text


@pytest.mark.parametrize("heard, meant", [
    ("Check the status of order 66,000 12.", "Check the status of order 66,012."),  # tiny.en on another CPU
    ("order 66,000 12, thanks", "order 66,012, thanks"),
    ("I have 1,000 12 year olds.", "I have 1,000 12 year olds."),  # a word follows: two numbers
    ("1,000 12-year-olds.", "1,000 12-year-olds."),
    ("room 2,000 5.5 m", "room 2,000 5.5 m"),
    ("it costs 5,000 dollars.", "it costs 5,000 dollars."),
])
def test_a_round_thousand_then_the_rest_is_one_number(heard, meant):
    assert repair_digit_groups(heard) == meant

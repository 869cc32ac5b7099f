"""Stated death tolls: a count next to a death word, in either order; None when unstated."""

from __future__ import annotations

import pytest

from geo.events.fatalities import parse_count, stated_fatalities

CASES = [
    ("Government jets shelled Kafr Zita, killing 12 people.", 12),
    ("At least five civilians were killed and 20 wounded in Hama.", 5),
    ("Twenty-five people died when the bridge was shelled.", 25),
    ("twenty five people died", 25),
    ("The blast left five dead and 30 injured.", 5),
    ("The death toll rose to 40 on Sunday.", 40),
    ("An air strike killed 1,200 people in 2015.", 1200),
    ("Two dozen people were killed.", 24),
    ("Dozens of civilians were killed.", 12),
    ("Hundreds were killed in the siege.", 100),
    ("12 wounded and 3 killed.", 3),
    ("A soldier was killed.", 1),
    ("killing at least 35 people, including 12 children", 35),
    ("A car bomb killed two in Idlib.", 2),
    ("Five gunmen killed two soldiers near Aleppo.", 2),
    ("12 people killed in Idlib", 12),
    ("The strike killed an estimated 30 people", 30),
    ("Clashes killed 3 fighters; a later raid left 4 dead.", 7),
    ("The raid claimed the lives of seven people.", 7),
    ("Three soldiers were wounded.", None),
    ("Rebels were killed 12 May near Idlib.", None),
    ("In 2015 killed rebels fled the town.", None),
    ("The strike left the town in ruins.", None),
    ("The strike left 3 km of road destroyed.", None),
    ("Protesters gathered in Beirut on Friday.", None),
    ("", None),
]


@pytest.mark.parametrize(("sentence", "count"), CASES)
def test_stated_fatalities(sentence: str, count: int | None) -> None:
    assert stated_fatalities(sentence) == count


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("1,200", 1200), ("twenty-five", 25), ("Two dozen", 24), ("hundreds", 100),
     ("three hundred", 300), ("a", 1), ("many", None)],
)
def test_parse_count(text: str, value: int | None) -> None:
    assert parse_count(text) == value

"""English names of lakes named in their country's language (gazetteer.lake_names)."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.lake_names import english_lake_names


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("Lago Titicaca", ["Lake Titicaca"]),
        ("Lago di Como", ["Lake Como"]),  # the connector dropped
        ("Ozero Onezhskoye", ["Lake Onezhskoye"]),
        ("Qinghai Hu", ["Lake Qinghai", "Qinghai Lake"]),
        ("Lac Alaotra", ["Lake Alaotra"]),
        ("Lake Victoria", []),  # English already
        ("Loch Ness", []),  # English writes it so
        ("Lago", []),  # the word alone names no lake
    ],
)
def test_english_lake_names(name: str, english: list[str]) -> None:
    assert english_lake_names(name) == english


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def test_the_store_finds_a_lake_by_its_english_name(gazetteer: Gazetteer) -> None:
    lakes = [c for c in gazetteer.lookup("Lake Titicaca") if c.feature_class.value == "lake"]
    assert [lake.name for lake in lakes] == ["Lago Titicaca"]

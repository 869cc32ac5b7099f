"""Country entries' names: the short forms of ISO's inverted names, and what they resolve to."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.sources.countries import _short_forms


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Congo, The Democratic Republic of the", ["Congo"]),
        ("Korea, Democratic People's Republic of", ["Korea"]),
        ("Tanzania, United Republic of", ["Tanzania"]),
        ("Virgin Islands, British", []),  # no "of": not an inverted long form
        ("Bonaire, Sint Eustatius and Saba", []),
    ],
)
def test_an_inverted_long_form_gives_its_short_name(name: str, short: list[str]) -> None:
    assert _short_forms([name]) == short


@pytest.mark.parametrize(("name", "codes"), [("Congo", {"CD", "CG"}), ("Korea", {"KR", "KP"})])
def test_a_short_name_two_countries_share_reads_as_both(
    gazetteer: Gazetteer, name: str, codes: set[str]
) -> None:
    countries = {c.country_code for c in gazetteer.candidates(name) if c.feature_class == "country"}
    assert countries == codes

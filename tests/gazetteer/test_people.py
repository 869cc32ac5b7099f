"""The person-name lexicon: ranks for people's names, titles, and clear errors on bad files."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import marisa_trie
import pytest

from gazetteer.sources.people import (
    EXTRA_TITLES,
    FILENAME,
    MAX_GIVEN_RANK,
    MAX_SURNAME_RANK,
    NOT_TITLES,
    PersonLexicon,
    best_ranks,
    build_people_lexicon,
    news_titles,
)
from geo.errors import GazetteerDataError


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    target = tmp_path_factory.mktemp("people")
    counts = build_people_lexicon(target)
    return target / FILENAME, counts


@pytest.fixture(scope="module")
def lexicon(built: tuple[Path, dict[str, int]]) -> PersonLexicon:
    return PersonLexicon.open(built[0])


# ---------------------------------------------------------------- the built lexicon


def test_build_counts_and_size(built: tuple[Path, dict[str, int]]) -> None:
    path, counts = built
    assert set(counts) == {"given", "surname", "title"}
    assert 100_000 < counts["given"] < 400_000
    assert 300_000 < counts["surname"] < 900_000
    assert 300 < counts["title"] < 1000
    assert path.stat().st_size < 10_000_000
    assert not [p for p in path.parent.iterdir() if p.name != FILENAME]  # no temporary left


# Common given names in news, the first word of "Leroy Wright", "Recep Tayyip Erdogan"...
@pytest.mark.parametrize(
    ("name", "at_most"),
    [
        ("Leroy", 100),
        ("Joseph", 10),
        ("Bashar", 100),
        ("Binali", 2000),
        ("Efe", 200),
        ("Sergei", 10),
        ("Sean", 10),
        ("Antonio", 10),
        ("Recep", 50),
        ("SERGEI", 10),
        ("antonio", 10),
        ("  Sean ", 10),
    ],
)
def test_given_names_are_ranked(lexicon: PersonLexicon, name: str, at_most: int) -> None:
    rank = lexicon.given_rank(name)
    assert rank is not None and 1 <= rank <= at_most


@pytest.mark.parametrize(
    ("name", "at_most"),
    [
        ("Wright", 50),
        ("Dunford", 3000),
        ("Assad", 500),
        ("al-Assad", 2000),
        ("Spicer", 2000),
        ("Guterres", 2000),
        ("Erdogan", 100),
        ("Erdoğan", 100),
        ("Putin", MAX_SURNAME_RANK),
        ("Trump", 3000),
    ],
)
def test_surnames_are_ranked(lexicon: PersonLexicon, name: str, at_most: int) -> None:
    rank = lexicon.surname_rank(name)
    assert rank is not None and 1 <= rank <= at_most


@pytest.mark.parametrize(
    ("name", "given", "surname"),
    [
        # names-dataset is noisy: places appear as names; recognition weighs ranks against
        # the gazetteer, and rare ones fall outside the kept thresholds.
        ("Lebanon", None, None),
        ("Syria", None, "present"),
        ("Damascus", None, "present"),
        ("Washington", "present", "present"),
        ("Georgia", "present", "present"),
        ("Dunford", None, "present"),
        ("", None, None),
        ("   ", None, None),
        ("-", None, None),
        ("A", None, None),
    ],
)
def test_absent_and_present_names(
    lexicon: PersonLexicon, name: str, given: str | None, surname: str | None
) -> None:
    assert (lexicon.given_rank(name) is not None) == (given is not None)
    assert (lexicon.surname_rank(name) is not None) == (surname is not None)


@pytest.mark.parametrize(
    "word",
    [
        "Gen.",
        "gen",
        "Lt.",
        "Deputy",
        "Minister",
        "President",
        "Secretary-General",
        "secretary general",
        "spokesman",
        "spokeswoman",
        "Chairman",
        "Sheikh",
        "King",
        "Prince",
        "Pope",
        "Ayatollah",
        "Sen.",
        "Rep.",
        "Gov.",
        "AYATOLLAH",
        "Dr.",
    ],
)
def test_titles(lexicon: PersonLexicon, word: str) -> None:
    assert lexicon.is_title(word)


@pytest.mark.parametrize(
    "word",
    ["Air", "Army", "St.", "US", "U.S.", "Grand", "British", "Supreme", "Federal", "First",
     "Aleppo", "Joseph", "", " ", "~format"],
)  # fmt: skip
def test_not_titles(lexicon: PersonLexicon, word: str) -> None:
    assert not lexicon.is_title(word)


# ---------------------------------------------------------------- building blocks


@pytest.mark.parametrize(
    ("table", "max_rank", "expected"),
    [
        ({}, 100, {}),
        ({"Leroy": {"rank": {"JM": 28, "US": 986}}}, 100, {"leroy": 28}),
        ({"Leroy": {"rank": {"JM": 28}}}, 28, {"leroy": 28}),
        ({"Leroy": {"rank": {"JM": 28}}}, 27, {}),
        ({"Erdoğan": {"rank": {"TR": 47}}, "Erdogan": {"rank": {"TR": 184}}}, 200, {"erdogan": 47}),
        ({"Jean-Claude": {"rank": {"FR": 9}}}, 100, {"jean claude": 9}),
        ({"A B M": {"rank": {"BD": 1}}, "J Smith": {"rank": {"US": 1}}}, 100, {}),
        ({"Мария": {"rank": {"RU": 1}}, "محمد": {"rank": {"EG": 1}}}, 100, {}),
        ({"Nobody": {"rank": {}}, "Ghost": {"rank": {"US": None}}}, 100, {}),
        ({"Odd": {"country": {}}, "Bad": "not a record"}, 100, {}),
        ({"Zoë": {"rank": {"NL": 30, "GB": None}}}, 100, {"zoe": 30}),
    ],
)
def test_best_ranks(table: dict[str, Any], max_rank: int, expected: dict[str, int]) -> None:
    assert best_ranks(table, max_rank) == expected


def test_news_titles_filter_and_extras() -> None:
    titles = news_titles()
    assert not titles & NOT_TITLES
    assert {"sen", "spokesman", "secretary general", "chairman"} <= titles
    assert len(EXTRA_TITLES) <= len(titles)
    assert all(title.isascii() or title.replace(" ", "").isalpha() for title in titles)
    assert MAX_GIVEN_RANK <= MAX_SURNAME_RANK


# ---------------------------------------------------------------- damaged files


def _write_trie(path: Path, fmt: str, records: list[tuple[str, tuple[int, ...]]]) -> None:
    marisa_trie.RecordTrie(fmt, records).save(str(path))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: None, "missing"),
        (lambda path: path.write_bytes(b""), "corrupt"),
        (lambda path: path.write_bytes(b"not a trie" * 10), "corrupt"),
        (lambda path: _write_trie(path, "<IB", [("joseph", (3, 1))]), "not a person-name"),
        (lambda path: _write_trie(path, "<BH", [("joseph", (1, 3))]), "not a person-name"),
        (lambda path: _write_trie(path, "<BH", [("~format", (0, 99))]), "not a person-name"),
        (lambda path: _write_trie(path, "<I", [("~format", (1,))]), "corrupt"),
    ],
)
def test_bad_lexicon_file_names_it_and_the_fix(tmp_path: Path, make: Any, message: str) -> None:
    path = tmp_path / FILENAME
    make(path)
    with pytest.raises(
        GazetteerDataError, match=rf"people\.marisa: .*{message}.*geo gazetteer build"
    ):
        PersonLexicon.open(path)


def test_truncated_lexicon_is_corrupt(built: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    data = built[0].read_bytes()
    path = tmp_path / FILENAME
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(GazetteerDataError, match="corrupt person-name lexicon"):
        PersonLexicon.open(path)


@pytest.fixture
def fake_names_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty names_dataset package folder that ``build_people_lexicon`` reads instead."""
    (tmp_path / "v3").mkdir()
    monkeypatch.setattr("importlib.resources.files", lambda package: tmp_path)
    return tmp_path / "v3"


def test_missing_names_dataset_file(fake_names_dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(GazetteerDataError, match=r"first_names\.pkl\.gz: .*missing.*names-dataset"):
        build_people_lexicon(tmp_path / "out")
    assert not (tmp_path / "out" / FILENAME).exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"not gzip", gzip.compress(b"not a pickle"), gzip.compress(b"\x80\x04K\x01.")],
)
def test_corrupt_names_dataset_file(
    fake_names_dataset: Path, tmp_path: Path, content: bytes
) -> None:
    (fake_names_dataset / "first_names.pkl.gz").write_bytes(content)
    with pytest.raises(GazetteerDataError, match=r"first_names\.pkl\.gz: .*names-dataset"):
        build_people_lexicon(tmp_path / "out")

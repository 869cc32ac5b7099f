"""Vocabulary files: loaded once, validated, refused in one line naming the file."""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import pytest
from conftest import DELETE, REPO, changed
from pydantic import TypeAdapter, ValidationError

from geo.errors import VocabularyError
from geo.vocabulary import (
    Alternatives,
    CaseBlindAlternatives,
    CountryCode,
    LowerAlternatives,
    LowerWords,
    Pattern,
    Vocabulary,
    alternation,
    covers,
    load_vocabulary,
)

VOCABULARY_FILES = sorted(
    path for path in (REPO / "geo").rglob("*.toml") if "node_modules" not in path.parts
)


class Words(Vocabulary):
    words: list[Pattern]
    weight: float = 1.0


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An importable package ``vocab_fixture`` in ``tmp_path`` to hold test files."""
    folder = tmp_path / "vocab_fixture"
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "vocab_fixture", raising=False)  # another test's copy
    return folder


def test_a_valid_file_loads(package: Path) -> None:
    (package / "words.toml").write_text(
        "# words\nwords = ['shell(?:ed|s)', 'pounded']\n", encoding="utf-8"
    )
    loaded = load_vocabulary("vocab_fixture", "words.toml", Words)
    assert loaded.words == ["shell(?:ed|s)", "pounded"] and loaded.weight == 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "vocabulary vocab_fixture/words.toml: cannot be read (No such file or directory)"),
        ("words = ['a'", "vocabulary vocab_fixture/words.toml: not valid TOML"),
        ("words = ['a(']", "words.0: Value error, not a regular expression"),
        ("words = ['a']\ncolour = 'red'", "1 problem: colour: Extra inputs are not permitted"),
        (
            "words = ['a(', 'b[']\nweight = 'heavy'",
            "3 problems: words.0: Value error, not a regular expression",
        ),
        ("", "1 problem: words: Field required"),
    ],
)
def test_a_bad_file_is_one_line_naming_it(
    package: Path, content: str | None, message: str
) -> None:
    if content is not None:
        (package / "words.toml").write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary("vocab_fixture", "words.toml", Words)
    text = str(raised.value)
    assert message in text
    assert "\n" not in text and text.startswith("vocabulary vocab_fixture/words.toml: ")


def test_vocabulary_files_exist() -> None:
    assert len(VOCABULARY_FILES) >= 1


@pytest.mark.parametrize("path", VOCABULARY_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_each_file_opens_with_a_header_and_is_read_by_its_package(path: Path) -> None:
    """What a row means and where the entries came from, before the first row; and the
    module that reads it sits beside it (``load_vocabulary("<its package>", "<name>", ...)``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))]
    assert len(header) >= 3, "a vocabulary file opens with a comment saying what it holds"
    package = ".".join(path.parent.relative_to(REPO).parts)
    readers = [
        source
        for source in path.parent.glob("*.py")
        if re.search(
            rf'load_vocabulary\(\s*"{re.escape(package)}",\s*"{re.escape(path.name)}"',
            source.read_text(encoding="utf-8"),
        )
    ]
    assert readers, f"no module of {package} loads {path.name}"


@pytest.mark.parametrize(
    ("kind", "entries", "problem"),
    [
        (Alternatives, ["shell(?:ed|s)", "pounded"], None),
        (Alternatives, [], "at least 1 item"),
        (Alternatives, ["a", "b", "a"], "listed more than once: a"),
        (Alternatives, ["hit|hits"], "holds a top-level '|'"),
        (Alternatives, ["(?:hit|hits)", "[|]"], None),  # a bar inside a group or a class
        (Alternatives, ["(hit)"], "has a capturing group"),
        (Alternatives, ["(?:hit)?"], "matches the empty string"),
        (Alternatives, ["a("], "not a regular expression"),
        (CaseBlindAlternatives, [r"hit\s+back"], None),
        (CaseBlindAlternatives, [r"hit\S"], "has an upper-case escape"),
        (LowerAlternatives, ["near", "close to"], None),
        (LowerAlternatives, ["Near"], "is not in lower case"),
        (LowerWords, ["river", "lake"], None),
        (LowerWords, ["close to"], "is not one word"),
        (LowerWords, ["River"], "is not in lower case"),
        (CountryCode, "SY", None),
        (CountryCode, "Syria", "should match pattern"),
    ],
)
def test_constraint_types(kind: Any, entries: Any, problem: str | None) -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    if problem is None:
        adapter.validate_python(entries)
        return
    with pytest.raises(ValidationError, match=re.escape(problem)):
        adapter.validate_python(entries)


class Side(Enum):
    LEFT = "left"
    RIGHT = "right"


@pytest.mark.parametrize(
    ("table", "problem"),
    [({"left": 1, "right": 2}, None), ({"left": 1}, "no entry for right"), ({}, "left, right")],
)
def test_covers(table: dict[str, int], problem: str | None) -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(Annotated[dict[Side, int], covers(Side)])
    if problem is None:
        assert adapter.validate_python(table) == {Side(key): value for key, value in table.items()}
        return
    with pytest.raises(ValidationError, match=re.escape(problem)):
        adapter.validate_python(table)


@pytest.mark.parametrize(
    ("alternatives", "joined"),
    [(["a"], "(?:a)"), (["a", "b"], "(?:a|b)"), (["x?y", "z"], "(?:x?y|z)")],
)
def test_alternation(alternatives: list[str], joined: str) -> None:
    assert alternation(alternatives) == joined
    assert re.fullmatch(rf"{joined}c", alternatives[-1].replace("?", "") + "c")


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("a.b", 2, {"a": {"b": 2}, "l": [1, 2]}),
        ("l.0", 9, {"a": {"b": 1}, "l": [9, 2]}),
        ("a.b", DELETE, {"a": {}, "l": [1, 2]}),
        ("l.1", DELETE, {"a": {"b": 1}, "l": [1]}),
    ],
)
def test_changed_copies_and_changes_one_entry(
    path: str, value: Any, expected: dict[str, Any]
) -> None:
    data = {"a": {"b": 1}, "l": [1, 2]}
    assert changed(data, path, value) == expected
    assert data == {"a": {"b": 1}, "l": [1, 2]}

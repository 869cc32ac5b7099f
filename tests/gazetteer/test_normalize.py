"""Name keys: the exact key (case, accents, punctuation) and the loose key of romanised names.

The loose key must bring together the spellings of one Arabic, Kurdish, Persian or Turkish
name that the press, monitors and gazetteers use, and keep apart the names that only look
alike; its rules are data (gazetteer/loose_key.toml), refused when malformed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import DELETE, changed, vocabulary_data
from pydantic import ValidationError

from gazetteer.normalize import (
    LOOSE_SCOPE,
    VARIANT_MARK,
    LooseKeyFile,
    loose_key,
    loose_word,
    normalize,
    query_keys,
    respellings,
    variant_key,
)


@pytest.mark.parametrize(
    ("spellings", "why"),
    [
        (
            ["Ras al-Ain", "Ra's al 'Ayn", "Ras el Ein", "Ras Al Ain", "Ra’s al ‘Ayn"],
            "articles, ayn",
        ),
        (["Ain Issa", "Ayn Isa", "Ein Issa", "‘Ayn ‘Īsá", "Ain Aissa"], "ein/ain/ayn, doubled s"),
        (["Tal Tamr", "Tell Tamr", "Tall Tamr", "Tel Tamr"], "tal/tell/tall/tel"),
        (["Deir ez-Zor", "Deir Ezzor", "Dair Al-Zour", "Dayr az Zawr"], "deir/dair/dayr, glued"),
        (["Qamishli", "Quamishli", "Qamishly", "Al Qāmishlī", "Kamishli"], "q/k, final y, qua"),
        (["Hodeidah", "Hudaydah", "Al-Hudaydah", "Hodeida"], "o/u, ei/ay, final -h"),
        (["Saraqeb", "Saraqib"], "e/i"),
        (["Raqqa", "Ar-Raqqa", "Al Raqqah", "Raqa", "ar-Raqqah"], "article, doubled q, -h"),
        (["Abo al- Dohur", "Abu ad Duhur", "Abu al-Duhur"], "o/u, sun letter"),
        (["Jisr al-Shughour", "Jisr ash Shughūr", "Jisr ash-Shughur"], "ou/u, ash"),
        (["Mayadin", "al-Mayadeen", "Al Mayādīn"], "ee/i"),
        (["Djebel", "Jebel"], "French dj"),
        (["Chouf", "Shouf"], "French ch"),
        (["Ad Dali", "Al Dhalea"], "dh is d"),
        (["Marivan", "Meriwan"], "Persian w/v"),
        (["Şemdinli", "Semdinli"], "accents dropped"),
        (["Hawija", "Huweija", "Al Hawijah"], "w between vowels stays a consonant"),
        (["Salamiyah", "Salamyeh", "Salamiyeh", "Salamieh"], "i before a vowel is y"),
        (["Hammuriyah", "Hamouria", "Hammouriyeh"], "iya, ia and iyeh"),
        (["Mayadin", "Miadin", "Meyadin", "al-Mayadeen"], "a vowel before the glide"),
        (["Sayyida Zaynab", "Sayida Zeinab", "Sayyidah Zaynab"], "a doubled y is one"),
    ],
)
def test_spellings_of_one_name_share_a_loose_key(spellings: list[str], why: str) -> None:
    assert len({loose_key(spelling) for spelling in spellings}) == 1, why


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Malaqa", "Al Malikiyah"),  # the nisba ending -iya is no vowel run
        ("Madaya", "Mada"),  # y between vowels is a consonant
        ("Homs", "Hama"),
        ("Dhamar", "Amran"),
        ("Idlib", "Adlab City"),  # a word more is another name
        ("Kafr Nabl", "Kafr Nabudah"),
    ],
)
def test_names_that_only_look_alike_keep_apart(one: str, other: str) -> None:
    assert loose_key(one) != loose_key(other)


@pytest.mark.parametrize(
    ("word", "first", "loose"),
    [
        ("al", True, ""),  # an article alone is nothing
        ("ezzor", False, "zar"),  # an assimilated article glued on, after the first word
        ("ezzor", True, "azar"),  # ... but not on the first word ("Ezra" is a name)
        ("alzour", False, "zar"),
        ("alma", False, "alm"),  # too short a rest: the article is part of the word
        ("assad", False, "sad"),
        ("issa", True, "as"),
        ("tell", True, "tal"),
        ("qamishly", True, "kamashl"),
        ("hudaydah", True, "hadad"),
    ],
)
def test_loose_words(word: str, first: bool, loose: str) -> None:
    assert loose_word(word, first=first) == loose


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ras al-Ain", f"{VARIANT_MARK}ras an"),
        ("Tal Tamer", f"{VARIANT_MARK}tal tamar"),
        ("Al-Bab", f"{VARIANT_MARK}bab"),
        ("Al-Ain", None),  # "an": too short to tell places apart
        ("al-", None),
        ("", None),
        ("   ", None),
    ],
)
def test_variant_key_marks_the_loose_key_or_refuses_a_short_one(name: str, key: str | None) -> None:
    assert variant_key(name) == key


def test_no_exact_key_is_a_variant_key() -> None:
    assert not normalize("≈ras an").startswith(VARIANT_MARK * 2)
    assert all(not normalize(name).startswith(VARIANT_MARK) for name in ("Ras al-Ain", "~x"))


@pytest.mark.parametrize(
    ("name", "country", "respelt"),
    [
        ("Cizre", "TR", ["jizre"]),
        ("Şemdinli", "TR", ["shemdinli"]),
        ("Akçakale", "TR", ["akchakale"]),  # in one pass: the ch of ç is no c
        ("Çaycuma", "TR", ["chayjuma"]),
        ("Doğubayazıt", "TR", ["doubayazıt"]),
        ("Mardin", "TR", []),  # nothing to respell
        ("Cizre", "SY", []),  # the rules are Turkey's
        ("Cizre", None, []),
    ],
)
def test_turkish_names_are_respelt_as_the_press_writes_them(
    name: str, country: str | None, respelt: list[str]
) -> None:
    assert respellings(name, country) == respelt


def test_respelt_names_meet_the_press_spelling() -> None:
    assert loose_key(respellings("Cizre", "TR")[0]) == loose_key("Jizre")


# ------------------------------------------------------------------ the rules file


def _rules() -> dict[str, Any]:
    return vocabulary_data("gazetteer/loose_key.toml")


def test_the_shipped_rules_are_the_rules_used() -> None:
    rules = LooseKeyFile.model_validate(_rules())
    assert frozenset(rules.scope.countries) == LOOSE_SCOPE
    assert {"SY", "IQ", "YE", "TR", "IR"} <= LOOSE_SCOPE and "US" not in LOOSE_SCOPE
    assert "tell" in rules.words["tal"]


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("scope.countries", ["SY", "syria"], "String should match pattern"),
        ("scope.countries", ["SY", "SY"], "listed more than once: SY"),
        ("articles.words", ["al", "Al"], "'Al' is not in lower case"),
        ("articles.glued_min_rest", 0, "greater than or equal to 1"),
        ("words.tal", ["tell", "tell"], "listed more than once: tell"),
        ("words.tel", ["tell"], "replaced twice: tell"),
        ("words.tell", ["tl"], "both kept and replaced: tell"),
        ("letters.rewrites", [["q(", "k"]], "not a regular expression"),
        ("orthographies.turkish.countries", [], "at least 1 item"),
        ("letters.vowels", "merge", "Extra inputs are not permitted"),
    ],
)
def test_malformed_rules_are_refused(path: str, value: object, problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        LooseKeyFile.model_validate(changed(_rules(), path, value))


def test_a_section_left_out_is_refused() -> None:
    with pytest.raises(ValidationError, match="articles\n  Field required"):
        LooseKeyFile.model_validate(changed(_rules(), "articles", DELETE))


@pytest.mark.parametrize(
    ("name", "key"), [("Petion-Ville", "petionville"), ("Port-Salut", "portsalut")]
)
def test_a_hyphenated_name_is_also_looked_up_joined(name: str, key: str) -> None:
    assert key in [found for found, _ in query_keys(name)]

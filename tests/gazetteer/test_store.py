"""gazetteer.store._mapped_npz: the arrays of an .npz mapped from the file, equal to what
np.load reads, for every layout np.savez writes; anything else is a ValueError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gazetteer.store import _mapped_npz

ARRAYS: dict[str, np.ndarray[Any, Any]] = {
    "classes": np.array([0, 3, 7], dtype=np.uint8),
    "codes": np.array(["SY", "US", ""], dtype="<U2"),
    "admin": np.array(["TX", "", "Aleppo Governorate"], dtype="<U18"),
    "population": np.array([0, 2_000_000, -1], dtype=np.int64),
    "lat": np.array([36.2, -33.9, 0.0]),
    "grid": np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)),
    "empty": np.zeros(0, dtype=np.float64),
}


@pytest.mark.parametrize("save", [np.savez, np.savez_compressed], ids=["stored", "compressed"])
def test_mapped_arrays_equal_what_numpy_loads(
    tmp_path: Path, save: Callable[..., None]
) -> None:
    path = tmp_path / "arrays.npz"
    save(path, allow_pickle=False, **ARRAYS)

    mapped = _mapped_npz(path)

    assert sorted(mapped) == sorted(ARRAYS)
    for name, expected in ARRAYS.items():
        assert mapped[name].dtype == expected.dtype, name
        assert mapped[name].shape == expected.shape, name
        assert np.array_equal(mapped[name], expected), name
    assert mapped["codes"].item(1) == "US" and mapped["population"].item(1) == 2_000_000


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00garbage\xff" * 10, b"PK\x03\x04" + b"\x00" * 40],
    ids=["empty", "garbage", "truncated-zip"],
)
def test_what_is_no_array_archive_is_a_value_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "arrays.npz"
    path.write_bytes(content)
    with pytest.raises(ValueError):
        _mapped_npz(path)

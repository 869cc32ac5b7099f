"""Tests for geo.outputs.files: atomic writes, interrupted writes, output-path checks, signals."""

from __future__ import annotations

import errno
import os
import signal
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.errors import InputError, OutputError
from geo.outputs.files import (
    atomic_write_bytes,
    atomic_write_text,
    atomic_writer,
    check_output_path,
    install_signal_handlers,
    terminating_signals,
)

OLD_MAP = '<!DOCTYPE html>\n<html><body><div id="map">old events</div></body></html>\n'
NEW_GEOJSON = '{"type": "FeatureCollection", "features": []}\n'
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(name for name in os.listdir(directory) if name not in keep)


def _make_directory(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.fixture
def old_map(tmp_path: Path) -> Path:
    path = tmp_path / "map.html"
    path.write_bytes(OLD_MAP.encode())
    path.chmod(0o640)
    return path


# ---------------------------------------------------------------------- writing


def test_write_text_creates_file_with_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "events.geojson"
    atomic_write_text(target, NEW_GEOJSON)
    assert target.read_bytes() == NEW_GEOJSON.encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_current_umask()
    assert _leftovers(tmp_path, {"events.geojson"}) == []


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        pytest.param(lambda p: atomic_write_text(p, "Zürich \u2013 “map”\r\n"),
                     "Zürich \u2013 “map”\r\n".encode(), id="text-kept-as-written"),
        pytest.param(lambda p: atomic_write_text(p, "café\n", encoding="latin-1"),
                     b"caf\xe9\n", id="text-other-encoding"),
        pytest.param(lambda p: atomic_write_bytes(p, b"\x89PNG\r\n\x1a\n\x00"),
                     b"\x89PNG\r\n\x1a\n\x00", id="bytes"),
        pytest.param(lambda p: atomic_write_text(p, ""), b"", id="empty"),
    ],
)
def test_overwrite_replaces_content_and_keeps_permissions(
    old_map: Path, write: Callable[[Path], None], expected: bytes
) -> None:
    write(old_map)
    assert old_map.read_bytes() == expected
    assert stat.S_IMODE(old_map.stat().st_mode) == 0o640
    assert _leftovers(old_map.parent, {"map.html"}) == []


@pytest.mark.parametrize(
    "interruption",
    [
        pytest.param(RuntimeError("renderer failed"), id="exception"),
        pytest.param(KeyboardInterrupt(), id="keyboard-interrupt"),
        pytest.param(SystemExit(143), id="system-exit"),
        pytest.param(OSError(errno.ENOSPC, "No space left on device"), id="disk-full"),
    ],
)
@pytest.mark.parametrize("mode", ["w", "wb"])
def test_interrupted_write_leaves_old_file_byte_identical(
    old_map: Path, interruption: BaseException, mode: str
) -> None:
    before = old_map.read_bytes()
    expected: type[BaseException] = (
        OutputError if isinstance(interruption, OSError) else type(interruption)
    )
    half_written: Any = b"<html>half" if mode == "wb" else "<html>half"
    with pytest.raises(expected), atomic_writer(old_map, "wb" if mode == "wb" else "w") as handle:
        handle.write(half_written)
        handle.flush()
        raise interruption
    assert old_map.read_bytes() == before
    assert stat.S_IMODE(old_map.stat().st_mode) == 0o640
    assert _leftovers(old_map.parent, {"map.html"}) == []


def test_interrupted_first_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("<html>")
        raise RuntimeError("renderer failed")
    assert os.listdir(tmp_path) == []


def test_interrupt_while_opening_the_temporary_file_stays_an_interrupt(
    old_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after ``os.fdopen`` took the descriptor, before it returned (the file object
    is dropped and closes it): the interrupt surfaces, not a 'Bad file descriptor'."""
    real_fdopen = os.fdopen

    def interrupted_fdopen(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        real_fdopen(descriptor, *args, **kwargs).close()
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", interrupted_fdopen)
    before = old_map.read_bytes()
    with pytest.raises(KeyboardInterrupt), atomic_writer(old_map) as handle:
        handle.write("<html>")
    assert old_map.read_bytes() == before
    assert _leftovers(old_map.parent, {"map.html"}) == []


def test_disk_full_is_one_line_output_error(old_map: Path) -> None:
    with pytest.raises(OutputError) as caught, atomic_writer(old_map) as handle:
        handle.write("x")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert str(caught.value) == f"cannot write {old_map}: No space left on device"


def test_sigterm_mid_write_unwinds_and_keeps_old_file(old_map: Path) -> None:
    before = old_map.read_bytes()
    with terminating_signals(), pytest.raises(SystemExit) as caught:  # noqa: SIM117
        with atomic_writer(old_map) as handle:
            handle.write("<html>half written")
            os.kill(os.getpid(), signal.SIGTERM)
            handle.write("never reached")
    assert caught.value.code == 143
    assert old_map.read_bytes() == before
    assert _leftovers(old_map.parent, {"map.html"}) == []
    assert signal.getsignal(signal.SIGTERM) is not None


def test_install_signal_handlers_turns_sigterm_into_system_exit() -> None:
    previous = signal.getsignal(signal.SIGTERM)
    try:
        install_signal_handlers()
        with pytest.raises(SystemExit) as caught:
            os.kill(os.getpid(), signal.SIGTERM)
        assert caught.value.code == 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_terminating_signals_restores_previous_handler() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with terminating_signals():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before


def test_write_through_symlink_keeps_the_link(tmp_path: Path, old_map: Path) -> None:
    link = tmp_path / "latest.html"
    link.symlink_to(old_map.name)
    atomic_write_text(link, "<html>new</html>")
    assert link.is_symlink()
    assert old_map.read_text() == "<html>new</html>"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param(lambda tmp: tmp / "maps" / "x.html",
                     "cannot write {tmp}/maps/x.html: directory '{tmp}/maps' does not exist",
                     id="missing-directory"),
        pytest.param(lambda tmp: _make_directory(tmp / "maps"),
                     "cannot write {tmp}/maps: it is a directory", id="target-is-directory"),
    ],
)
def test_writer_refuses_unwritable_targets(
    tmp_path: Path, setup: Callable[[Path], Path], message: str
) -> None:
    with pytest.raises(OutputError) as caught:
        atomic_write_text(setup(tmp_path), "x")
    assert str(caught.value) == message.format(tmp=tmp_path)


def test_permission_error_at_write_time_is_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only mount passes os.access checks for root; the write itself must say so."""
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(OutputError) as caught:
        atomic_write_text(tmp_path / "map.html", "x")
    assert str(caught.value) == (
        f"cannot write {tmp_path}/map.html: directory '{tmp_path}' is not writable"
    )


def test_bad_mode_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="mode must be 'w' or 'wb'"):
        atomic_writer(tmp_path / "x", "a")  # type: ignore[call-overload]


# --------------------------------------------------------------------- checking


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with seeds/a.txt, seeds/notes.md and an empty maps/."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Jets over Syria\n")
    (tmp_path / "seeds" / "notes.md").write_text("Notes\n")
    (tmp_path / "maps").mkdir()
    (tmp_path / "report.txt").write_text("a plain file\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("output", "inputs", "error", "message"),
    [
        pytest.param("out/x.html", [], OutputError,
                     "cannot write out/x.html: directory 'out' does not exist",
                     id="missing-directory"),
        pytest.param("report.txt/x.html", [], OutputError,
                     "cannot write report.txt/x.html: 'report.txt' is not a directory",
                     id="parent-is-a-file"),
        pytest.param("maps", [], OutputError, "cannot write maps: it is a directory",
                     id="output-is-a-directory"),
        pytest.param("seeds/a.txt", ["seeds/a.txt"], InputError,
                     "refusing to overwrite input file 'seeds/a.txt'", id="same-path"),
        pytest.param("./seeds/../seeds/a.txt", ["seeds/a.txt"], InputError,
                     "refusing to overwrite input file 'seeds/a.txt'", id="other-spelling"),
        pytest.param("seeds/a.txt", ["seeds"], InputError,
                     "refusing to overwrite input file 'seeds/a.txt'", id="inside-input-directory"),
        pytest.param("seeds/notes.md", ["maps", "seeds/"], InputError,
                     "refusing to overwrite input file 'seeds/notes.md'", id="second-input"),
    ],
)
def test_check_output_path_refuses(
    workspace: Path, output: str, inputs: list[str], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        check_output_path(output, inputs=[Path(given) for given in inputs])
    assert str(caught.value) == message
    assert type(caught.value) is error


@pytest.mark.parametrize(
    ("output", "inputs"),
    [
        pytest.param("maps/x.html", ["seeds"], id="new-file"),
        pytest.param("x.geojson", ["seeds/a.txt"], id="current-directory"),
        pytest.param("seeds/map.html", ["seeds"], id="non-document-inside-input-directory"),
        pytest.param("seeds/new.txt", ["seeds"], id="new-document-file-inside-input-dir"),
        pytest.param("report.txt", ["seeds/a.txt", "missing.txt"], id="existing-non-input"),
    ],
)
def test_check_output_path_accepts(workspace: Path, output: str, inputs: list[str]) -> None:
    assert check_output_path(output, inputs=[Path(given) for given in inputs]) == Path(output)


def test_check_output_path_refuses_symlink_to_input(workspace: Path) -> None:
    (workspace / "maps" / "latest.txt").symlink_to(workspace / "seeds" / "a.txt")
    with pytest.raises(InputError, match=r"refusing to overwrite input file 'seeds/a\.txt'"):
        check_output_path("maps/latest.txt", inputs=[Path("seeds/a.txt")])


def test_check_output_path_refuses_hard_link_to_input(workspace: Path) -> None:
    os.link(workspace / "seeds" / "a.txt", workspace / "maps" / "copy.txt")
    with pytest.raises(InputError, match=r"refusing to overwrite input file 'seeds/a\.txt'"):
        check_output_path("maps/copy.txt", inputs=[Path("seeds/a.txt")])


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root may write to read-only directories")
def test_check_output_path_refuses_read_only_directory(workspace: Path) -> None:
    (workspace / "maps").chmod(0o555)
    try:
        with pytest.raises(OutputError, match=r"directory 'maps' is not writable$"):
            check_output_path("maps/x.html", inputs=[])
    finally:
        (workspace / "maps").chmod(0o755)


def test_check_output_path_refuses_read_only_directory_simulated(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(OutputError) as caught:
        check_output_path("maps/x.html", inputs=[])
    assert str(caught.value) == "cannot write maps/x.html: directory 'maps' is not writable"

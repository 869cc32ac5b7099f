"""Output files: write them atomically and refuse output paths that would destroy something.

A map or GeoJSON file is either the complete new version or the untouched old one, never
half written: data goes to a temporary file in the target's directory, is flushed and
fsynced, then :func:`os.replace` swaps it in (atomic on POSIX and Windows within one
file system). On any exception, ``KeyboardInterrupt`` or ``SystemExit`` the temporary
file is removed and the previous file stays byte-identical. :func:`install_signal_handlers`
turns SIGTERM (and SIGHUP) into ``SystemExit(128 + signal)`` so that a terminated
``geo map`` unwinds through the same cleanup.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "events.geojson"
>>> atomic_write_text(target, '{"type": "FeatureCollection", "features": []}')
>>> target.read_text()[:27]
'{"type": "FeatureCollection'
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import IO, Any, Literal, NoReturn, overload

from geo.documents import DOCUMENT_SUFFIXES
from geo.errors import InputError, OutputError

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "check_output_path",
    "install_signal_handlers",
    "terminating_signals",
]

_TEMP_PREFIX = "."
_TEMP_SUFFIX = ".tmp"
_NEW_FILE_MODE = 0o666  # narrowed by the umask, as open() would do
_TERMINATING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _quoted(path: Path | str) -> str:
    """A path for a one-line message: as the user spelt it, control characters blanked."""
    return "".join(" " if ord(char) < 32 else char for char in os.fspath(path))


def _parent(path: Path) -> Path:
    return path.parent if path.parent != Path("") else Path(".")


# -------------------------------------------------------------------------- checking


def _is_same_file(output: Path, candidate: Path) -> bool:
    """True when ``output`` names ``candidate`` (same resolved path, or hard link)."""
    if output.resolve() == candidate.resolve():
        return True
    try:
        return os.path.samefile(output, candidate)
    except OSError:
        return False  # one of them does not exist: they cannot be the same file


def _would_read_as_input(output: Path, directory: Path) -> bool:
    """True when ``output`` exists inside ``directory`` and a walk would read it."""
    try:
        relative = output.resolve().relative_to(directory.resolve())
    except ValueError:
        return False
    visible = not any(part.startswith(".") for part in relative.parts)
    return output.is_file() and visible and output.suffix.lower() in DOCUMENT_SUFFIXES


def _check_not_an_input(output: Path, inputs: Iterable[Path]) -> None:
    for given in inputs:
        candidate = Path(given)
        if candidate.is_dir():
            if _would_read_as_input(output, candidate):
                raise InputError(f"refusing to overwrite input file '{_quoted(output)}'")
        elif _is_same_file(output, candidate):
            raise InputError(f"refusing to overwrite input file '{_quoted(candidate)}'")


def _check_directory(output: Path) -> None:
    parent = _parent(output)
    shown = _quoted(output)
    if not parent.exists():
        raise OutputError(
            f"cannot write {shown}: directory '{_quoted(parent)}' does not exist"
        )
    if not parent.is_dir():
        raise OutputError(f"cannot write {shown}: '{_quoted(parent)}' is not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write {shown}: directory '{_quoted(parent)}' is not writable"
        )


def check_output_path(path: str | os.PathLike[str], *, inputs: Iterable[Path]) -> Path:
    """Check, before any work is done, that ``path`` can be written; return it as a Path.

    Raises :class:`~geo.errors.InputError` when the output would overwrite one of the
    ``inputs`` (same file, a hard link to it, or an existing document file inside an
    input directory), and :class:`~geo.errors.OutputError` when it is a directory or its
    directory is missing or read-only. Permission is checked again at write time, because
    ``os.access`` says nothing about read-only mounts or races.

    >>> check_output_path("no-such-dir/x.html", inputs=[])
    Traceback (most recent call last):
    geo.errors.OutputError: cannot write no-such-dir/x.html: directory 'no-such-dir' does not exist
    """
    output = Path(path)
    _check_not_an_input(output, inputs)
    if output.is_dir():
        raise OutputError(f"cannot write {_quoted(output)}: it is a directory")
    _check_directory(output)
    return output


# --------------------------------------------------------------------------- writing


def _real_target(path: Path) -> Path:
    """Write through a symbolic link so that the link itself survives the replace."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _create_temp_file(target: Path) -> tuple[Path, int]:
    """Create an exclusive temporary file next to ``target``; return its path and fd."""
    parent = _parent(target)
    while True:
        temp = parent / f"{_TEMP_PREFIX}{target.name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}"
        try:
            descriptor = os.open(
                temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                _NEW_FILE_MODE,
            )
        except FileExistsError:
            continue
        except FileNotFoundError as err:
            raise OutputError(
                f"cannot write {_quoted(target)}: directory '{_quoted(parent)}' does not exist"
            ) from err
        except PermissionError as err:
            raise OutputError(
                f"cannot write {_quoted(target)}: directory '{_quoted(parent)}' is not writable"
            ) from err
        except OSError as err:
            raise OutputError(f"cannot write {_quoted(target)}: {err.strerror or err}") from err
        return temp, descriptor


def _copy_permissions(target: Path, descriptor: int) -> None:
    """Give the temporary file the permission bits of the file it replaces, if any."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.fchmod(descriptor, mode)


def _fsync_directory(directory: Path) -> None:
    """Persist the rename itself; best effort, as some file systems refuse directory fsync."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows cannot open directories; the replace is still atomic
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # EINVAL on file systems without directory fsync: durability only, not safety
    finally:
        os.close(descriptor)


def _remove_quietly(temp: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()


@overload
def atomic_writer(
    path: str | os.PathLike[str], mode: Literal["w"] = "w", *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def atomic_writer(
    path: str | os.PathLike[str], mode: Literal["wb"], *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def atomic_writer(
    path: str | os.PathLike[str], mode: Literal["w", "wb"] = "w", *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[str]] | contextlib.AbstractContextManager[IO[bytes]]:
    """Open ``path`` for writing so that it changes only if the ``with`` block succeeds.

    ``mode`` is ``"w"`` (text, ``encoding``, ``\\n`` newlines kept as written) or ``"wb"``.
    The previous file's permission bits are kept; a new file gets ``0o666`` minus the umask.
    Any exception, ``KeyboardInterrupt`` or ``SystemExit`` inside the block removes the
    temporary file and re-raises; OS errors become :class:`~geo.errors.OutputError`.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "map.html"
    >>> with atomic_writer(target) as handle:
    ...     _ = handle.write("<html></html>")
    >>> target.read_text()
    '<html></html>'
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_writer mode must be 'w' or 'wb', not {mode!r}")
    return _atomic_writer(Path(path), mode, encoding)


@contextlib.contextmanager
def _atomic_writer(path: Path, mode: str, encoding: str) -> Iterator[IO[Any]]:
    target = _real_target(path)
    if target.is_dir():
        raise OutputError(f"cannot write {_quoted(path)}: it is a directory")
    temp, descriptor = _create_temp_file(target)
    try:
        _copy_permissions(target, descriptor)
        handle: IO[Any] = (
            os.fdopen(descriptor, "wb") if mode == "wb"
            else os.fdopen(descriptor, "w", encoding=encoding, newline="")
        )
    except BaseException:
        # An interrupt can land after the file object took the descriptor and before it
        # was returned; dropping the object closed it already, and EBADF here would hide
        # the interrupt.
        with contextlib.suppress(OSError):
            os.close(descriptor)
        _remove_quietly(temp)
        raise
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException as err:
        _remove_quietly(temp)
        if isinstance(err, OSError) and not isinstance(err, OutputError):
            raise OutputError(f"cannot write {_quoted(path)}: {err.strerror or err}") from err
        raise
    _fsync_directory(_parent(target))


def atomic_write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8"
) -> None:
    """Replace ``path`` with ``text`` atomically (see :func:`atomic_writer`)."""
    with atomic_writer(path, "w", encoding=encoding) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_writer`)."""
    with atomic_writer(path, "wb") as handle:
        handle.write(data)


# --------------------------------------------------------------------------- signals


def _exit_on_signal(signum: int, frame: FrameType | None) -> NoReturn:
    """Unwind like ``sys.exit`` so ``finally`` blocks and :func:`atomic_writer` clean up."""
    raise SystemExit(128 + signum)


def install_signal_handlers() -> None:
    """Make SIGTERM and SIGHUP raise ``SystemExit(128 + signal)`` (143 for SIGTERM).

    The default action would kill the process without running cleanup, leaving a
    temporary file behind. Call once from the main thread (the CLI's ``main``); Python
    only allows signal handlers there, so elsewhere this raises ``ValueError``.
    """
    for signum in _TERMINATING_SIGNALS:
        signal.signal(signum, _exit_on_signal)


@contextlib.contextmanager
def terminating_signals() -> Iterator[None]:
    """Install :func:`install_signal_handlers` for a block, then restore the old handlers."""
    previous = {signum: signal.getsignal(signum) for signum in _TERMINATING_SIGNALS}
    install_signal_handlers()
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

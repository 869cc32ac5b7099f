"""Long ``geo map`` runs: interrupted, they leave the previous map and GeoJSON byte-identical;
on a terminal they show a progress bar, and nothing of it when stderr is a pipe or a file.

Two ways to interrupt a real ``python -m geo.cli map`` subprocess:

* **while writing, deterministically**: a ``sitecustomize.py`` put first on the child's
  ``PYTHONPATH`` makes ``os.fsync`` sleep, so the temporary file the atomic writer creates
  (``out/.map.geojson.<random>.tmp``) stays there long enough to be seen; the test waits
  for it, then sends SIGTERM (exit 143) or SIGINT (exit 130). Only the timing of the
  child is changed, never what it writes.
* **at an arbitrary moment, uninstrumented**: a corpus of a few hundred synthetic articles,
  SIGTERM after a delay; a run that finished first is retried with a shorter delay until
  a signal lands mid-run. Whatever the moment, each output is either the old file or the
  complete new one, and no temporary file remains.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import random
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
OLD_HTML = b"<!doctype html><title>previous map</title>\n"
OLD_GEOJSON = b'{"type":"FeatureCollection","features":[]}\n'
FSYNC_DELAY_S = 3.0
SLOW_FSYNC_HOOK = '''"""Test hook: a slow os.fsync, so an atomic write can be caught in the act."""
import os
import time

_real_fsync = os.fsync


def _slow_fsync(descriptor):
    time.sleep(float(os.environ.get("GEO_TEST_FSYNC_DELAY", "0")))
    _real_fsync(descriptor)


os.fsync = _slow_fsync
'''

PLACES = ("Hama", "Aleppo", "Idlib", "Homs", "Raqqa", "Deir ez-Zor", "Palmyra", "Mosul", "Daraa")
ACTORS = (
    "Syrian government jets",
    "Russian warplanes",
    "Rebel fighters",
    "Coalition aircraft",
    "Turkish artillery",
    "Islamic State militants",
    "Kurdish forces",
)
TRIGGERS = ("shelled", "struck", "attacked", "bombed", "clashed with fighters in")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def synthetic_article(rng: random.Random, number: int) -> str:
    """A short dated news article with a few events at named places."""
    sentences = [
        f"{rng.choice(ACTORS)} {rng.choice(TRIGGERS)} {rng.choice(PLACES)} on "
        f"{rng.choice(DAYS)}, residents said."
        for _ in range(rng.randint(2, 5))
    ]
    return (
        f"---\npublished: 2017-06-{rng.randint(1, 28):02d}\nsource: Synthetic Wire {number}\n"
        f"---\nFighting near {rng.choice(PLACES)}\n\n" + " ".join(sentences) + "\n"
    )


def _corpus(root: Path, articles: int) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    rng = random.Random(20170620)
    for number in range(articles):
        (corpus / f"synthetic_{number:04d}.txt").write_text(
            synthetic_article(rng, number), encoding="utf-8"
        )
    return corpus


def _previous_outputs(root: Path) -> tuple[Path, Path]:
    out = root / "out"
    out.mkdir()
    html, geojson = out / "map.html", out / "map.geojson"
    html.write_bytes(OLD_HTML)
    geojson.write_bytes(OLD_GEOJSON)
    return html, geojson


def _default_ctrl_c() -> None:
    """The child takes Ctrl-C as a user's shell gives it: a test run started as a background
    job (``pytest &``) ignores SIGINT, and a child inherits an ignored signal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_map(root: Path, corpus: Path, extra_env: dict[str, str]) -> subprocess.Popen[str]:
    env = dict(os.environ, **extra_env)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (extra_env.get("PYTHONPATH"), str(REPO)) if part
    )
    return subprocess.Popen(
        [sys.executable, "-m", "geo.cli", "map", str(corpus), "-o", "out/map.html"],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_ctrl_c,
    )


def _temp_files(out: Path) -> list[str]:
    return sorted(name for name in os.listdir(out) if name.endswith(".tmp"))


def _wait_for_temp_file(process: subprocess.Popen[str], out: Path, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if _temp_files(out):
            return True
        time.sleep(0.01)
    return False


@pytest.mark.parametrize(
    ("signum", "exit_code"),
    [(signal.SIGTERM, 143), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGINT"],
)
def test_signal_while_writing_keeps_previous_outputs(
    tmp_path: Path, signum: signal.Signals, exit_code: int
) -> None:
    corpus = _corpus(tmp_path, articles=3)
    html, geojson = _previous_outputs(tmp_path)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_FSYNC_HOOK, encoding="utf-8")
    process = _start_map(
        tmp_path, corpus, {"PYTHONPATH": str(hooks), "GEO_TEST_FSYNC_DELAY": str(FSYNC_DELAY_S)}
    )
    try:
        caught = _wait_for_temp_file(process, html.parent, timeout=90)
        if caught:
            process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert caught, "geo map never created a temporary output file"
    assert process.returncode == exit_code, stderr
    assert "Traceback" not in stderr
    assert html.read_bytes() == OLD_HTML
    assert geojson.read_bytes() == OLD_GEOJSON
    assert _temp_files(html.parent) == []


def _new_outputs_complete(html: Path, geojson: Path) -> bool:
    import json

    document = json.loads(geojson.read_text(encoding="utf-8"))
    return document["type"] == "FeatureCollection" and html.read_text(
        encoding="utf-8"
    ).rstrip().endswith("</html>")


def test_sigterm_mid_run_keeps_previous_outputs(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, articles=300)
    html, geojson = _previous_outputs(tmp_path)
    delay, landed = 1.5, []
    for _attempt in range(6):
        started = time.monotonic()
        process = _start_map(tmp_path, corpus, {})
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
        elapsed = time.monotonic() - started
        assert "Traceback" not in stderr
        assert _temp_files(html.parent) == []
        if process.returncode == 143:
            assert html.read_bytes() == OLD_HTML and geojson.read_bytes() == OLD_GEOJSON
            landed.append(delay)
            break
        if process.returncode == -signal.SIGTERM:  # killed before geo installed its handler
            delay *= 2
            continue
        assert process.returncode == 0, stderr  # finished before the signal
        assert _new_outputs_complete(html, geojson)
        html.write_bytes(OLD_HTML)
        geojson.write_bytes(OLD_GEOJSON)
        delay = elapsed / 3
    assert landed, "no SIGTERM landed while geo map was running"


def _read_all(descriptor: int, into: list[bytes]) -> None:
    """Read a pty master until the other side is closed (EIO on Linux)."""
    while True:
        try:
            data = os.read(descriptor, 65536)
        except OSError:
            return
        if not data:
            return
        into.append(data)


def _map_with_stderr_on_a_terminal(root: Path, corpus: Path) -> tuple[int, str]:
    """Run geo map with stderr on a pseudo-terminal of 24x100 characters.

    The window size matters: a pty of size 0x0 (``script`` without a real terminal)
    makes tqdm draw nothing at all.
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("TQDM_DISABLE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "geo.cli", "map", str(corpus), "-o", "out/map.html"],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    chunks: list[bytes] = []
    reader = threading.Thread(target=_read_all, args=(master, chunks))
    reader.start()
    try:
        process.wait(timeout=120)
        reader.join(timeout=10)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    return process.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, articles=200)
    (tmp_path / "out").mkdir()
    returncode, terminal = _map_with_stderr_on_a_terminal(tmp_path, corpus)
    piped = _start_map(tmp_path, corpus, {})
    _, piped_stderr = piped.communicate(timeout=120)

    assert returncode == 0, terminal
    counts = [int(n) for n in re.findall(r"\r(\d+)doc \[", terminal)]
    assert len(counts) >= 2 and counts == sorted(counts), terminal
    assert terminal.rstrip().splitlines()[-1].startswith("wrote out/map.html")
    assert piped.returncode == 0, piped_stderr
    assert piped_stderr.splitlines() == [piped_stderr.splitlines()[0]]
    assert piped_stderr.startswith("wrote out/map.html")
    assert "\r" not in piped_stderr and "doc/s" not in piped_stderr


def _jsonl_corpus(root: Path, articles: int) -> Path:
    rng = random.Random(143)
    path = root / "wire.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(articles):
            text = synthetic_article(rng, number).split("---\n", 2)[2]
            handle.write(json.dumps({"id": f"w{number}", "text": text}) + "\n")
    return path


@pytest.mark.parametrize(
    ("command", "signum", "exit_code", "to_group"),
    [
        (["extract", "--jsonl", "--workers", "2", "{corpus}"], signal.SIGINT, 130, True),
        (["extract", "--jsonl", "--workers", "2", "{corpus}"], signal.SIGTERM, 143, False),
        (["places", "--jsonl", "{corpus}", "--workers", "2"], signal.SIGINT, 130, True),
    ],
    ids=["ctrl-c-to-process-group", "SIGTERM-to-parent", "places-ctrl-c-to-process-group"],
)
def test_interrupted_worker_pool_exits_cleanly(
    tmp_path: Path, command: list[str], signum: signal.Signals, exit_code: int, to_group: bool
) -> None:
    """``--jsonl --workers 2`` stops promptly: no hang, no traceback per worker."""
    corpus = _jsonl_corpus(tmp_path, articles=3000)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen(
        [sys.executable, "-m", "geo.cli", *(arg.format(corpus=corpus) for arg in command)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_ctrl_c,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the pool is running once lines come out
        if to_group:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert json.loads(first)["id"] == "w0"
    assert process.returncode == exit_code, stderr
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) <= 1, stderr

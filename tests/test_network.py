"""The whole main job runs with the network blocked, and gives the same results.

The child process gets a ``sitecustomize.py`` first on ``PYTHONPATH`` that replaces
``socket.socket.connect``/``connect_ex``/``sendto``, ``socket.create_connection`` and
``socket.getaddrinfo`` with functions that log the attempt to a file and raise. The error
raised is not an ``OSError``, so code that quietly falls back on a network failure still
fails loudly, and the log catches an attempt even if something swallowed the exception.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
BLOCK_NETWORK_HOOK = '''"""Test hook: any network use is logged and refused."""
import os
import socket

_LOG = os.environ["GEO_TEST_NETWORK_LOG"]


class NetworkBlocked(RuntimeError):
    pass


def _refuse(name):
    def refuse(*args, **kwargs):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{name} {args[1:] if name.startswith('socket.') else args}\\n")
        raise NetworkBlocked(f"network access attempted: {name}")
    return refuse


socket.socket.connect = _refuse("socket.connect")
socket.socket.connect_ex = _refuse("socket.connect_ex")
socket.socket.sendto = _refuse("socket.sendto")
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
'''

JOBS = {
    "map-seeds": ["map", "{seeds}", "-o", "out/seeds.html"],
    "map-seeds-offline": ["map", "{seeds}", "-o", "out/offline.html", "--offline"],
    "extract-seeds": ["extract", "{seeds}", "--geojson", "out/extract.geojson"],
    "extract-jsonl-workers": ["extract", "--jsonl", "--workers", "2", "{seeds}"],
}


def _run(
    args: list[str], cwd: Path, blocked: bool
) -> tuple[subprocess.CompletedProcess[str], dict[str, bytes]]:
    """Run geo in ``cwd`` (a fresh ``out/``); return the result and the files it wrote."""
    out = cwd / "out"
    out.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if blocked:
        hooks = cwd / "hooks"
        hooks.mkdir()
        (hooks / "sitecustomize.py").write_text(BLOCK_NETWORK_HOOK, encoding="utf-8")
        env["PYTHONPATH"] = os.pathsep.join([str(hooks), str(REPO)])
        env["GEO_TEST_NETWORK_LOG"] = str(cwd / "network.log")
    result = subprocess.run(
        [sys.executable, "-m", "geo.cli", *[a.format(seeds=SEEDS) for a in args]],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    written = {path.name: path.read_bytes() for path in sorted(out.iterdir())}
    return result, written


def test_hook_really_blocks_the_network(tmp_path: Path) -> None:
    """The hook is active in the child: a plain connection attempt fails and is logged."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(BLOCK_NETWORK_HOOK, encoding="utf-8")
    log = tmp_path / "network.log"
    code = "import socket\nsocket.create_connection(('example.org', 80), timeout=1)"
    env = dict(os.environ, PYTHONPATH=str(hooks), GEO_TEST_NETWORK_LOG=str(log))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "NetworkBlocked" in result.stderr
    assert log.read_text(encoding="utf-8").startswith("create_connection")


@pytest.mark.parametrize("args", list(JOBS.values()), ids=list(JOBS))
def test_main_job_needs_no_network(tmp_path: Path, args: list[str]) -> None:
    blocked, blocked_files = _run(args, tmp_path / "blocked", blocked=True)
    free, free_files = _run(args, tmp_path / "free", blocked=False)

    assert blocked.returncode == 0, blocked.stderr
    assert not (tmp_path / "blocked" / "network.log").exists()
    assert free.returncode == 0, free.stderr
    assert blocked.stdout == free.stdout
    assert sorted(blocked_files) == sorted(free_files)
    for name, content in blocked_files.items():
        if name.endswith(".geojson"):
            assert content == free_files[name], name
        else:  # folium gives map elements random ids; the size is the same
            assert len(content) == len(free_files[name]), name

"""`make test` on a machine without Chromium: it installs it when it can, and
otherwise stops before pytest with the one command to run."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHECK = BASE_DIR / "scripts" / "ensure_chromium.sh"


def run(command, tmp_path) -> subprocess.CompletedProcess:
    # No apt-get, no sudo on this PATH; a Chromium path that does not exist.
    empty = tmp_path / "bin"
    empty.mkdir(exist_ok=True)
    env = {"PATH": str(empty), "CHROMIUM_PATH": str(tmp_path / "no-chromium"), "HOME": str(tmp_path)}
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60)


def test_the_check_stops_with_the_install_command_when_chromium_cannot_be_installed(tmp_path):
    result = run(["/bin/sh", str(CHECK)], tmp_path)
    assert result.returncode != 0
    assert "apt-get install -y chromium" in result.stdout + result.stderr


def test_the_check_passes_when_chromium_is_there(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    result = subprocess.run(
        ["/bin/sh", str(CHECK)],
        env={"PATH": "/nonexistent", "CHROMIUM_PATH": str(chromium)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_make_test_stops_before_pytest_without_chromium(tmp_path):
    # -o: treat the virtualenv as installed (these tests run inside it).
    make = shutil.which("make")
    result = run(
        [make, "-o", "install", "-o", ".venv/.installed-stamp", "test", "PYTEST_ARGS=--version"], tmp_path
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "apt-get install -y chromium" in output
    # pytest never started (make echoes each command it runs; pytest
    # --version would print "pytest 9...").
    assert "-m pytest" not in output and "pytest 9" not in output, output


def test_a_hung_test_fails_instead_of_hanging_the_run(tmp_path):
    """With the project's configuration, a test that never returns is
    stopped by pytest-timeout and reported as a failure."""
    hung = tmp_path / "test_hung.py"
    hung.write_text("import threading\n\ndef test_hung():\n    threading.Event().wait()\n")
    # The project's pytest configuration, with its limit shortened so this
    # test does not wait minutes: what is checked is that the limit is
    # active (the plugin and the method come from pyproject.toml).
    project = (BASE_DIR / "pyproject.toml").read_text()
    config, limits = re.subn(r"\ntimeout = \d+\n", "\ntimeout = 2\n", project)
    assert limits == 1, "pyproject.toml sets no test timeout"
    (tmp_path / "pyproject.toml").write_text(config)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:django", str(hung)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Timeout" in output and "1 failed" in output, output

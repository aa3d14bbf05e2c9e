"""``make run`` and ``make test`` fail with a clear message, not a traceback.

``scripts/dev.sh`` is run as the Makefile runs it, with one thing wrong at a
time: the Odoo source, the Python, the PostgreSQL server, the HTTP port. Each
run must stop with exit code 2 and the message that says what to fix, before
it changes anything.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.beside_the_suite


def _dev_sh(tmp_path, *args, **env):
    # its own log directory: the configuration file it writes is not the suite's
    environ = {**os.environ, "VENV": sys.prefix, "LOG_DIR": str(tmp_path), **env}
    result = subprocess.run(
        [PROJECT / "scripts" / "dev.sh", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output, output
    return result.stderr


def test_wrong_odoo_source(tmp_path):
    stderr = _dev_sh(tmp_path, "test", ODOO_SRC=str(tmp_path))
    assert f"ERROR: ODOO_SRC={tmp_path} is not an Odoo 18.0 source tree." in stderr


def test_unsupported_python(tmp_path):
    python = tmp_path / "python3.13"
    python.write_text(
        '#!/bin/sh\n[ "$1" = -V ] && { echo "Python 3.13.0"; exit 0; }\nexit 1\n'
    )
    python.chmod(0o755)
    stderr = _dev_sh(tmp_path, "test", PYTHON=str(python))
    assert f"ERROR: Unsupported Python: {python} is Python 3.13.0." in stderr
    assert "Odoo 18.0 runs on Python 3.10, 3.11 or 3.12" in stderr


def test_postgresql_unreachable(tmp_path):
    stderr = _dev_sh(tmp_path, "test", PGHOST=str(tmp_path), PGPORT="5999")
    assert "ERROR: Database unreachable: cannot connect to PostgreSQL" in stderr
    assert f"PGHOST={tmp_path} PGPORT=5999" in stderr


def test_port_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        stderr = _dev_sh(
            tmp_path,
            "run",
            HTTP_PORT=str(port),
            DB_NAME="tz_session_credits_never_made",
        )
    assert f"ERROR: Port {port} is taken" in stderr
    assert "HTTP_PORT=8070 make run" in stderr


def _path_without(tmp_path, *commands):
    """This PATH's commands but ``commands``: a directory of links to each."""
    shadow = tmp_path / "bin"
    shadow.mkdir()
    for directory in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for entry in os.scandir(directory):
            link = shadow / entry.name
            if entry.name in commands or os.path.lexists(link):
                continue
            if entry.is_file() and os.access(entry.path, os.X_OK):
                link.symlink_to(entry.path)
    return str(shadow)


def test_wkhtmltopdf_missing(tmp_path):
    # no wkhtmltopdf and no apt-get to install it; the port is taken too, so
    # that a run that went on would stop at once on that other error
    path = _path_without(tmp_path, "wkhtmltopdf", "apt-get")
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        stderr = _dev_sh(
            tmp_path,
            "run",
            PATH=path,
            HTTP_PORT=str(port),
            DB_NAME="tz_session_credits_never_made",
        )
    assert "ERROR: wkhtmltopdf not found: Odoo needs it" in stderr
    assert "a payment in the online shop never completes" in stderr
    assert "sudo apt-get install wkhtmltopdf" in stderr

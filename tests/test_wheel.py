"""Every addon of the repository installs from its wheel, as integrators do.

For each addon directory (found by manifestoo, like ``make test`` does), build
the wheel with its ``pyproject.toml`` (whool backend), install it into a fresh
virtualenv that sees Odoo 18.0 and its requirements but not this repository,
then install the addons into a fresh database from there, with an
``addons_path`` that holds Odoo's addons only. Odoo finds them in the
virtualenv's ``site-packages/odoo/addons``.
"""

import ast
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import psycopg2
import pytest

import odoo

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# the OCA addons of requirements-oca.txt (odoo-addon-contract-line-successor
# installs the addon contract_line_successor)
OCA_ADDONS = {
    line.split("==")[0].removeprefix("odoo-addon-").replace("-", "_")
    for line in (PROJECT / "requirements-oca.txt").read_text().splitlines()
    if line.startswith("odoo-addon-")
}


def _run(*cmd, **kwargs):
    result = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, check=False, **kwargs
    )
    assert result.returncode == 0, f"{cmd} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout.strip()


def _manifestoo(command):
    return _run(
        BIN / "manifestoo", "--select-addons-dir", PROJECT, command, "--separator=,"
    )


def _drop_database(db, python, conf, env):
    """``click-odoo-dropdb`` (the database and its filestore), when it exists."""
    with psycopg2.connect(dbname="postgres") as connection, connection.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
        exists = cr.fetchone()
    connection.close()
    if exists:
        _run(python, "-m", "click_odoo_contrib.dropdb", "-c", conf, db, env=env)


def _new_database(db, depends, python, conf, env, cwd):
    """``click-odoo-initdb --no-demo`` of the dependencies, as an integrator
    would, from the wheels' virtualenv (a copy of its cached template once it
    has built one)."""
    prefix = os.environ.get("ODOO_CACHE_PREFIX", "tzsc")
    _run(
        *(python, "-m", "click_odoo_contrib.initdb", "-c", conf, "-n", db),
        *("-m", depends, "--no-demo", "--cache-prefix", prefix),
        env=env,
        cwd=cwd,
    )


@pytest.mark.beside_the_suite
# click-odoo-contrib 1.24's cache names its templates with utcnow()
@pytest.mark.filterwarnings(
    "ignore:datetime.datetime.utcnow:DeprecationWarning:click_odoo_contrib.initdb"
)
def test_every_addon_installs_from_its_wheel(tmp_path):
    addons = _manifestoo("list").split(",")
    depends = _manifestoo("list-depends")
    odoo_src = Path(odoo.__file__).resolve().parent.parent

    # 1. one wheel per addon, named as OCA's (odoo-addon-<name>)
    dist = tmp_path / "dist"
    for addon in addons:
        _run(
            *(sys.executable, "-m", "build", "--wheel", "--no-isolation"),
            *("--outdir", dist, PROJECT / addon),
        )
    wheels = sorted(dist.glob("*.whl"))
    assert sorted(w.name.split("-")[0] for w in wheels) == sorted(
        f"odoo_addon_{addon}" for addon in addons
    )
    assert all(w.name.split("-")[1].startswith("18.0.") for w in wheels)
    # each wheel requires the wheels of the addons it depends on outside Odoo
    # (ours, and OCA's for the memberships: what pip installs without --no-deps)
    for wheel in wheels:
        addon = wheel.name.split("-")[0].removeprefix("odoo_addon_")
        with zipfile.ZipFile(wheel) as archive:
            [metadata] = [n for n in archive.namelist() if n.endswith("/METADATA")]
            requires = {
                line.split(":", 1)[1].split("=")[0].strip()
                for line in archive.read(metadata).decode().splitlines()
                if line.startswith("Requires-Dist:")
            }
        manifest = ast.literal_eval((PROJECT / addon / "__manifest__.py").read_text())
        ours_or_oca = {
            f"odoo-addon-{dep}"
            for dep in manifest["depends"]
            if (PROJECT / dep).is_dir() or dep in OCA_ADDONS
        }
        assert ours_or_oca <= requires, (addon, ours_or_oca - requires)

    # 2. a fresh virtualenv next to Odoo: it sees Odoo's source and the
    # requirements installed in the development virtualenv, nothing else
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    )
    (site / "odoo-next-to.pth").write_text(
        f"{odoo_src}\n{sysconfig.get_path('purelib')}\n"
    )
    _run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", *wheels
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    paths = _run(
        python,
        "-c",
        "import importlib, sys\n"
        "for addon in sys.argv[1:]:\n"
        "    print(importlib.import_module(f'odoo.addons.{addon}').__file__)",
        *addons,
        env=env,
        cwd=tmp_path,
    ).splitlines()
    for addon, path in zip(addons, paths, strict=True):
        assert Path(path).is_relative_to(site / "odoo" / "addons" / addon)

    # 3. a fresh database without demo data, as an integrator's (from a
    # cached template of the dependencies), then the addons installed from
    # the wheels only
    conf = tmp_path / "odoo.conf"
    addons_path = [odoo_src / "odoo" / "addons", odoo_src / "addons"]
    addons_path = ",".join(str(p) for p in addons_path if p.is_dir())
    conf.write_text(f"[options]\naddons_path = {addons_path}\n")
    assert str(PROJECT) not in conf.read_text()
    db = f"{os.environ.get('DB_TEST', 'tz_session_credits_test')}_wheel"
    _drop_database(db, python, conf, env)
    try:
        _new_database(db, depends, python, conf, env, tmp_path)
        _run(
            python,
            "-m",
            "odoo",
            "-c",
            conf,
            "-d",
            db,
            "-i",
            ",".join(addons),
            "--stop-after-init",
            "--log-level=warn",
            env=env,
            cwd=tmp_path,
        )
        with psycopg2.connect(dbname=db) as connection, connection.cursor() as cr:
            cr.execute(
                "SELECT name, state FROM ir_module_module WHERE name = ANY(%s)",
                [addons],
            )
            states = dict(cr.fetchall())
        connection.close()
        assert states == dict.fromkeys(addons, "installed")
    finally:
        _drop_database(db, python, conf, env)

"""What ``make run``, ``make test``, ``make lint``, ``make pot`` and ``make bench`` do.

``scripts/dev.sh`` runs this with the project's virtualenv once it has found
Python and Odoo 18.0 and started PostgreSQL. Every step is a maintained tool
pinned in requirements-dev.txt:

- manifestoo lists the addons of this repository and the addons they need
  from outside it, so a new addon directory needs no edit here;
- click-odoo-initdb makes each database from a template of those dependencies
  (with demo data), cached by a hash of their files; click-odoo-dropdb and
  click-odoo-copydb drop and copy databases;
- click-odoo-update updates the addons whose files changed (``make run``
  calls it only when the files differ from those recorded at the last install
  or update of that database, in ``.logs/run-stamps.json``);
- click-odoo-makepot writes each addon's ``i18n/<addon>.pot`` and merges it
  into its ``.po`` files (``--msgmerge``: GNU gettext's msgmerge);
- pytest-odoo runs ``tests/``, pre-commit the linters.
"""

import configparser
import functools
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import psycopg2
from manifestoo.addons_selection import AddonsSelection
from manifestoo_core.addons_set import AddonsSet

PROJECT = Path(__file__).resolve().parent.parent
ODOO_SRC = Path(os.environ["ODOO_SRC"])
LOGS = Path(os.environ.get("LOG_DIR") or PROJECT / ".logs")
CONF = LOGS / "odoo.conf"  # read by odoo, click-odoo-* and pytest-odoo
CACHE_PREFIX = os.environ.setdefault("ODOO_CACHE_PREFIX", "tzsc")
ODOO_BIN = ODOO_SRC / "odoo-bin"
if not ODOO_BIN.is_file():  # a source archive has setup/odoo instead
    ODOO_BIN = ODOO_SRC / "setup" / "odoo"
ODOO = [sys.executable, str(ODOO_BIN), "-c", str(CONF)]
STAMPS = LOGS / "run-stamps.json"  # make run: the files each database has
UNHASHED = ("*.pyc", "*.pyo", "i18n/*.pot", "static/*", "tests/*")
LOG_LINE = re.compile(r"^[\d-]+ [\d:,]+ \d+ (WARNING|ERROR|CRITICAL) ", re.M)
HEADER = re.compile(r"^[\d-]+ [\d:,]+ \d+ [A-Z]+ ")


def say(message):
    print(f"\033[1m==> {message}\033[0m", file=sys.stderr, flush=True)


def die(message, *lines):
    details = "".join(f"\n       {line}" for line in lines)
    print(f"\nERROR: {message}{details}", file=sys.stderr)
    sys.exit(2)


def run(*cmd, log=None, what=None, quiet=False, env=None):
    """Run a command; on failure, stop with a pointer to its log."""
    out = subprocess.DEVNULL if quiet else None
    command = [str(c) for c in cmd]
    if subprocess.run(command, stdout=out, env=env, check=False).returncode:
        die(f"{what or cmd[0]} failed" + (f": see {log}" if log else "."))


def our_addons():
    """The addon directories of this repository (manifestoo's selection)."""
    selection = AddonsSelection()
    selection.add_addons_dirs([PROJECT])
    return ",".join(sorted(selection))


@functools.cache
def depends():
    """``manifestoo --select-addons-dir . list-depends``, in-process: what our
    addons need from outside this repository."""
    from manifestoo.commands.list_depends import list_depends_command  # noqa: PLC0415

    selection, addons_set = AddonsSelection(), AddonsSet()
    selection.add_addons_dirs([PROJECT])
    addons_set.add_from_addons_dirs([PROJECT])
    return ",".join(list_depends_command(selection, addons_set)[0])


ADDONS = our_addons()


# a test-only addon that inherits the ledger as a third-party module would:
# installed in the test database, never shipped
TEST_ADDONS_DIR = PROJECT / "tests" / "addons"
TEST_ADDONS = "tz_session_credits_test_ext"


def write_conf(with_test_addons=False):
    paths = [PROJECT, ODOO_SRC / "odoo" / "addons", ODOO_SRC / "addons"]
    if with_test_addons:
        paths.insert(1, TEST_ADDONS_DIR)
    addons_path = ",".join(str(p) for p in paths if p.is_dir())
    LOGS.mkdir(parents=True, exist_ok=True)
    # the port of the tests' HTTP server too (tours): HTTP_PORT lets two
    # checkouts run their tests side by side
    port = os.environ.get("HTTP_PORT", "8069")
    CONF.write_text(f"[options]\naddons_path = {addons_path}\nhttp_port = {port}\n")


def initdb(db):
    """``click-odoo-initdb``: ``db`` from its cached template of ``depends()``
    (with demo data), which it builds first when there is none."""
    say(f"Database {db}: click-odoo-initdb, from its template of {depends()}")
    log = LOGS / "initdb.log"
    run(
        *("click-odoo-initdb", "-c", CONF, "-n", db, "-m", depends()),
        *("--cache-prefix", CACHE_PREFIX, f"--logfile={log}"),
        log=log,
        what=f"Creating {db}",
    )


def drop_db(db):
    """``click-odoo-dropdb --if-exists``: the database and its filestore."""
    log = LOGS / "db.log"
    run(
        *("click-odoo-dropdb", "-c", CONF, "--if-exists", f"--logfile={log}", db),
        log=log,
        what=f"Dropping {db}",
        quiet=True,
    )


def copy_db(source, db):
    """``click-odoo-copydb``: the database, then its filestore."""
    log = LOGS / "db.log"
    run(
        *("click-odoo-copydb", "-c", CONF, f"--logfile={log}", source, db),
        log=log,
        what=f"Copying {source} to {db}",
        quiet=True,
    )


def check_log(log, what):
    """No WARNING/ERROR line naming one of our addons or a model they define."""
    names = set(ADDONS.split(","))
    for addon in ADDONS.split(","):
        for path in (PROJECT / addon).rglob("*.py"):
            names.update(
                re.findall(r"^    _name = [\"']([\w.]+)", path.read_text(), re.M)
            )
    ours = re.compile("|".join(re.escape(name) for name in sorted(names)))
    # a record is its header line and the lines that follow it (a query's
    # error, a traceback): "bad query: DELETE FROM sale_order_line" names our
    # table only in PostgreSQL's detail below it
    records, record = [], None
    for line in log.read_text(errors="replace").splitlines():
        if HEADER.match(line):
            record = [line] if LOG_LINE.match(line) else None
            if record:
                records.append(record)
        elif record is not None:
            record.append(line)
    bad = [
        "\n".join(record)
        for record in records
        if any(ours.search(line.replace("_", ".")) for line in record)
    ]
    if bad:
        print("\n".join(bad), file=sys.stderr)
        die(f"{what} logged the WARNING/ERROR lines above (full log: {log}).")


def install(db, addons, logname, *args, new=False, exists=True):
    """``odoo -i addons --stop-after-init`` on ``db``, its log checked. With
    ``new``, ``db`` is dropped first (unless known absent), then made by
    click-odoo-initdb from its cached template of ``depends()``."""
    log = LOGS / logname
    if new:
        if exists:
            drop_db(db)
        initdb(db)
    say(f"Installing {addons} in {db}")
    log.write_text("")
    returncode = subprocess.run(
        [
            *(sys.executable, ODOO_BIN, "-c", CONF, "-d", db, "-i", addons),
            *("--stop-after-init", "--log-level=info", f"--logfile={log}", *args),
        ],
        check=False,
    ).returncode
    if returncode:
        die(f"Installing {addons} in {db} failed: see {log}")
    check_log(log, f"Installing {addons}")


def fingerprint(addon):
    """A hash of the files of ``addon`` that an update reads (as
    click-odoo-update's checksums: no compiled Python, .pot, static or tests)."""
    digest = hashlib.sha256()
    root = PROJECT / addon
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not any(fnmatch(relative, p) for p in UNHASHED):
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def stamps():
    return json.loads(STAMPS.read_text()) if STAMPS.exists() else {}


def stamp(db):
    """Record the files ``db`` was installed or updated with."""
    recorded = stamps()
    recorded[db] = {addon: fingerprint(addon) for addon in ADDONS.split(",")}
    STAMPS.write_text(json.dumps(recorded, indent=1, sort_keys=True))


def db_state(db):
    """Our addons missing from ``db``, and whether files changed since ``db``
    was last installed or updated here; None when ``db`` does not exist.

    This reads only (PostgreSQL and files), so that an unchanged database is
    served without loading Odoo one more time: click-odoo-update, with its
    own checksums, does the update.
    """
    with psycopg2.connect(dbname="postgres") as connection:
        with connection.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            exists = cr.fetchone()
    connection.close()
    if not exists:
        return None
    connection = psycopg2.connect(dbname=db)
    with connection, connection.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
        installed = {name for (name,) in cr.fetchall()}
    connection.close()
    ours = ADDONS.split(",")
    missing = [a for a in ours if a not in installed]
    recorded = stamps().get(db, {})
    changed = any(recorded.get(a) != fingerprint(a) for a in ours if a in installed)
    return ",".join(missing), changed


DEMO_PAYMENT = "payment_demo"


def enable_demo_payment(db):
    """``click-odoo scripts/demo_payment.py``: the demo provider in test mode
    and published, as an administrator would set it."""
    say(f"Enabling Odoo's demo payment provider in {db}")
    log = LOGS / "run-demo-payment.log"
    log.write_text("")
    run(
        *("click-odoo", "-c", CONF, "-d", db, f"--logfile={log}"),
        PROJECT / "scripts" / "demo_payment.py",
        log=log,
        what=f"Enabling the demo payment provider in {db}",
    )
    check_log(log, "Enabling the demo payment provider")


def cmd_run(args):
    db, port = os.environ["DB_NAME"], int(os.environ["HTTP_PORT"])
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            die(
                f"Port {port} is taken: another server (maybe another Odoo) "
                "listens on it.",
                "Stop it, or choose another port: HTTP_PORT=8070 make run",
            )
    state = db_state(db)
    if state is None:
        missing = ADDONS
    else:
        missing, changed = state
        if changed:
            say(f"The addons' files changed: click-odoo-update of {db}")
            log = LOGS / "run-update.log"
            run(
                *("click-odoo-update", "-c", CONF, "-d", db, "--ignore-core-addons"),
                f"--logfile={log}",
                log=log,
                what=f"Updating {db}",
            )
            stamp(db)
    if missing:
        new = state is None
        # a new demo database gets Odoo's demo payment provider too, so that
        # its shop's packs can be bought (no addon of ours depends on it)
        addons = f"{missing},{DEMO_PAYMENT}" if new else missing
        install(db, addons, "run-install.log", new=new, exists=False)
        if new:
            enable_demo_payment(db)
        stamp(db)
        # store the checksums click-odoo-update compares with next time; it
        # only writes one parameter, so it runs while the server starts
        # (at the lowest priority: the server starting comes first)
        subprocess.Popen(
            [*("nice", "-n", "19", "click-odoo-update", "-c", CONF, "-d", db)]
            + ["--ignore-core-addons", "--only-compute-hashes", "--log-level=warn"]
        )
    say(
        f"Odoo is starting on http://localhost:{port}  "
        f"(login: admin, password: admin, database: {db})"
    )
    os.execv(
        sys.executable,
        [*ODOO, "-d", db, f"--db-filter=^{db}$", f"--http-port={port}", *args],
    )


def cmd_test(args):
    db = os.environ["DB_TEST"]
    write_conf(with_test_addons=True)
    install(db, f"{ADDONS},{TEST_ADDONS}", "test-install.log", new=True)
    uninstall = None
    if not os.environ.get("TZ_SKIP_UNINSTALL"):
        # credits are final, yet removing the addons must work: on a copy,
        # while the tests run on the original
        copy, uninstall_log = f"{db}_uninstall", LOGS / "test-uninstall.log"
        drop_db(copy)
        copy_db(db, copy)
        say(f"Uninstalling {ADDONS} from {copy}, a copy of {db}, during the tests")
        uninstall_log.write_text("")
        uninstall = subprocess.Popen(
            [*("click-odoo", "-c", CONF, "-d", copy, f"--logfile={uninstall_log}")]
            + [PROJECT / "scripts" / "check_uninstall.py", ADDONS]
        )
    say(f"pytest tests/ on {db} (the tests marked {BESIDE} in a second pytest)")
    beside, beside_out = pytest_beside(db, args)
    log, conf = pytest_conf("test-run")
    pytest = subprocess.run(
        pytest_command(conf, db, "-m", f"not {BESIDE}", "--odoo-http", *args),
        cwd=PROJECT,
        check=False,
    )
    returncodes = [pytest.returncode, beside.wait()]
    report = beside_out.read_text(errors="replace")
    if returncodes[1] not in (0, NO_TESTS):
        print(report, file=sys.stderr)
    elif returncodes[1] == 0:
        say(f"{BESIDE}: {report.strip().splitlines()[-1].strip('= ')}")
    if uninstall:
        if uninstall.wait():
            die(f"Uninstalling {ADDONS} failed: see {uninstall_log}")
        check_log(uninstall_log, f"Uninstalling {ADDONS}")
        drop_db(copy)
    check_log(log, "The test run")
    check_log(LOGS / "test-beside.log", "The test run")
    # no test selected in one of the two runs is fine, in both it is not
    failed = [rc for rc in returncodes if rc not in (0, NO_TESTS)]
    sys.exit(failed[0] if failed else min(returncodes))


NO_TESTS = 5  # pytest's exit code when no test is selected
# tests that only drive other processes (the wheels: build, pip, Odoo): they
# run in a second pytest beside the suite, as the uninstall check does
BESIDE = "beside_the_suite"


def pytest_conf(name):
    log, conf = LOGS / f"{name}.log", LOGS / f"odoo-{name}.conf"
    log.write_text("")
    conf.write_text(f"{CONF.read_text()}log_level = info\nlogfile = {log}\n")
    return log, conf


def pytest_command(conf, db, *args):
    return [
        *(sys.executable, "-m", "pytest", "-p", "no:cacheprovider"),
        *(f"--odoo-config={conf}", f"--odoo-database={db}", *args),
    ]


def pytest_beside(db, args):
    """Start the tests marked BESIDE (no HTTP server: the suite has it)."""
    __, conf = pytest_conf("test-beside")
    out = LOGS / "test-beside.out"
    with out.open("w") as stream:
        process = subprocess.Popen(
            pytest_command(conf, db, "-m", BESIDE, *args),
            cwd=PROJECT,
            stdout=stream,
            stderr=subprocess.STDOUT,
        )
    return process, out


def cmd_lint(args):
    say("pre-commit (ruff, pylint-odoo, OCA checks) on every tracked file")
    # without Odoo on PYTHONPATH, as in the OCA's CI: with it, pylint reads
    # Odoo's source for its inferences (6.5 s instead of 2.5 s)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run("pre-commit", "run", "--all-files", "--show-diff-on-failure", *args, env=env)
    cmd_pot(["--check"])


# every addon ships these translations, complete (make lint checks them)
LANGUAGES = {
    "fr": ("French", "nplurals=2; plural=(n > 1);"),
    "es": ("Spanish", "nplurals=2; plural=(n != 1);"),
    "de": ("German", "nplurals=2; plural=(n != 1);"),
}
HOW_TO_TRANSLATE = (
    "Run 'make pot': it rewrites each addon's .pot and merges it into its .po "
    "files (msgmerge).",
    "Then, in each i18n/fr.po, es.po and de.po, translate the terms listed "
    "(an empty msgstr; a '#, fuzzy' entry: check msgmerge's guess, fix it and "
    "delete the 'fuzzy' flag),",
    "and commit the .pot and .po files. 'make lint' passes when nothing is left.",
)


def i18n_files():
    """The .pot and .po files of our addons, by path, with their contents."""
    return {
        path: path.read_bytes()
        for addon in ADDONS.split(",")
        for pattern in ("*.pot", "*.po")
        for path in sorted((PROJECT / addon / "i18n").glob(pattern))
    }


def new_po(pot, path, language):
    """A .po file of ``language`` for the terms of ``pot``, none translated."""
    import polib  # noqa: PLC0415 - Odoo's requirement, in the virtualenv

    name, plural_forms = LANGUAGES[language]
    po = polib.pofile(str(pot))
    po.header = f"{name} translation of {pot.stem}."
    po.metadata.update(
        {
            "Language": language,
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": plural_forms,
        }
    )
    po.save(str(path))


def translation_gaps():
    """``addon/i18n/<lang>.po: what: msgid`` for every term of a .pot that a
    .po of LANGUAGES lacks (no file, untranslated or fuzzy)."""
    import polib  # noqa: PLC0415 - Odoo's requirement, in the virtualenv

    gaps = []
    for addon in ADDONS.split(","):
        pot = PROJECT / addon / "i18n" / f"{addon}.pot"
        if not pot.exists() or not polib.pofile(str(pot)):
            continue
        for language in LANGUAGES:
            path = pot.with_name(f"{language}.po")
            where = path.relative_to(PROJECT)
            if not path.exists():
                gaps.append(f"{where}: missing")
                continue
            po = polib.pofile(str(path))
            for what, entries in (
                ("untranslated", po.untranslated_entries()),
                ("fuzzy", po.fuzzy_entries()),
            ):
                for entry in entries:
                    msgid = " ".join(entry.msgid.split())
                    msgid = msgid if len(msgid) <= 90 else f"{msgid[:87]}..."
                    gaps.append(f"{where}: {what}: {msgid!r}")
    return gaps


def cmd_pot(args):
    """Rewrite each addon's .pot and merge it into its .po files
    (click-odoo-makepot --msgmerge), adding the missing .po of LANGUAGES.

    With --check (make lint), keep the files as they were and fail if one of
    them would change or if a term of LANGUAGES is not translated."""
    check = "--check" in args
    before = i18n_files()
    db = f"{os.environ['DB_TEST']}_pot"
    install(db, ADDONS, "pot-install.log", "--without-demo=all", new=True)
    run(
        *("click-odoo-makepot", "-c", CONF, "-d", db, "--addons-dir", PROJECT),
        # msgmerge each .po with the new .pot; translations of terms gone
        # from the .pot are dropped, not kept as #~ comments
        *("--msgmerge", "--purge-old-translations"),
        # msgmerge -U would keep the former .po as a .po~ backup
        env={**os.environ, "VERSION_CONTROL": "off"},
    )
    drop_db(db)
    for addon in ADDONS.split(","):
        pot = PROJECT / addon / "i18n" / f"{addon}.pot"
        for language in LANGUAGES:
            path = pot.with_name(f"{language}.po")
            if pot.exists() and not path.exists():
                new_po(pot, path, language)
                # in msgmerge's layout, as the next merge writes it
                run("msgmerge", "--quiet", "--backup=off", "-U", path, pot)
    after = i18n_files()
    changed = sorted(
        p for p in before.keys() | after.keys() if before.get(p) != after.get(p)
    )
    gaps = translation_gaps()
    if check:
        for path in changed:
            where = path.relative_to(PROJECT)
            if path not in before:
                print(f"--- {where} would be created", file=sys.stderr)
                path.unlink()
                continue
            if path not in after:
                print(f"--- {where} would be deleted", file=sys.stderr)
            else:
                subprocess.run(
                    ["diff", "-u", f"--label=a/{where}", f"--label=b/{where}"]
                    + ["-", path],
                    input=before[path],
                    check=False,
                )
            path.write_bytes(before[path])
        if changed:
            die(
                "The translation files are out of step with the addons' terms: "
                + ", ".join(str(p.relative_to(PROJECT)) for p in changed),
                *HOW_TO_TRANSLATE,
                *(f"  {gap}" for gap in gaps),
            )
        if gaps:
            die(
                "Terms are not translated:",
                *(f"  {gap}" for gap in gaps),
                *HOW_TO_TRANSLATE[1:],
            )
        say(f"The .pot and .po files are current, {', '.join(LANGUAGES)} translated")
        return
    rewritten = ", ".join(str(p.relative_to(PROJECT)) for p in changed)
    say(f"The .pot and .po files are current (rewritten: {rewritten or 'none'})")
    if gaps:
        print(
            "\n".join(["Translate these terms:", *gaps, *HOW_TO_TRANSLATE[1:]]),
            file=sys.stderr,
        )


def cmd_bench(args):
    db = os.environ.get("DB_BENCH", "tz_session_credits_bench")
    # loyalty: Odoo's peer of the bulk grant
    install(db, f"{ADDONS},loyalty", "bench-install.log", new=True)
    conf = configparser.ConfigParser()
    conf.read(CONF)
    addons_path = conf["options"]["addons_path"]
    run(
        *(sys.executable, PROJECT / "bench" / "run.py", "--db", db),
        *("--addons-path", addons_path, "--odoo-bin", ODOO_BIN, *args),
    )


def cmd_odoo(args):
    os.execv(sys.executable, [*ODOO, *args])


if __name__ == "__main__":
    write_conf()
    globals()[f"cmd_{sys.argv[1]}"](sys.argv[2:])

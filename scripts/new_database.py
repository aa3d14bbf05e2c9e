"""A new database with addons installed, in one Odoo process.

Run by ``scripts/tasks.py`` (``install``) with the project's virtualenv::

    python scripts/new_database.py DB DEPENDS PREFIX DROP ODOO_BIN ARGS...

It drops ``DB`` when ``DROP`` is ``1``, copies click-odoo-initdb's cached
template of ``DEPENDS`` into it (that tool's own cache: its hash of the
dependencies' files and its templates), then runs ``ODOO_BIN ARGS...`` (the
install) in this same process: Odoo is imported once, for both.

The hash and the copy run in a child process while this one imports the
Python code of the template's modules, which the install imports anyway: the
hash mostly reads files and PostgreSQL makes the copy, so on two cores the two
overlap. Exit code 3: there is no cached template yet, and nothing was done
but the drop; the caller then lets click-odoo-initdb build it.
"""

import logging
import os
import runpy
import sys
import traceback

os.environ["TZ"] = "UTC"  # as odoo-bin, before anything imports time

from click_odoo_contrib._dbutils import (  # noqa: E402
    db_exists,
    db_management_enabled,
    pg_connect,
)
from click_odoo_contrib.initdb import DbCache, addons_hash  # noqa: E402
from click_odoo_contrib.manifest import expand_dependencies  # noqa: E402

import odoo  # noqa: E402

NO_TEMPLATE = 3


def copy_template(db, depends, prefix):
    """click-odoo-initdb's cache hit: its hash, then its copy. The exit code."""
    with pg_connect() as pgcr:
        if not DbCache(prefix, pgcr).create(db, addons_hash(depends, True)):
            return NO_TEMPLATE
    return 0


def main(db, depends, prefix, drop, odoo_bin, *odoo_args):
    # the install's configuration and log, set up once (odoo-bin parses the
    # same arguments again below): the imports log there as in the install
    odoo.tools.config.parse_config(list(odoo_args))
    if drop == "1" and db_exists(db):
        with db_management_enabled():
            odoo.service.db.exp_drop(db)
    odoo.sql_db.close_all()  # the child opens its own connection
    depends = depends.split(",")
    child = os.fork()
    if not child:
        code = 1
        try:
            code = copy_template(db, depends, prefix)
            odoo.sql_db.close_all()
        except BaseException:  # noqa: BLE001  (reported, then the exit code)
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    odoo.service.server.load_server_wide_modules()
    for module in sorted(expand_dependencies(depends, True, True)):
        odoo.modules.module.load_openerp_module(module)
    code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    if code:
        sys.exit(code)
    sys.argv = [odoo_bin, *odoo_args]
    try:
        runpy.run_path(odoo_bin, run_name="__main__")
    except SystemExit as stop:
        if not isinstance(stop.code, int | None):
            raise
        code = stop.code or 0
    # the server or the tests load Odoo next, in their own process: Python's
    # teardown of this one's modules (0.15 s) is skipped
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main(*sys.argv[1:])

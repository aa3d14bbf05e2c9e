"""A new database with addons installed, in one Odoo process.

Run by ``scripts/tasks.py`` (``new_db_installed``) with the project's
virtualenv::

    python scripts/new_database.py CONF DB DEPENDS PREFIX DROP ODOO_BIN ARGS...

It drops ``DB`` when ``DROP`` is ``1``, copies click-odoo-initdb's cached
template of ``DEPENDS`` into it (that tool's own cache: its hash of the
dependencies' files and its templates), then runs ``ODOO_BIN ARGS...`` (the
install) in this same process: Odoo is imported once, for both. Exit code 3:
there is no cached template yet, and nothing was done but the drop; the caller
then lets click-odoo-initdb build it.
"""

import os
import runpy
import sys

os.environ["TZ"] = "UTC"  # as odoo-bin, before anything imports time

from click_odoo_contrib._dbutils import (  # noqa: E402
    db_exists,
    db_management_enabled,
    pg_connect,
)
from click_odoo_contrib.initdb import DbCache, addons_hash  # noqa: E402

import odoo  # noqa: E402

NO_TEMPLATE = 3


def main(conf, db, depends, prefix, drop, odoo_bin, *odoo_args):
    # Odoo's own logging is set up by the install below, with its log file
    odoo.tools.config.parse_config(["-c", conf], setup_logging=False)
    if drop == "1" and db_exists(db):
        with db_management_enabled():
            odoo.service.db.exp_drop(db)
    with pg_connect() as pgcr:
        if not DbCache(prefix, pgcr).create(db, addons_hash(depends.split(","), True)):
            sys.exit(NO_TEMPLATE)
    sys.argv = [odoo_bin, *odoo_args]
    runpy.run_path(odoo_bin, run_name="__main__")


if __name__ == "__main__":
    main(*sys.argv[1:])

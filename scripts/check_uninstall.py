"""Uninstall the given addons and check that nothing of them is left.

Run by ``scripts/dev.sh test`` with click-odoo, on a throwaway copy of the
freshly installed test database::

    click-odoo -d DB scripts/check_uninstall.py addon1,addon2

``env`` is the Odoo environment click-odoo provides.
"""

import sys

env = globals()["env"]
names = sys.argv[1].split(",")
modules = env["ir.module.module"].search([("name", "in", names)])
# the tables of the models these addons define (not extend), to check they go
tables = [
    model._table
    for model in (env[name] for name in env.registry)
    if model._original_module in names and not model._abstract
]
modules.button_immediate_uninstall()
env.cr.execute("SELECT name, state FROM ir_module_module WHERE name = ANY(%s)", [names])
left = {name: state for name, state in env.cr.fetchall() if state != "uninstalled"}
for table in tables:
    env.cr.execute("SELECT to_regclass(%s)", [table])
    if env.cr.fetchone()[0]:
        left[table] = "table left"
if left or len(modules) != len(names):
    sys.exit(f"uninstall: failed {left or names}")
print(f"uninstall: ok ({', '.join(names)}; tables dropped: {', '.join(tables)})")

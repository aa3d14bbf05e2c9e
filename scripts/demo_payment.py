"""Enable Odoo's demo payment provider in the demo database: in test mode and
published, so that the shop's session packs can be bought there (any card
number, e.g. 4242 4242 4242 4242).

Run by ``make run`` with click-odoo when it makes the demo database, after
installing ``payment_demo`` (no addon of this repository depends on it)::

    click-odoo -d DB scripts/demo_payment.py

``env`` is the Odoo environment click-odoo provides; click-odoo commits.
"""

env = globals()["env"]
provider = env.ref("payment.payment_provider_demo")
provider.write({"state": "test", "is_published": True})
print(f"demo payment: {provider.name} enabled in test mode and published")

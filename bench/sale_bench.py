"""Bench row of tz_session_credits_sale: confirming an order of one pack line
against confirming the same order with a plain service product.

Usage (a database with tz_session_credits_sale installed)::

    python bench/sale_bench.py -c odoo.conf -d DB [--rounds 40]

or, from bench/run.py: ``from sale_bench import bench_sale_confirm`` and call
``bench_sale_confirm(registry)``. Each confirmation runs in its own
transaction, rolled back, so every round sees the same data; the two kinds
alternate so that both see the same machine load. Reported: the median wall
time and SQL queries of one ``action_confirm`` (as a salesperson), and the
ratio pack / plain (target: at most 1.5×).
"""

import argparse
import statistics
import time

from odoo import SUPERUSER_ID, Command, api

SALESMAN_LOGIN = "tz_bench_salesman"


def _setup(env):
    """A salesperson, a client, a pack and a plain service (committed once)."""
    user = env["res.users"].search([("login", "=", SALESMAN_LOGIN)])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Bench Salesperson",
                "login": SALESMAN_LOGIN,
                "tz": "UTC",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("sales_team.group_sale_salesman_all_leads").id,
                        ]
                    )
                ],
            }
        )
    event_type = env["tz.session.event.type"].search(
        [("name", "=", "Bench Pack PT")]
    ) or env["tz.session.event.type"].create({"name": "Bench Pack PT"})
    Product = env["product.template"]
    pack = Product.search([("name", "=", "Bench pack")]) or Product.create(
        {
            "name": "Bench pack",
            "type": "service",
            "list_price": 500.0,
            "session_credit_event_type_id": event_type.id,
            "session_credit_quantity": 10,
            "session_credit_validity_number": 3,
            "session_credit_validity_unit": "months",
        }
    )
    plain = Product.search([("name", "=", "Bench plain service")]) or Product.create(
        {"name": "Bench plain service", "type": "service", "list_price": 500.0}
    )
    client = env["res.partner"].search([("name", "=", "Bench Buyer")], limit=1)
    client = client or env["res.partner"].create({"name": "Bench Buyer"})
    return user.id, client.id, pack.product_variant_id.id, plain.product_variant_id.id


def _confirm_once(registry, uid, partner_id, product_id):
    """Create the quotation, then time its confirmation alone; roll back."""
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, {"tz": "UTC"})
        order = env["sale.order"].create(
            {
                "partner_id": partner_id,
                "order_line": [Command.create({"product_id": product_id})],
            }
        )
        env.flush_all()
        queries = cr.sql_log_count
        start = time.perf_counter()
        order.action_confirm()
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - queries
        cr.rollback()
    return elapsed, queries


def bench_sale_confirm(registry, rounds=40, warmup=5):
    """Return ``{"pack": (ms, queries), "plain": (ms, queries), "ratio": x}``."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        uid, partner_id, pack_id, plain_id = _setup(env)
    times = {"pack": [], "plain": []}
    queries = {"pack": [], "plain": []}
    for i in range(warmup + rounds):
        for kind, product_id in (("plain", plain_id), ("pack", pack_id)):
            elapsed, count = _confirm_once(registry, uid, partner_id, product_id)
            if i >= warmup:
                times[kind].append(elapsed)
                queries[kind].append(count)
    result = {
        kind: (statistics.median(times[kind]) * 1000, statistics.median(queries[kind]))
        for kind in times
    }
    result["ratio"] = result["pack"][0] / result["plain"][0]
    return result


def main():
    import odoo
    from odoo.tools import config

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.db])
    registry = odoo.modules.registry.Registry(args.db)
    res = bench_sale_confirm(registry, rounds=args.rounds)
    print("| step | median ms | queries |")
    print("|---|---:|---:|")
    for kind, label in (
        ("plain", "confirm, 1 plain service line"),
        ("pack", "confirm, 1 pack line"),
    ):
        ms, count = res[kind]
        print(f"| {label} | {ms:.1f} | {count:.0f} |")
    print(f"| ratio pack / plain | {res['ratio']:.2f}× | (target ≤ 1.5×) |")


if __name__ == "__main__":
    main()

"""Bench row of tz_session_credits_contract: posting a period's invoice of a
membership against posting the same invoice with a plain service product.

Usage (a database with tz_session_credits_contract installed)::

    python bench/contract_bench.py -c odoo.conf -d DB [--rounds 40]

or, from bench/run.py: ``from contract_bench import bench_membership_post`` and
call ``bench_membership_post(registry)``. Two contracts are made once (one
line each: the membership, a plain monthly service); each round, in its own
transaction, rolled back, the contract makes its next invoice
(``recurring_create_invoice``), then ``action_post`` alone is timed, as an
accountant. The two kinds alternate so that both see the same machine load.
Reported: the median wall time and SQL queries of one post, and the ratio
membership / plain (target: at most 1.5×).
"""

import argparse
import statistics
import time

from odoo import SUPERUSER_ID, Command, api, fields

BILLING_LOGIN = "tz_bench_billing"


def _product(env, name, **extra):
    Product = env["product.template"]
    return Product.search([("name", "=", name)], limit=1) or Product.create(
        {
            "name": name,
            "type": "service",
            "list_price": 80.0,
            "is_contract": True,
            "recurrence_number": 12,
            "recurring_rule_type": "monthly",
            "recurring_invoicing_type": "pre-paid",
            **extra,
        }
    )


def _contract(env, name, partner, product):
    Contract = env["contract.contract"]
    return Contract.search([("name", "=", name)], limit=1) or Contract.create(
        {
            "name": name,
            "partner_id": partner.id,
            "contract_type": "sale",
            "line_recurrence": True,
            "contract_line_ids": [
                Command.create(
                    {
                        "product_id": product.product_variant_id.id,
                        "name": product.name,
                        "quantity": 1,
                        "price_unit": 80.0,
                        "date_start": fields.Date.today(),
                        "recurring_rule_type": "monthly",
                        "recurring_interval": 1,
                        "recurring_invoicing_type": "pre-paid",
                    }
                )
            ],
        }
    )


def _setup(env):
    """An accountant, a client, and two contracts: a membership (8 credits
    a month, rollover 2) and a plain monthly service (committed once)."""
    user = env["res.users"].search([("login", "=", BILLING_LOGIN)])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Bench Accountant",
                "login": BILLING_LOGIN,
                "tz": "UTC",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("account.group_account_invoice").id,
                        ]
                    )
                ],
            }
        )
    event_type = env["tz.session.event.type"].search(
        [("name", "=", "Bench Membership HIIT")]
    ) or env["tz.session.event.type"].create({"name": "Bench Membership HIIT"})
    membership = _product(
        env,
        "Bench membership",
        session_credit_event_type_id=event_type.id,
        session_credit_quantity=8,
        session_credit_rollover_max=2,
    )
    plain = _product(env, "Bench plain monthly service")
    client = env["res.partner"].search([("name", "=", "Bench Member")], limit=1)
    client = client or env["res.partner"].create({"name": "Bench Member"})
    return (
        user.id,
        _contract(env, "Bench membership contract", client, membership).id,
        _contract(env, "Bench plain contract", client, plain).id,
    )


def _post_once(registry, uid, contract_id):
    """Make the contract's next invoice, then time its posting alone; roll
    back."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tz": "UTC"})
        invoice = (
            env["contract.contract"].browse(contract_id).recurring_create_invoice()
        )
        env.flush_all()
        invoice = invoice.with_user(uid)
        queries = cr.sql_log_count
        start = time.perf_counter()
        invoice.action_post()
        env.flush_all()
        elapsed = time.perf_counter() - start
        queries = cr.sql_log_count - queries
        cr.rollback()
    return elapsed, queries


def bench_membership_post(registry, rounds=40, warmup=5):
    """Return ``{"membership": (ms, queries), "plain": (ms, queries),
    "ratio": x}``."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        uid, membership_id, plain_id = _setup(env)
    times = {"membership": [], "plain": []}
    queries = {"membership": [], "plain": []}
    for i in range(warmup + rounds):
        for kind, contract_id in (("plain", plain_id), ("membership", membership_id)):
            elapsed, count = _post_once(registry, uid, contract_id)
            if i >= warmup:
                times[kind].append(elapsed)
                queries[kind].append(count)
    result = {
        kind: (statistics.median(times[kind]) * 1000, statistics.median(queries[kind]))
        for kind in times
    }
    result["ratio"] = result["membership"][0] / result["plain"][0]
    return result


def markdown(result, rounds=40):
    return [
        "",
        "## Memberships (tz_session_credits_contract)",
        "",
        f"| step | time (median of {rounds}) | SQL queries |",
        "|---|---:|---:|",
        "| post a period's invoice of a membership (grants 8 credits) "
        f"| {result['membership'][0]:.1f} ms | {result['membership'][1]:.0f} |",
        "| post the same invoice with a plain service product "
        f"| {result['plain'][0]:.1f} ms | {result['plain'][1]:.0f} |",
        "",
        f"Ratio: {result['ratio']:.2f} × (target ≤ 1.5: "
        f"{'met' if result['ratio'] <= 1.5 else 'NOT met'}).",
    ]


def main():
    import odoo  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.db])
    registry = odoo.modules.registry.Registry(args.db)
    result = bench_membership_post(registry, rounds=args.rounds)
    print("\n".join(markdown(result, args.rounds)))


if __name__ == "__main__":
    main()

"""Benchmark: class registrations (tz_session_credits_event).

1. registering one client for a class with a session type (one credit used)
   against the same registration for a class without one (target ≤ 1.3×);
2. cancelling a registration of a full class with 20 waitlisted clients (the
   first one promoted: registered, a credit used, emailed) against cancelling
   one of a full class without a waitlist (target ≤ 2×);
3. 8 concurrent XML-RPC clients registering and cancelling for 30 s against
   an Odoo started with ``--workers=2``: no unhandled error, and at the end
   granted = used + remaining, one live use per registered registration.

    python bench/event_bench.py --db DB --addons-path PATH --odoo-bin ODOO_BIN

Measured steps run in their own transaction and are rolled back (as in
``bench/run.py``, whose helpers this reuses); the concurrency part commits
its own records, named ``Event Bench …``.
"""

import argparse
import os
import statistics
import sys
from datetime import datetime, timedelta

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import hammer, step  # noqa: E402


def make_records(registry, clients=60, credits_each=3, classes=20):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        etype = env["tz.session.event.type"].create({"name": "Event Bench HIIT"})
        start = datetime(2031, 1, 6, 18, 0)
        events = env["event.event"].create(
            [
                {
                    "name": f"Event Bench class {i}",
                    "date_begin": start + timedelta(days=i),
                    "date_end": start + timedelta(days=i, minutes=45),
                    "session_event_type_id": etype.id if typed else False,
                    "seats_limited": True,
                    "seats_max": 1000,
                    # no attendee mails: their badge PDF is not what we measure
                    "event_mail_ids": [Command.clear()],
                }
                for typed in (True, False)
                for i in range(classes)
            ]
        )
        partners = env["res.partner"].create(
            [{"name": f"Event Bench Client {i}"} for i in range(clients)]
        )
        env["tz.session.credit"].create(
            [
                {
                    "partner_id": p.id,
                    "event_type_id": etype.id,
                    "quantity": credits_each,
                }
                for p in partners
            ]
        )
        typed = events.filtered("session_event_type_id")
        return etype.id, typed.ids, (events - typed).ids, partners.ids


def bench_single(registry, typed_id, plain_id, partner_id, rounds=40):
    def register(event_id):
        def run(env):
            env["event.registration"].create(
                {"event_id": event_id, "partner_id": partner_id}
            )

        return run

    return compare(
        registry, lambda _i: register(typed_id), lambda _i: register(plain_id), rounds
    )


def compare(registry, ours_step, plain_step, rounds):
    """Run ``ours_step(i)`` and ``plain_step(i)`` in turn, ``rounds`` times
    (alternating, so that both see the same machine; each step rolled back):
    the medians, the query counts and their ratio."""
    ours, plain = [], []
    for i in range(rounds):
        ours.append(step(registry, ours_step(i)))
        plain.append(step(registry, plain_step(i)))
    ours_s = statistics.median(p.seconds for p in ours)
    plain_s = statistics.median(p.seconds for p in plain)
    return {
        "ours_ms": ours_s * 1000,
        "plain_ms": plain_s * 1000,
        "ours_q": ours[-1].queries,
        "plain_q": plain[-1].queries,
        "ratio": ours_s / plain_s,
    }


def make_waitlist_records(registry, etype_id, partner_ids, seats=20, waiting=20):
    """Two full classes of ``seats`` (committed): one with a waitlist of
    ``waiting`` clients with credits, one without a waitlist. Returns the
    seated registrations of each."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        start = datetime(2031, 3, 3, 7, 0)
        full, plain = env["event.event"].create(
            [
                {
                    "name": f"Event Bench full class ({kind})",
                    "date_begin": start,
                    "date_end": start + timedelta(minutes=45),
                    "session_event_type_id": etype_id,
                    "seats_limited": True,
                    "seats_max": seats,
                    "session_waitlist": kind == "waitlist",
                    "event_mail_ids": [Command.clear()],
                }
                for kind in ("waitlist", "plain")
            ]
        )
        Registration = env["event.registration"]
        full_seated = Registration.create(
            [{"event_id": full.id, "partner_id": pid} for pid in partner_ids[:seats]]
        )
        Registration.create(
            [
                {"event_id": full.id, "partner_id": pid}
                for pid in partner_ids[seats : seats + waiting]
            ]
        )
        assert full.session_waitlist_count == waiting
        plain_seated = Registration.create(
            [{"event_id": plain.id, "partner_id": pid} for pid in partner_ids[:seats]]
        )
        return full_seated.ids, plain_seated.ids


def bench_waitlist_cancel(registry, full_ids, plain_ids, rounds=40):
    def cancel(registration_id):
        def run(env):
            env["event.registration"].browse(registration_id).action_cancel()

        return run

    return compare(
        registry,
        lambda i: cancel(full_ids[i % len(full_ids)]),
        lambda i: cancel(plain_ids[i % len(plain_ids)]),
        rounds,
    )


def bench_concurrency(
    registry,
    db,
    odoo_bin,
    addons_path,
    seconds,
    etype_id,
    event_ids,
    partner_ids,
    clients=8,
):
    def register(call, rng, index, n):
        event_id = rng.choice(event_ids)
        vals = {"event_id": event_id, "partner_id": rng.choice(partner_ids)}
        reg_id = call("event.registration", "create", [vals])
        if rng.random() >= 0.5:
            return "registered"
        # what the Cancel button does (action_cancel returns None, which
        # XML-RPC cannot marshal)
        call("event.registration", "write", [[reg_id], {"state": "cancel"}])
        return "cancelled"

    counts, latencies, elapsed = hammer(
        db, odoo_bin, addons_path, seconds, register, clients
    )
    stats = {"registered": 0, "cancelled": 0, **counts}
    with registry.cursor() as cr:
        cr.execute(
            """SELECT SUM(quantity), SUM(quantity_used), SUM(quantity_remaining)
                 FROM tz_session_credit WHERE event_type_id = %s""",
            [etype_id],
        )
        granted, used, remaining = cr.fetchone()
        cr.execute(
            """SELECT COUNT(*) FROM tz_session_credit_usage
                WHERE event_type_id = %s AND state IN ('consumed', 'late_cancel')""",
            [etype_id],
        )
        uses = cr.fetchone()[0]
        cr.execute(
            """SELECT COUNT(*) FROM event_registration
                WHERE event_id IN %s AND state IN ('open', 'done')""",
            [tuple(event_ids)],
        )
        registered = cr.fetchone()[0]
    return {
        "seconds": elapsed,
        **stats,
        "requests_per_second": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2],
        "p95": latencies[int(len(latencies) * 0.95)],
        "granted": granted,
        "used": used,
        "remaining": remaining,
        "uses": uses,
        "registered_now": registered,
        "consistent": used + remaining == granted and used == uses == registered,
    }


def markdown(single, c=None, waitlist=None):
    """The rows for bench/results.md: one registration, a cancellation in a
    full class with a waitlist, and the concurrency run ``c`` when there was
    one."""
    lines = []
    lines += [
        "",
        "## Class registrations (tz_session_credits_event)",
        "",
        "| step | time (median of 40, as the sale row) | SQL queries |",
        "|---|---:|---:|",
        f"| register one client, class with a session type (uses a credit) "
        f"| {single['ours_ms']:.0f} ms | {single['ours_q']} |",
        f"| the same, class without a session type | {single['plain_ms']:.0f} ms "
        f"| {single['plain_q']} |",
        "",
        f"Ratio: {single['ratio']:.2f} × (target ≤ 1.3: "
        f"{'met' if single['ratio'] <= 1.3 else 'NOT met'}).",
    ]
    if waitlist:
        w = waitlist
        lines += [
            "",
            "| step | time (median of 40) | SQL queries |",
            "|---|---:|---:|",
            f"| cancel a registration of a full class of 20 with 20 waitlisted "
            f"(the first promoted: registered, a credit used, emailed) "
            f"| {w['ours_ms']:.0f} ms | {w['ours_q']} |",
            f"| cancel a registration of a full class of 20 without a waitlist "
            f"| {w['plain_ms']:.0f} ms | {w['plain_q']} |",
            "",
            f"Ratio: {w['ratio']:.2f} × (target ≤ 2: "
            f"{'met' if w['ratio'] <= 2 else 'NOT met'}).",
        ]
    if c:
        lines += [
            "",
            "### 8 XML-RPC clients registering and cancelling for "
            f"{c['seconds']:.0f} s, Odoo with --workers=2",
            "",
            "60 clients with 3 credits each, 20 classes; each request registers a "
            "random client for a random class, then cancels it half of the time.",
            "",
            "| registered (kept) | registered then cancelled | refused: no credit "
            "| unhandled errors | requests/s | p50 | p95 | granted | used | remaining "
            "| uses | registrations open | granted = used + remaining |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
            f"| {c['registered']} | {c['cancelled']} | {c['no_credit']} "
            f"| {c['unhandled']} | {c['requests_per_second']:.1f} "
            f"| {c['p50'] * 1000:.0f} ms | {c['p95'] * 1000:.0f} ms | {c['granted']} "
            f"| {c['used']} | {c['remaining']} | {c['uses']} | {c['registered_now']} "
            f"| {'yes' if c['consistent'] else 'NO'} |",
        ]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--odoo-bin", required=True)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    config.parse_config(
        ["-d", args.db, f"--addons-path={args.addons_path}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.db)
    etype_id, typed_ids, plain_ids, partner_ids = make_records(registry)
    single = bench_single(registry, typed_ids[0], plain_ids[0], partner_ids[0])
    waitlist = bench_waitlist_cancel(
        registry, *make_waitlist_records(registry, etype_id, partner_ids)
    )
    c = None
    if args.seconds:
        c = bench_concurrency(
            registry,
            args.db,
            args.odoo_bin,
            args.addons_path,
            args.seconds,
            etype_id,
            typed_ids,
            partner_ids,
        )
    lines = markdown(single, c, waitlist)
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""Expiry at the day boundary, in the user's timezone.

A credit expiring on D is usable through the whole of D *in the user's
timezone*. Two users far from UTC:

* Pacific/Auckland (UTC+13 in December): at 2025-12-10 11:30 UTC it is already
  the 11th there, so a credit expiring on the 10th is gone although the UTC
  date is still the 10th;
* America/Los_Angeles (UTC-8 in December): at 2025-12-11 07:30 UTC it is still
  the 10th there, so the credit is still usable although the UTC date is the
  11th.

The computed balance on the client, the balance model, the partner search and
the sort by balance must all agree, whether or not the daily expiry run
(``_cron_mark_expired``) has passed. Credits cannot be created with an expiry
date in the past, so they are created with time frozen earlier, then time
moves on.
"""

import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import ADD_GROUPS, SessionCreditsCase

EXPIRY = datetime.date(2025, 12, 10)
CREATED_AT = "2025-12-01 09:00:00"
# Pacific/Auckland, NZDT = UTC+13
AKL_LAST_MINUTE = "2025-12-10 10:59:00"  # 23:59 on the 10th in Auckland
AKL_NEXT_DAY = (
    "2025-12-10 11:30:00"  # 00:30 on the 11th in Auckland, UTC still the 10th
)
# America/Los_Angeles, PST = UTC-8
LA_LAST_HOUR = "2025-12-11 07:30:00"  # 23:30 on the 10th in LA, UTC already the 11th
LA_NEXT_DAY = "2025-12-11 08:30:00"  # 00:30 on the 11th in LA


@tagged("post_install", "-at_install")
class TestExpiryTimezone(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.adder_akl = new_test_user(
            cls.env,
            login="tz_adder_akl",
            groups=ADD_GROUPS,
            tz="Pacific/Auckland",
            name="Aroha Auckland",
        )
        cls.adder_la = new_test_user(
            cls.env,
            login="tz_adder_la",
            groups=ADD_GROUPS,
            tz="America/Los_Angeles",
            name="Lou Angeles",
        )
        cls.viewer_akl = new_test_user(
            cls.env,
            login="tz_viewer_akl",
            groups="base.group_user",
            tz="Pacific/Auckland",
        )
        cls.viewer_la = new_test_user(
            cls.env,
            login="tz_viewer_la",
            groups="base.group_user",
            tz="America/Los_Angeles",
        )
        cls.viewer_utc = cls.user_staff  # tz UTC
        Partner = cls.env["res.partner"]
        cls.expiring, cls.steady, cls.small = Partner.create(
            [{"name": "Ella Expiring"}, {"name": "Sid Steady"}, {"name": "Sam Small"}]
        )
        cls.partners = cls.expiring | cls.steady | cls.small

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _grant_all(self, adder):
        """5 credits expiring on EXPIRY, 3 and 1 that never expire."""
        Credit = self.env["tz.session.credit"].with_user(adder)
        with freeze_time(CREATED_AT):
            self.expiring_credit = Credit._grant(
                self.expiring, self.type_pt, 5, expiry_date=EXPIRY
            )
            Credit._grant(self.steady, self.type_pt, 3)
            Credit._grant(self.small, self.type_pt, 1)
            self.assertEqual(self.expiring_credit.sudo().state, "active")

    def _figures(self, user):
        """Every way to read the balance, as ``user`` in a fresh request."""
        self.env.invalidate_all()
        Partner = self.env["res.partner"].with_user(user)
        partners = Partner.browse(self.partners.ids)
        computed = {p.id: p.session_credits_available for p in partners}
        self.env.invalidate_all()
        balances = (
            self.env["tz.session.credit.balance"]
            .with_user(user)
            .search([("partner_id", "in", self.partners.ids)])
        )
        balance = {
            b.partner_id.id: (
                b.quantity_available,
                b.quantity_expired,
                b.next_expiry_date,
            )
            for b in balances
        }
        self.env.invalidate_all()
        found = Partner.search(
            [("id", "in", self.partners.ids), ("session_credits_available", ">", 0)]
        )
        ordered = Partner.search(
            [("id", "in", self.partners.ids)],
            order="session_credits_available desc, id",
        )
        return computed, balance, found, ordered

    def _assert_usable(self, user):
        computed, balance, found, ordered = self._figures(user)
        self.assertEqual(
            computed, {self.expiring.id: 5, self.steady.id: 3, self.small.id: 1}
        )
        self.assertEqual(balance[self.expiring.id], (5, 0, EXPIRY))
        self.assertEqual(balance[self.steady.id], (3, 0, False))
        self.assertEqual(found, self.partners)
        self.assertEqual(ordered.ids, [self.expiring.id, self.steady.id, self.small.id])

    def _assert_expired(self, user):
        computed, balance, found, ordered = self._figures(user)
        self.assertEqual(
            computed, {self.expiring.id: 0, self.steady.id: 3, self.small.id: 1}
        )
        self.assertEqual(balance[self.expiring.id], (0, 5, False))
        self.assertEqual(balance[self.steady.id], (3, 0, False))
        self.assertEqual(found, self.steady | self.small)
        self.assertEqual(ordered.ids, [self.steady.id, self.small.id, self.expiring.id])

    def _state_seen_by(self, user):
        credit = self.expiring_credit.with_user(user)
        credit.invalidate_recordset(["state"])
        found = credit.search([("id", "=", credit.id), ("state", "=", "expired")])
        return credit.state, bool(found)

    # ------------------------------------------------------------------
    # Auckland: ahead of UTC
    # ------------------------------------------------------------------

    def test_auckland_last_minute_of_expiry_day_usable(self):
        self._grant_all(self.adder_akl)
        with freeze_time(AKL_LAST_MINUTE):
            self._assert_usable(self.viewer_akl)
            self._assert_usable(self.adder_akl)

    def test_auckland_day_after_expired_while_utc_date_is_expiry_day(self):
        self._grant_all(self.adder_akl)
        with freeze_time(AKL_NEXT_DAY):
            self.assertEqual(
                datetime.date.today(), EXPIRY, "UTC is still the expiry day"
            )
            self._assert_expired(self.viewer_akl)
            # in UTC the credit is still usable today: the timezone decides
            self._assert_usable(self.viewer_utc)

    def test_auckland_context_tz_wins_over_user_tz(self):
        """The web client sends the browser's ``tz`` in the context."""
        self._grant_all(self.adder_akl)
        with freeze_time(AKL_NEXT_DAY):
            Partner = (
                self.env["res.partner"]
                .with_user(self.viewer_utc)
                .with_context(tz="Pacific/Auckland")
            )
            self.env.invalidate_all()
            self.assertEqual(
                Partner.browse(self.expiring.id).session_credits_available, 0
            )
            self.assertNotIn(
                self.expiring,
                Partner.search(
                    [
                        ("id", "in", self.partners.ids),
                        ("session_credits_available", ">", 0),
                    ]
                ),
            )

    # ------------------------------------------------------------------
    # Los Angeles: behind UTC
    # ------------------------------------------------------------------

    def test_los_angeles_expiry_day_usable_while_utc_date_is_past(self):
        self._grant_all(self.adder_la)
        with freeze_time(LA_LAST_HOUR):
            self.assertGreater(
                datetime.date.today(), EXPIRY, "UTC is already the next day"
            )
            self._assert_usable(self.viewer_la)
            # the same instant seen from UTC: already expired
            self._assert_expired(self.viewer_utc)

    def test_los_angeles_day_after_expired(self):
        self._grant_all(self.adder_la)
        with freeze_time(LA_NEXT_DAY):
            self._assert_expired(self.viewer_la)

    # ------------------------------------------------------------------
    # The status follows the viewer's day: no daily run to wait for
    # ------------------------------------------------------------------

    def test_state_follows_the_viewers_day_in_auckland(self):
        self._grant_all(self.adder_akl)
        with freeze_time(AKL_LAST_MINUTE):
            self.assertEqual(self._state_seen_by(self.viewer_akl), ("active", False))
        with freeze_time(AKL_NEXT_DAY):
            self.assertEqual(self._state_seen_by(self.viewer_akl), ("expired", True))
            # the same instant in UTC: still the expiry day
            self.assertEqual(self._state_seen_by(self.viewer_utc), ("active", False))
            others = self.credits_of(self.steady | self.small).with_user(
                self.viewer_akl
            )
            self.assertEqual(set(others.mapped("state")), {"active"})

    def test_state_follows_the_viewers_day_in_los_angeles(self):
        self._grant_all(self.adder_la)
        with freeze_time(LA_LAST_HOUR):
            self.assertEqual(self._state_seen_by(self.viewer_la), ("active", False))
            self.assertEqual(self._state_seen_by(self.viewer_utc), ("expired", True))
        with freeze_time(LA_NEXT_DAY):
            self.assertEqual(self._state_seen_by(self.viewer_la), ("expired", True))

    # ------------------------------------------------------------------
    # Granting at the day boundary
    # ------------------------------------------------------------------

    def test_expiry_date_past_in_user_tz_refused(self):
        """In Auckland it is the 11th: "expires on the 10th" is in the past,
        although the UTC date is the 10th."""
        Credit = self.env["tz.session.credit"].with_user(self.adder_akl)
        before = Credit.sudo().search_count([])
        with freeze_time(AKL_NEXT_DAY):
            with self.assertRaises(ValidationError):
                Credit._grant(self.expiring, self.type_pt, 1, expiry_date=EXPIRY)
            with self.assertRaises(ValidationError):
                self.expiring.with_user(self.adder_akl).add_session_credits(
                    self.type_pt.id, 1, expiry_date=EXPIRY.isoformat()
                )
        self.assertEqual(Credit.sudo().search_count([]), before)

    def test_expiry_date_today_in_user_tz_accepted(self):
        """In LA it is still the 10th: "expires on the 10th" is today."""
        with freeze_time(LA_LAST_HOUR):
            ids = self.expiring.with_user(self.adder_la).add_session_credits(
                self.type_pt.id, 2, expiry_date=EXPIRY.isoformat()
            )
            self.assertEqual(len(ids), 1)
            self.env.invalidate_all()
            self.assertEqual(
                self.expiring.with_user(self.viewer_la).session_credits_available, 2
            )

    def test_wizard_period_counts_from_user_today(self):
        """ "Valid for 1 day" from the wizard, at 00:30 on the 11th in Auckland
        (UTC: the 10th): the last valid day is the 11th."""
        with freeze_time(AKL_NEXT_DAY):
            form = Form(
                self.env["tz.session.credit.add"]
                .with_user(self.adder_akl)
                .with_context(active_model="res.partner", active_ids=self.steady.ids)
            )
            form.event_type_id = self.type_hiit
            form.expiry_mode = "period"
            form.validity_number = 1
            form.validity_unit = "days"
            self.assertEqual(form.computed_expiry_date, datetime.date(2025, 12, 11))
            form.save().action_add_credits()
        credit = self.credits_of(self.steady, self.type_hiit)
        self.assertEqual(credit.expiry_date, datetime.date(2025, 12, 11))

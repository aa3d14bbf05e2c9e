"""Extend Expiry: the one change of a credit the finality rule allows."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SessionCreditsCase

TODAY = fields.Date.to_date("2026-03-10")


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 12:00:00")
class TestExtendExpiry(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Credit = cls.env["tz.session.credit"]
        with freeze_time("2026-03-10 12:00:00"):
            cls.credit_soon, cls.credit_later, cls.credit_none = Credit.create(
                [
                    {
                        "partner_id": cls.clients[0].id,
                        "event_type_id": cls.type_pt.id,
                        "quantity": 5,
                        "expiry_date": "2026-03-20",
                    },
                    {
                        "partner_id": cls.clients[1].id,
                        "event_type_id": cls.type_pt.id,
                        "quantity": 2,
                        "expiry_date": "2026-04-30",
                    },
                    {
                        "partner_id": cls.clients[2].id,
                        "event_type_id": cls.type_hiit.id,
                        "quantity": 3,
                    },
                ]
            )
        # a used-up credit and an expired one (past and usage are set in SQL,
        # as time and bookings would have)
        cls.credit_used, cls.credit_expired = Credit.create(
            [
                {
                    "partner_id": cls.clients[3].id,
                    "event_type_id": cls.type_pt.id,
                    "quantity": 1,
                    "expiry_date": "2026-12-31",
                },
                {
                    "partner_id": cls.clients[4].id,
                    "event_type_id": cls.type_pt.id,
                    "quantity": 4,
                    "expiry_date": "2026-12-31",
                },
            ]
        )
        cls.env.cr.execute(
            "UPDATE tz_session_credit SET quantity_used = 1, quantity_remaining = 0 "
            "WHERE id = %s",
            [cls.credit_used.id],
        )
        cls.env.cr.execute(
            "UPDATE tz_session_credit SET expiry_date = '2026-03-01' WHERE id = %s",
            [cls.credit_expired.id],
        )
        cls.env.invalidate_all()
        cls.all_credits = (
            cls.credit_soon
            | cls.credit_later
            | cls.credit_none
            | cls.credit_used
            | cls.credit_expired
        )

    def wizard(self, credits, user=None, **vals):
        Wizard = self.env["tz.session.credit.extend"].with_user(
            user or self.user_manager
        )
        form = Form(
            Wizard.with_context(
                active_model="tz.session.credit", active_ids=credits.ids
            )
        )
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    # ------------------------------------------------------------------

    def test_one_credit_new_date(self):
        wizard = self.wizard(
            self.credit_soon, mode="date", new_expiry_date="2026-04-15", reason="Injury"
        )
        self.assertEqual(wizard.extend_count, 1)
        result = wizard.action_extend()
        self.assertEqual(result["params"]["message"], "1 credit extended.")
        self.assertEqual(
            self.credit_soon.expiry_date, fields.Date.to_date("2026-04-15")
        )
        ext = self.credit_soon.extension_ids
        self.assertRecordValues(
            ext,
            [
                {
                    "old_expiry_date": fields.Date.to_date("2026-03-20"),
                    "new_expiry_date": fields.Date.to_date("2026-04-15"),
                    "reason": "Injury",
                    "create_uid": self.user_manager.id,
                    "partner_id": self.clients[0].id,
                }
            ],
        )
        self.assertTrue(ext.create_date)
        note = self.clients[0].message_ids[:1]
        self.assertIn(
            "extended from 03/20/2026 to 04/15/2026 by Max Manager", note.body
        )
        self.assertIn("Injury", note.body)

    def test_many_credits_add_period_each_from_its_own_date(self):
        credits = self.credit_soon | self.credit_later
        wizard = self.wizard(
            credits,
            mode="period",
            extend_number=2,
            extend_unit="weeks",
            reason="Closure",
        )
        wizard.action_extend()
        self.assertEqual(
            self.credit_soon.expiry_date, fields.Date.to_date("2026-04-03")
        )
        self.assertEqual(
            self.credit_later.expiry_date, fields.Date.to_date("2026-05-14")
        )
        self.assertEqual(len(credits.extension_ids), 2)

    def test_months(self):
        self.wizard(
            self.credit_soon, extend_number=1, extend_unit="months", reason="Holiday"
        ).action_extend()
        self.assertEqual(
            self.credit_soon.expiry_date, fields.Date.to_date("2026-04-20")
        )

    def test_skipped_are_counted(self):
        wizard = self.wizard(
            self.all_credits,
            mode="date",
            new_expiry_date="2026-06-30",
            reason="Closure",
        )
        self.assertRecordValues(
            wizard,
            [
                {
                    "credit_count": 5,
                    "extend_count": 3,
                    "skip_no_expiry_count": 1,
                    "skip_used_count": 1,
                }
            ],
        )
        result = wizard.action_extend()
        self.assertEqual(
            result["params"]["message"],
            "3 credits extended. Skipped: 1 without expiry, 1 used up.",
        )
        self.assertFalse(self.credit_none.expiry_date)
        self.assertEqual(
            self.credit_used.expiry_date, fields.Date.to_date("2026-12-31")
        )
        self.assertFalse(
            self.credit_none.extension_ids | self.credit_used.extension_ids
        )

    def test_expired_with_credits_left_is_revived(self):
        self.assertEqual(self.credit_expired.state, "expired")
        self.assertEqual(self.clients[4].session_credits_available, 0)
        self.wizard(
            self.credit_expired,
            mode="date",
            new_expiry_date="2026-03-31",
            reason="Injury",
        ).action_extend()
        self.assertEqual(self.credit_expired.state, "active")
        self.assertEqual(self.clients[4].session_credits_available, 4)

    def test_expired_period_still_in_the_past_refused(self):
        wizard = self.wizard(
            self.credit_expired, extend_number=3, extend_unit="days", reason="Injury"
        )
        with self.assertRaisesRegex(UserError, "cannot be before today"):
            wizard.action_extend()
        self.assertEqual(
            self.credit_expired.expiry_date, fields.Date.to_date("2026-03-01")
        )

    def test_not_later_refused_all_or_nothing(self):
        """credit_later already expires after the new date: nothing changes,
        not even credit_soon's."""
        wizard = self.wizard(
            self.credit_soon | self.credit_later,
            mode="date",
            new_expiry_date="2026-04-01",
            reason="Closure",
        )
        with self.assertRaisesRegex(UserError, "later than the current one"):
            wizard.action_extend()
        self.assertEqual(
            self.credit_soon.expiry_date, fields.Date.to_date("2026-03-20")
        )
        self.assertFalse(self.credit_soon.extension_ids)

    def test_same_date_refused(self):
        wizard = self.wizard(
            self.credit_soon, mode="date", new_expiry_date="2026-03-20", reason="x"
        )
        with self.assertRaisesRegex(UserError, "later than the current one"):
            wizard.action_extend()

    def test_reason_required(self):
        with self.assertRaises(UserError):
            self.credit_soon.with_user(self.user_manager)._extend_expiry(
                "  ", new_date=TODAY + timedelta(days=30)
            )
        with self.assertRaises(AssertionError):  # Form: required field
            self.wizard(self.credit_soon, mode="date", new_expiry_date="2026-04-15")

    def test_nothing_extendable(self):
        wizard = self.wizard(
            self.credit_none | self.credit_used,
            mode="date",
            new_expiry_date="2026-06-30",
            reason="Closure",
        )
        with self.assertRaisesRegex(UserError, "1 without expiry, 1 used up"):
            wizard.action_extend()

    def test_reminder_is_sent_again_for_the_new_date(self):
        self.credit_soon.sudo().write({"expiry_reminder_sent": True})
        self.wizard(
            self.credit_soon, extend_number=1, extend_unit="weeks", reason="Injury"
        ).action_extend()
        self.assertFalse(self.credit_soon.expiry_reminder_sent)

    # ------------------------------------------------------------------
    # Rights and finality
    # ------------------------------------------------------------------

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_without_manager_right_nothing_changes(self):
        for user in (self.user_adder, self.user_staff):
            with self.assertRaises(AccessError):
                self.wizard(self.credit_soon, user=user, reason="x")
            with self.assertRaises(AccessError):
                self.credit_soon.with_user(user)._extend_expiry(
                    "x", new_date=TODAY + timedelta(days=30)
                )
        # a wizard made by a manager, run by someone else: not theirs
        wizard = self.wizard(self.credit_soon, reason="x")
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_adder).action_extend()
        self.assertEqual(
            self.credit_soon.expiry_date, fields.Date.to_date("2026-03-20")
        )
        self.assertFalse(self.credit_soon.extension_ids)

    def test_manager_right_lost_after_opening(self):
        wizard = self.wizard(self.credit_soon, reason="x")
        self.user_manager.groups_id -= self.env.ref(
            "tz_session_credits.group_session_credit_manager"
        )
        with (
            mute_logger("odoo.addons.base.models.ir_model"),
            self.assertRaises(AccessError),
        ):
            wizard.action_extend()
        self.assertEqual(
            self.credit_soon.expiry_date, fields.Date.to_date("2026-03-20")
        )

    def test_write_expiry_date_still_refused_for_everyone(self):
        new = TODAY + timedelta(days=60)
        for credit in (
            self.credit_soon.with_user(self.user_manager),
            self.credit_soon.sudo(),
            # context keys cannot open the door
            self.credit_soon.with_user(self.user_manager).with_context(
                extend_expiry=True, tz_extending_expiry=True, _extend_expiry=True
            ),
        ):
            with self.assertRaises(UserError):
                credit.write({"expiry_date": new})
        self.assertEqual(
            self.credit_soon.expiry_date, fields.Date.to_date("2026-03-20")
        )

    def test_extensions_cannot_be_written_by_hand(self):
        ext = self.env["tz.session.credit.extension"].with_user(self.user_manager)
        with mute_logger("odoo.addons.base.models.ir_model"):
            with self.assertRaises(AccessError):
                ext.create(
                    {
                        "credit_id": self.credit_soon.id,
                        "old_expiry_date": "2026-03-20",
                        "new_expiry_date": "2026-09-20",
                        "reason": "x",
                    }
                )
        with self.assertRaises(AccessError):
            self.credit_soon.with_user(self.user_manager).write(
                {"extension_ids": [fields.Command.create({"reason": "x"})]}
            )

    # ------------------------------------------------------------------
    # Select all
    # ------------------------------------------------------------------

    def test_select_all_past_active_ids_limit_uses_domain(self):
        self.env["ir.config_parameter"].sudo().set_param("web.active_ids_limit", "2")
        domain = [("event_type_id", "=", self.type_pt.id)]
        Wizard = self.env["tz.session.credit.extend"].with_user(self.user_manager)
        form = Form(
            Wizard.with_context(
                active_model="tz.session.credit",
                active_ids=(self.credit_soon | self.credit_later).ids,
                active_domain=domain,
            )
        )
        form.mode = "date"
        form.new_expiry_date = fields.Date.to_date("2027-01-31")
        form.reason = "Season change"
        wizard = form.save()
        self.assertTrue(wizard.use_active_domain)
        self.assertEqual(wizard.credit_count, 4, "every PT credit, not just 2 ids")
        self.assertEqual(wizard.extend_count, 3)
        wizard.action_extend()
        day = fields.Date.to_date("2027-01-31")
        for credit in self.credit_soon | self.credit_later | self.credit_expired:
            self.assertEqual(credit.expiry_date, day)
        self.assertEqual(
            self.credit_used.expiry_date, fields.Date.to_date("2026-12-31")
        )

    def test_ticked_below_limit_uses_ids_only(self):
        wizard = self.wizard(
            self.credit_soon,
            mode="date",
            new_expiry_date="2026-05-01",
            reason="x",
        )
        self.assertFalse(wizard.use_active_domain)
        wizard.action_extend()
        self.assertEqual(
            self.credit_later.expiry_date, fields.Date.to_date("2026-04-30")
        )

    def test_open_from_client_card_row(self):
        action = self.credit_soon.with_user(
            self.user_manager
        ).action_open_extend_expiry()
        self.assertEqual(action["res_model"], "tz.session.credit.extend")
        self.assertEqual(action["context"]["active_ids"], self.credit_soon.ids)

    def test_period_over_one_year(self):
        self.wizard(
            self.credit_soon,
            extend_number=13,
            extend_unit="months",
            reason="Long injury",
        ).action_extend()
        self.assertEqual(
            self.credit_soon.expiry_date,
            fields.Date.to_date("2026-03-20") + relativedelta(months=13),
        )

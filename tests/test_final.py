from psycopg2.errors import CheckViolation

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestCreditsAreFinal(SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.credit = cls.env["tz.session.credit"].create(
            {
                "partner_id": cls.client.id,
                "event_type_id": cls.type_pt.id,
                "quantity": 3,
                "expiry_date": "2099-01-01",
            }
        )
        cls.admin = cls.env.ref("base.user_admin")

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models.unlink")
    def test_nobody_deletes(self):
        for user in (self.user_adder, self.user_manager):
            with self.assertRaises(AccessError):
                self.credit.with_user(user).unlink()
        # the administrator and even sudo over RPC-like calls
        with self.assertRaises(UserError):
            self.credit.with_user(self.admin).sudo().unlink()
        with self.assertRaises(UserError):
            self.credit.sudo().unlink()
        self.assertTrue(self.credit.exists())

    def test_nobody_edits_what_was_granted(self):
        changes = {
            "partner_id": self.clients[1].id,
            "event_type_id": self.type_hiit.id,
            "quantity": 30,
            "expiry_date": "2099-12-31",
            "source": "manual",
            "company_id": self.company.id,
        }
        for field, value in changes.items():
            for credit in (
                self.credit.with_user(self.user_manager),
                self.credit.sudo(),
            ):
                with (
                    self.subTest(field=field, su=credit.env.su),
                    self.assertRaises(UserError),
                ):
                    credit.write({field: value})
        for field in ("quantity_used", "quantity_remaining", "state"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.credit.sudo().write({field: 0})
        self.assertRecordValues(
            self.credit,
            [
                {
                    "partner_id": self.client.id,
                    "quantity": 3,
                    "quantity_used": 0,
                    "state": "active",
                    "event_type_id": self.type_pt.id,
                }
            ],
        )

    def test_note_stays_editable(self):
        self.credit.with_user(self.user_adder).note = "Paid cash"
        self.assertEqual(self.credit.note, "Paid cash")

    def test_cannot_create_with_system_values(self):
        for vals in (
            {"quantity_used": 2},
            {"state": "used"},
            {"quantity_remaining": 99},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.env["tz.session.credit"].with_user(self.user_adder).create(
                    {
                        "partner_id": self.client.id,
                        "event_type_id": self.type_pt.id,
                        "quantity": 3,
                        **vals,
                    }
                )
        self.assertEqual(self.credits_of(self.client), self.credit)

    def test_database_refuses_overuse(self):
        with (
            self.assertRaises(CheckViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE tz_session_credit SET quantity_used = quantity + 1 "
                "WHERE id = %s",
                [self.credit.id],
            )

    def test_event_type_with_credits_not_deleted(self):
        with self.assertRaises(UserError):
            self.type_pt.unlink()
        empty = self.env["tz.session.event.type"].create({"name": "Spare"})
        empty.unlink()
        self.assertFalse(empty.exists())

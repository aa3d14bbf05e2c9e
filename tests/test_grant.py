from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestGrant(SessionCreditsCase):
    def add_wizard(self, partners, user=None):
        user = user or self.user_adder
        return Form(
            self.env["tz.session.credit.add"]
            .with_user(user)
            .with_context(active_model="res.partner", active_ids=partners.ids)
        )

    def test_wizard_one_client(self):
        form = self.add_wizard(self.client)
        self.assertEqual(form.partner_count, 1)
        form.event_type_id = self.type_pt
        form.quantity = 5
        action = form.save().action_add_credits()
        credit = self.credits_of(self.client)
        self.assertEqual(len(credit), 1)
        self.assertRecordValues(
            credit,
            [
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 5,
                    "quantity_used": 0,
                    "quantity_remaining": 5,
                    "expiry_date": False,
                    "state": "active",
                    "source": "manual",
                    "company_id": self.company.id,
                    "create_uid": self.user_adder.id,
                }
            ],
        )
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("1 client", action["params"]["message"])
        self.assertEqual(self.client.session_credits_available, 5)

    def test_wizard_many_clients_expiry_date(self):
        form = self.add_wizard(self.clients)
        self.assertEqual(form.partner_count, 5)
        form.event_type_id = self.type_hiit
        form.quantity = 2
        form.expiry_mode = "date"
        form.expiry_date = date(2099, 1, 31)
        action = form.save().action_add_credits()
        credits = self.credits_of(self.clients)
        self.assertEqual(credits.partner_id, self.clients)
        self.assertEqual(set(credits.mapped("expiry_date")), {date(2099, 1, 31)})
        self.assertEqual(set(credits.mapped("quantity")), {2})
        self.assertIn("5 client", action["params"]["message"])

    @freeze_time("2026-01-10 12:00:00")
    def test_wizard_validity_period(self):
        for unit, number, expected in (
            ("days", 10, date(2026, 1, 19)),
            ("weeks", 2, date(2026, 1, 23)),
            ("months", 1, date(2026, 2, 9)),
        ):
            with self.subTest(unit=unit):
                form = self.add_wizard(self.client)
                form.event_type_id = self.type_pt
                form.expiry_mode = "period"
                form.validity_number = number
                form.validity_unit = unit
                self.assertEqual(form.computed_expiry_date, expected)
                wizard = form.save()
                wizard.action_add_credits()
                self.assertEqual(self.credits_of(self.client)[0].expiry_date, expected)

    def test_public_method_many_partners(self):
        ids = self.clients.with_user(self.user_adder).add_session_credits(
            self.type_pt.id, 3, expiry_date="2099-12-31", note="January promo"
        )
        credits = self.env["tz.session.credit"].browse(ids)
        self.assertEqual(len(credits), 5)
        self.assertEqual(credits.partner_id, self.clients)
        self.assertEqual(set(credits.mapped("note")), {"January promo"})
        self.assertEqual(
            self.clients.mapped("session_credits_available"), [3, 3, 3, 3, 3]
        )

    def assert_refused(self, exception, message_part, **kwargs):
        params = {"event_type_id": self.type_pt.id, "quantity": 1, **kwargs}
        partners = params.pop("partners", self.clients)
        before = self.env["tz.session.credit"].sudo().search_count([])
        with self.assertRaises(exception) as caught:
            partners.with_user(self.user_adder).add_session_credits(**params)
        self.assertIn(message_part, str(caught.exception))
        self.assertEqual(self.env["tz.session.credit"].sudo().search_count([]), before)

    def test_bad_quantities_refused(self):
        self.assert_refused(ValidationError, "at least 1", quantity=0)
        self.assert_refused(ValidationError, "at least 1", quantity=-3)
        self.assert_refused(ValidationError, "whole number", quantity=2.5)
        self.assert_refused(ValidationError, "whole number", quantity="5")
        self.assert_refused(ValidationError, "At most 1000", quantity=1001)
        ids = self.client.with_user(self.user_adder).add_session_credits(
            self.type_pt.id, 1000
        )
        self.assertEqual(len(ids), 1)

    @freeze_time("2026-03-15 10:00:00")
    def test_past_expiry_refused_today_allowed(self):
        self.assert_refused(ValidationError, "in the past", expiry_date="2026-03-14")
        self.assert_refused(
            ValidationError, "not a valid date", expiry_date="31/02/2026"
        )
        ids = self.client.with_user(self.user_adder).add_session_credits(
            self.type_pt.id, 1, expiry_date="2026-03-15"
        )
        self.assertEqual(self.client.session_credits_available, 1, ids)

    def test_archived_type_and_clients_refused(self):
        self.assert_refused(
            ValidationError, "archived", event_type_id=self.type_archived.id
        )
        self.clients[2].action_archive()
        self.assert_refused(ValidationError, "Archived clients", partners=self.clients)

    def test_no_client_no_type_refused(self):
        self.assert_refused(
            UserError, "at least one client", partners=self.env["res.partner"]
        )
        with self.assertRaises(UserError):
            self.clients.with_user(self.user_adder).add_session_credits(False, 1)
        form = self.add_wizard(self.env["res.partner"])
        form.event_type_id = self.type_pt
        with self.assertRaises(UserError):
            form.save().action_add_credits()
        self.assertFalse(self.credits_of(self.clients))

    def test_bulk_is_all_or_nothing(self):
        """One bad client in the batch: nobody gets credits."""
        self.clients[-1].action_archive()
        form = self.add_wizard(self.clients)
        form.event_type_id = self.type_pt
        wizard = form.save()
        with self.assertRaises(ValidationError):
            wizard.action_add_credits()
        self.assertFalse(self.credits_of(self.clients))

    def test_direct_create_goes_through_the_same_checks(self):
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        with self.assertRaises(ValidationError):
            Credit.create(
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 0,
                }
            )
        with self.assertRaises(ValidationError):
            Credit.create(
                {
                    "partner_id": self.client.id,
                    "event_type_id": self.type_archived.id,
                    "quantity": 1,
                }
            )
        credit = Credit.create(
            {
                "partner_id": self.client.id,
                "event_type_id": self.type_pt.id,
                "quantity": 4,
            }
        )
        self.assertEqual(credit.quantity_remaining, 4)
        self.assertEqual(credit.source, "manual")
        self.assertEqual(self.credits_of(self.client), credit)

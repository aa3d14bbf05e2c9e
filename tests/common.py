from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

ADD_GROUPS = "base.group_user,tz_session_credits.group_session_credit_add"
MANAGER_GROUPS = "base.group_user,tz_session_credits.group_session_credit_manager"


class SessionCreditsCase(TransactionCase):
    """Role users, event types and clients shared by the suite (no demo data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.user_staff = new_test_user(
            cls.env,
            login="tz_staff",
            groups="base.group_user",
            tz="UTC",
            name="Sam Staff",
        )
        cls.user_adder = new_test_user(
            cls.env,
            login="tz_adder",
            groups=ADD_GROUPS,
            tz="UTC",
            name="Jane Smith",
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="tz_manager",
            groups=MANAGER_GROUPS,
            tz="UTC",
            name="Max Manager",
        )
        EventType = cls.env["tz.session.event.type"]
        cls.type_pt = EventType.create({"name": "Personal Training 60 min"})
        cls.type_hiit = EventType.create({"name": "Group HIIT"})
        cls.type_archived = EventType.create({"name": "Old Yoga", "active": False})
        Partner = cls.env["res.partner"]
        cls.clients = Partner.create(
            [
                {"name": f"Client {i:02d}", "email": f"client{i}@example.com"}
                for i in range(5)
            ]
        )
        cls.client = cls.clients[0]

    def credits_of(self, partners, event_type=None):
        domain = [("partner_id", "in", partners.ids)]
        if event_type:
            domain.append(("event_type_id", "=", event_type.id))
        return self.env["tz.session.credit"].sudo().search(domain)


class EventCreditsCase(SessionCreditsCase):
    """Classes in the Events app that use credits (tz_session_credits_event):
    an event user at the desk, a Group HIIT template and class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_desk = new_test_user(
            cls.env,
            login="tz_event_desk",
            groups="base.group_user,event.group_event_registration_desk",
            tz="UTC",
            name="Dana Desk",
        )
        cls.user_event = new_test_user(
            cls.env,
            login="tz_event_user",
            groups="base.group_user,event.group_event_user",
            tz="UTC",
            name="Evan Events",
        )
        cls.template_hiit = cls.env["event.type"].create(
            {
                "name": "HIIT class",
                "session_event_type_id": cls.type_hiit.id,
                # no badge mails: their PDF needs wkhtmltopdf, which tests lack
                "event_type_mail_ids": [Command.clear()],
            }
        )

    def make_class(self, start, hours=1, **vals):
        return self.env["event.event"].create(
            {
                "name": vals.pop("name", "Group HIIT"),
                "event_type_id": self.template_hiit.id,
                "date_begin": start,
                "date_end": start + timedelta(hours=hours),
                "date_tz": vals.pop("date_tz", "UTC"),
                **vals,
            }
        )

    def grant(self, partner, quantity, event_type=None, **kwargs):
        return self.env["tz.session.credit"].create(
            {
                "partner_id": partner.id,
                "event_type_id": (event_type or self.type_hiit).id,
                "quantity": quantity,
                **kwargs,
            }
        )

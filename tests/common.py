from datetime import timedelta

from odoo import Command, fields
from odoo.tests import Form, TransactionCase, new_test_user

ADD_GROUPS = "base.group_user,tz_session_credits.group_session_credit_add"
MANAGER_GROUPS = "base.group_user,tz_session_credits.group_session_credit_manager"


class GrantMixin:
    """The grant and booking helpers the suite shares."""

    def grant(self, partners, qty=1, expiry=None, event_type=None, user=None):
        """Manual credits through the one grant path, as ``user`` (default:
        the test's environment)."""
        Credit = self.env["tz.session.credit"]
        if user:
            Credit = Credit.with_user(user)
        return Credit.create(
            [
                {
                    "partner_id": partner.id,
                    "event_type_id": (event_type or self.type_pt).id,
                    "quantity": qty,
                    "expiry_date": expiry,
                }
                for partner in partners
            ]
        )

    def grant_with_wizard(
        self, partners, qty=5, expiry=None, notify=False, user=None, event_type=None
    ):
        """Manual credits the way staff add them: the wizard's form."""
        form = Form(
            self.env["tz.session.credit.add"]
            .with_user(user or self.user_adder)
            .with_context(active_model="res.partner", active_ids=partners.ids)
        )
        form.event_type_id = event_type or self.type_pt
        form.quantity = qty
        if expiry:
            form.expiry_mode = "date"
            form.expiry_date = expiry
        form.notify_client = notify
        return form.save().action_add_credits()

    def book(self, partners, start=None, event_type=None, user=None, **extra):
        """A calendar session of ``event_type`` with ``partners`` attending."""
        start = start or fields.Datetime.now() + timedelta(days=1)
        Event = self.env["calendar.event"]
        if user:
            Event = Event.with_user(user)
        return Event.create(
            {
                "name": "PT session",
                "start": start,
                "stop": start + timedelta(hours=1),
                "session_event_type_id": (event_type or self.type_pt).id,
                "partner_ids": [Command.set(partners.ids)],
                **extra,
            }
        )


class SessionCreditsCase(GrantMixin, TransactionCase):
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
        # a contacts manager without any credits right (edits clients, merges)
        cls.user_contacts = new_test_user(
            cls.env,
            login="tz_contacts",
            groups="base.group_user,base.group_partner_manager",
            tz="UTC",
            name="Cora Contacts",
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


SALESMAN_GROUPS = "base.group_user,sales_team.group_sale_salesman"
FRONT_DESK_GROUPS = (
    "base.group_user,sales_team.group_sale_salesman_all_leads,"
    "tz_session_credits.group_session_credit_add"
)


class SaleCreditsCase(SessionCreditsCase):
    """Session packs sold through Sales (tz_session_credits_sale): a
    salesperson without the add right, a front-desk user with it, two packs
    and a plain service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_salesman = new_test_user(
            cls.env,
            login="tz_salesman",
            groups=SALESMAN_GROUPS,
            tz="UTC",
            name="Sally Sales",
        )
        cls.user_front_desk = new_test_user(
            cls.env,
            login="tz_front_desk",
            groups=FRONT_DESK_GROUPS,
            tz="UTC",
            name="Frank Desk",
        )
        Product = cls.env["product.template"]
        cls.pack_pt = Product.create(
            {
                "name": "10 × PT pack",
                "type": "service",
                "list_price": 500.0,
                "invoice_policy": "order",
                "taxes_id": [(5, 0, 0)],
                "session_credit_event_type_id": cls.type_pt.id,
                "session_credit_quantity": 10,
                "session_credit_validity_number": 3,
                "session_credit_validity_unit": "months",
            }
        )
        cls.pack_hiit = Product.create(
            {
                "name": "5 × HIIT pack",
                "type": "service",
                "list_price": 50.0,
                "invoice_policy": "order",
                "taxes_id": [(5, 0, 0)],
                "session_credit_event_type_id": cls.type_hiit.id,
                "session_credit_quantity": 5,
            }
        )
        cls.plain_service = Product.create(
            {
                "name": "Towel service",
                "type": "service",
                "list_price": 5.0,
                "taxes_id": [(5, 0, 0)],
            }
        )

    def make_order(self, lines, partner=None, user=None):
        """A quotation, as ``user`` (default: the salesperson); ``lines`` are
        ``(product template, quantity)`` or ``(template, qty, line values)``."""
        user = user or self.user_salesman
        Order = self.env["sale.order"].with_user(user)
        order_lines = []
        for line in lines:
            template, qty, *extra = line
            vals = {
                "product_id": template.product_variant_id.id,
                "product_uom_qty": qty,
            }
            if extra:
                vals.update(extra[0])
            order_lines.append(Command.create(vals))
        return Order.create(
            {"partner_id": (partner or self.client).id, "order_line": order_lines}
        )

    def sale_credits(self, order):
        return (
            self.env["tz.session.credit"]
            .sudo()
            .search([("sale_line_id", "in", order.order_line.ids)], order="id")
        )

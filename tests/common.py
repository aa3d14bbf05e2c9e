import threading
from datetime import datetime, time, timedelta

from odoo import Command, api, fields
from odoo.service.model import retrying
from odoo.tests import Form, TransactionCase, new_test_user
from odoo.tools import mute_logger

ADD_GROUPS = "base.group_user,tz_session_credits.group_session_credit_add"
# what a chatter note is made of: compared between two ways of writing one
COMPARED_MESSAGE_FIELDS = [
    "model",
    "body",
    "message_type",
    "subtype_id",
    "author_id",
    "email_from",
    "reply_to",
    "is_internal",
    "email_add_signature",
    "subject",
    "record_name",
    "parent_id",
]
MANAGER_GROUPS = "base.group_user,tz_session_credits.group_session_credit_manager"


def run_at_once(db, works, timeout=60):
    """Run each ``(uid, work)`` of ``works`` in its own thread and on its own
    cursor of ``db``, as Odoo serves concurrent requests: every snapshot is
    taken before anyone commits, and ``work(env)`` runs under Odoo's
    ``retrying`` (a serialization failure is retried, as for a request).

    :return: each work's result, or the exception that stopped it (its
        transaction rolled back), in the order of ``works``
    """
    barrier = threading.Barrier(len(works), timeout=30)
    results = [None] * len(works)

    def run(index, uid, work):
        with db.cursor() as cr:
            env = api.Environment(cr, uid, {"tz": "UTC"})
            cr.execute("SELECT 1")  # every snapshot exists before anyone commits
            barrier.wait()
            try:
                with mute_logger("odoo.service.model", "odoo.sql_db"):
                    results[index] = retrying(lambda: work(env), env)
            except Exception as exc:  # noqa: BLE001 - returned to the test
                cr.rollback()
                results[index] = exc

    threads = [
        threading.Thread(target=run, args=(index, uid, work))
        for index, (uid, work) in enumerate(works)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


def load_chart_of_accounts(env):
    """Odoo's generic chart of accounts in the current company, as the
    Accounting settings load it, when the company has none yet (invoices,
    POS payments).

    :return: the company
    """
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", company=company, install_demo=False
        )
    return company


def race_user(env, login, groups):
    """The user of a race test's threads, on committed data: the one an
    earlier run left, or a new one."""
    user = env["res.users"].search([("login", "=", login)])
    return (user or new_test_user(env, login=login, groups=groups)).id


def delete_class_race_data(db, partner_ids, event_ids, type_id):
    """What a class race test committed: its clients' uses, registrations,
    credits and emails, its classes and its session type."""
    with db.cursor() as cr:
        params = [tuple(partner_ids)]
        cr.execute("DELETE FROM tz_session_credit_usage WHERE partner_id IN %s", params)
        cr.execute("DELETE FROM event_registration WHERE partner_id IN %s", params)
        cr.execute("DELETE FROM event_event WHERE id IN %s", [tuple(event_ids)])
        cr.execute("DELETE FROM tz_session_credit WHERE partner_id IN %s", params)
        cr.execute(
            "DELETE FROM mail_mail WHERE id IN (SELECT mail_mail_id FROM "
            "mail_mail_res_partner_rel WHERE res_partner_id IN %s)",
            params,
        )
        cr.execute("DELETE FROM res_partner WHERE id IN %s", params)
        cr.execute("DELETE FROM tz_session_event_type WHERE id = %s", [type_id])


def install_languages(env, *codes):
    """Languages as a user adds them (Settings > Languages > Add Languages:
    the ``base.language.install`` wizard): active, with the translations of
    the installed modules loaded, ours from their ``i18n/<lang>.po``. The
    websites speak them too (Website > Configuration > Settings > Languages),
    so that a client of that language gets the portal in it.

    :return: the ``res.lang`` records
    """
    langs = (
        env["res.lang"].with_context(active_test=False).search([("code", "in", codes)])
    )
    assert len(langs) == len(codes), f"unknown language among {codes}"
    env["base.language.install"].create(
        {"lang_ids": [Command.set(langs.ids)], "overwrite": True}
    ).lang_install()
    if "website" in env:
        for website in env["website"].search([]):
            website.language_ids = [Command.link(lang.id) for lang in langs]
    return langs


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
        # the studio of the demo, in the tours' screenshots too
        cls.company.name = "Riverside Strength Studio"
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


class WaitlistCase(EventCreditsCase):
    """P14: a full class with a waitlist. Two seats, both taken by clients 1
    and 2 (with credits); client 3 (with credits) and client 4 (none) wait,
    in that order."""

    def setUp(self):
        super().setUp()
        self.start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        self.klass = self.make_class(
            self.start, seats_limited=True, seats_max=2, session_waitlist=True
        )
        self.Registration = self.env["event.registration"].with_user(self.user_desk)
        for client in self.clients[1:4]:
            self.grant(client, 5)
        self.seated = self.register(self.clients[1]) | self.register(self.clients[2])
        self.first = self.register(self.clients[3])
        self.second = self.register(self.clients[4])

    def register(self, partner, klass=None, user=None):
        Registration = self.Registration.with_user(user) if user else self.Registration
        return Registration.create(
            {"event_id": (klass or self.klass).id, "partner_id": partner.id}
        )

    def waitlist_mails(self, registrations, what):
        """The queued emails of the waitlist template ``what`` to the clients
        of ``registrations``."""
        template = self.env.ref(
            f"tz_session_credits_event.mail_template_session_waitlist_{what}"
        )
        subject = template._render_field("subject", registrations.ids)
        return self.env["mail.mail"].search(
            [
                ("subject", "in", list(subject.values())),
                ("recipient_ids", "in", registrations.partner_id.ids),
            ]
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


POS_USER_GROUPS = "base.group_user,point_of_sale.group_pos_user"
POS_ADDER_GROUPS = (
    "base.group_user,point_of_sale.group_pos_user,"
    "tz_session_credits.group_session_credit_add"
)


class PosCreditsCase(SaleCreditsCase):
    """Session packs sold at the Point of Sale (tz_session_credits_pos): a
    "Front Desk" shop with a cash payment method and an open session, a
    cashier without the add right and one with it. Orders are sent as the
    POS client sends them: ``pos.order.sync_from_ui`` with its payload."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = load_chart_of_accounts(cls.env)
        cls.user_cashier = new_test_user(
            cls.env,
            login="tz_cashier",
            groups=POS_USER_GROUPS,
            tz="UTC",
            name="Carla Cashier",
        )
        cls.user_cashier_adder = new_test_user(
            cls.env,
            login="tz_cashier_adder",
            groups=POS_ADDER_GROUPS,
            tz="UTC",
            name="Dora Desk",
        )
        (cls.pack_pt | cls.pack_hiit | cls.plain_service).write(
            {"available_in_pos": True}
        )
        cash_journal = cls.env["account.journal"].search(
            [
                *cls.env["account.journal"]._check_company_domain(company),
                ("type", "=", "cash"),
            ],
            limit=1,
        )
        cls.cash_method = cls.env["pos.payment.method"].create(
            {
                "name": "Desk Cash",
                "journal_id": cash_journal.id,
                "company_id": company.id,
            }
        )
        cls.pos_config = cls.env["pos.config"].create(
            {
                "name": "Front Desk",
                "payment_method_ids": [Command.set(cls.cash_method.ids)],
                **cls._pos_config_values(),
            }
        )
        cls.pos_config.open_ui()
        cls.pos_session = cls.pos_config.current_session_id

    @classmethod
    def _pos_config_values(cls):
        """More values of the shop, set before its session opens."""
        return {}

    def pos_payload(self, lines, partner=None, state="paid", uuid=None, refund_of=None):
        """One order as the POS client serializes it for ``sync_from_ui``.

        :param lines: ``(product template, qty)`` or ``(template, qty, discount)``
            or ``(template, qty, discount, price)``
        :param refund_of: the order lines refunded, one per line (a refund
            line has a negative quantity)
        """
        from uuid import uuid4

        from odoo import fields

        uuid = uuid or str(uuid4())
        line_cmds = []
        for index, (template, qty, *extra) in enumerate(lines):
            discount = extra[0] if extra else 0.0
            price = extra[1] if len(extra) > 1 else template.list_price
            subtotal = self.pos_session.currency_id.round(
                price * qty * (1 - discount / 100)
            )
            vals = {
                "uuid": str(uuid4()),
                "product_id": template.product_variant_id.id,
                "full_product_name": template.name,
                "qty": qty,
                "price_unit": price,
                "discount": discount,
                "price_subtotal": subtotal,
                "price_subtotal_incl": subtotal,
                "tax_ids": [Command.set([])],
                "pack_lot_ids": [],
            }
            if refund_of:
                vals["refunded_orderline_id"] = refund_of[index].id
            line_cmds.append(Command.create(vals))
        total = sum(cmd[2]["price_subtotal_incl"] for cmd in line_cmds)
        return {
            "uuid": uuid,
            "name": f"Order {uuid[:8]}",
            "access_token": uuid4().hex,
            "state": state,
            "session_id": self.pos_session.id,
            "sequence_number": 1,
            "user_id": self.env.uid,
            "partner_id": partner.id if partner else False,
            "pricelist_id": self.pos_config.pricelist_id.id,
            "fiscal_position_id": False,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "to_invoice": False,
            "lines": line_cmds,
            "amount_total": total,
            "amount_tax": 0.0,
            "amount_paid": 0.0 if state == "draft" else total,
            "amount_return": 0.0,
            "last_order_preparation_change": "{}",
            "payment_ids": []
            if state == "draft" or not total
            else [
                Command.create(
                    {
                        "uuid": str(uuid4()),
                        "amount": total,
                        "payment_method_id": self.cash_method.id,
                        "name": fields.Datetime.to_string(fields.Datetime.now()),
                    }
                )
            ],
        }

    def pos_sync(self, payloads, user=None):
        """Send ``payloads`` as the POS of ``user`` (default: the cashier)
        does; returns the orders."""
        import copy

        user = user or self.user_cashier
        result = (
            self.env["pos.order"]
            .with_user(user)
            .with_company(self.pos_config.company_id)
            .sync_from_ui(copy.deepcopy(payloads))
        )
        return self.env["pos.order"].browse([o["id"] for o in result["pos.order"]])

    def pos_credits(self, orders):
        return (
            self.env["tz.session.credit"]
            .sudo()
            .search([("pos_order_line_id", "in", orders.lines.ids)], order="id")
        )


ACCOUNT_MANAGER_GROUPS = (
    "base.group_user,account.group_account_manager,sales_team.group_sale_salesman"
)
BILLING_GROUPS = "base.group_user,account.group_account_invoice"


class ContractCreditsCase(SaleCreditsCase):
    """Memberships (tz_session_credits_contract) on OCA's contract stack: a
    monthly "8 × Group HIIT" membership with a rollover cap of 2, an
    accountant who posts the invoices (no session credits right) and an
    invoicing manager who suspends and terminates contracts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chart_of_accounts(cls.env)
        cls.user_billing = new_test_user(
            cls.env,
            login="tz_billing",
            groups=BILLING_GROUPS,
            tz="UTC",
            name="Bill Billing",
        )
        cls.user_account_manager = new_test_user(
            cls.env,
            login="tz_account_manager",
            groups=ACCOUNT_MANAGER_GROUPS
            + ",contract_termination.can_terminate_contract",
            tz="UTC",
            name="Alma Accounts",
        )
        cls.membership = cls.env["product.template"].create(
            {
                "name": "8 × Group HIIT per month",
                "type": "service",
                "list_price": 80.0,
                "taxes_id": [Command.clear()],
                "is_contract": True,
                "recurrence_number": 12,
                "recurrence_interval": "monthly",
                "recurring_interval": 1,
                "recurring_rule_type": "monthly",
                "recurring_invoicing_type": "pre-paid",
                "session_credit_event_type_id": cls.type_hiit.id,
                "session_credit_quantity": 8,
                "session_credit_rollover_max": 2,
            }
        )
        cls.terminate_reason = cls.env["contract.terminate.reason"].create(
            {"name": "Moved away", "terminate_comment_required": False}
        )

    def sell_membership(self, start, partner=None, product=None, qty=1):
        """A confirmed sale of ``product`` (default: the membership) starting
        on ``start``: product_contract makes its contract."""
        # creating the contract is an invoicing manager's right (OCA's)
        order = self.make_order(
            [(product or self.membership, qty, {"date_start": start})],
            partner=partner,
            user=self.user_account_manager,
        )
        order.with_user(self.user_account_manager).action_confirm()
        contract = order.order_line.contract_id
        self.assertEqual(len(contract), 1, "confirming made the contract")
        return contract

    def invoice_next_period(self, contract, post=True, user=None):
        """The contract's next invoice (its own ``recurring_create_invoice``),
        posted by ``user`` (default: the accountant)."""
        invoice = contract.recurring_create_invoice()
        self.assertEqual(len(invoice), 1)
        if post:
            invoice.with_user(user or self.user_billing).action_post()
        return invoice

    def membership_credits(self, contract):
        return (
            self.env["tz.session.credit"]
            .sudo()
            .search(
                [("contract_line_id", "in", contract.contract_line_ids.ids)],
                order="contract_period_start, id",
            )
        )

    def refund(self, invoice, quantity=None):
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Refund"})
        )
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        if quantity is not None:
            credit_note.invoice_line_ids.quantity = quantity
        credit_note.with_user(self.user_billing).action_post()
        return credit_note

    def suspend(self, line, date_start, date_end, user=None):
        """contract_line_successor's suspension wizard, as an invoicing
        manager (default)."""
        wizard = (
            self.env["contract.line.wizard"]
            .with_user(user or self.user_account_manager)
            .create(
                {
                    "contract_line_id": line.id,
                    "date_start": date_start,
                    "date_end": date_end,
                    "is_auto_renew": False,
                }
            )
        )
        return wizard.stop_plan_successor()

    def use_credits(self, partner, count, day):
        """``count`` Group HIIT sessions of ``partner`` on ``day`` (a date)."""
        start = datetime.combine(day, time(9, 0))
        for index in range(count):
            self.book(
                partner,
                start=start + timedelta(hours=index),
                event_type=self.type_hiit,
            )

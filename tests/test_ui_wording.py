"""What staff read (issue P16): a grant whose unused credits were taken back
is *Revoked*, not *Used*, in the lists, the searches and the report; what a
credit is for has one name, *Session Type*, in every label of the addons
(Odoo's own *Event Type* is the class template of Events); periods read
naturally ("Valid For 1 Month(s)")."""

import re
from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import SaleCreditsCase

ADDONS = (
    "tz_session_credits",
    "tz_session_credits_event",
    "tz_session_credits_event_sale",
    "tz_session_credits_portal",
    "tz_session_credits_pos",
    "tz_session_credits_sale",
    "tz_session_credits_website_event",
    "tz_session_credits_website_sale",
)
OLD_NAME = re.compile(r"event[ -]types?\b|session credits of", re.IGNORECASE)


@tagged("post_install", "-at_install")
class TestRevokedIsNotUsed(SaleCreditsCase):
    def setUp(self):
        super().setUp()
        # a 10-credit pack: 3 booked, then the order is cancelled
        self.order = self.make_order([(self.pack_pt, 1)])
        self.order.action_confirm()
        start = fields.Datetime.now() + timedelta(days=1)
        self.env["calendar.event"].create(
            [
                {
                    "name": f"PT {i}",
                    "start": start + timedelta(hours=i),
                    "stop": start + timedelta(hours=i, minutes=50),
                    "session_event_type_id": self.type_pt.id,
                    "partner_ids": [Command.set(self.client.ids)],
                }
                for i in range(3)
            ]
        )
        self.order.with_user(self.user_salesman)._action_cancel()
        self.revoked = self.sale_credits(self.order)
        # a manual grant of another client, every credit used
        self.used = self.grant(self.clients[1], qty=1, event_type=self.type_hiit)
        self.book(self.clients[1], event_type=self.type_hiit)
        self.env.invalidate_all()

    def test_cancelled_sale_is_revoked(self):
        self.assertEqual(self.order.state, "cancel")
        self.assertRecordValues(
            self.revoked,
            [
                {
                    "quantity_used": 3,
                    "quantity_revoked": 7,
                    "quantity_remaining": 0,
                    "state": "revoked",
                }
            ],
        )
        self.assertEqual(self.used.state, "used")
        Credit = self.env["tz.session.credit"]
        mine = [("id", "in", (self.revoked | self.used).ids)]
        self.assertEqual(
            Credit.search([*mine, ("state", "=", "revoked")]), self.revoked
        )
        self.assertEqual(Credit.search([*mine, ("state", "=", "used")]), self.used)
        self.assertEqual(Credit.search([*mine, ("state", "!=", "revoked")]), self.used)

    def _filter_domain(self, name):
        arch = self.env["tz.session.credit"].get_view(view_type="search")["arch"]
        [node] = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")
        return node.get("string"), safe_eval(node.get("domain"), {"uid": self.env.uid})

    def test_credits_search_has_revoked_next_to_used(self):
        Credit = self.env["tz.session.credit"]
        mine = [("id", "in", (self.revoked | self.used).ids)]
        string, domain = self._filter_domain("revoked")
        self.assertEqual(string, "Revoked")
        self.assertEqual(Credit.search([*mine, *domain]), self.revoked)
        string, domain = self._filter_domain("used")
        self.assertEqual(Credit.search([*mine, *domain]), self.used)

    def test_badges_tell_revoked_from_used(self):
        """The status badge of the credits list, and of the client card's
        history (list and phone cards), has a colour of its own for Revoked."""
        Credit = self.env["tz.session.credit"]
        arch = etree.fromstring(Credit.get_view(view_type="list")["arch"])
        archs = [arch]
        form = etree.fromstring(
            self.env["res.partner"].get_view(view_type="form")["arch"]
        )
        [history] = form.xpath("//field[@name='session_credit_ids']")
        archs += history.xpath("./list | ./kanban")
        self.assertEqual(len(archs), 3)
        for node in archs:
            [badge] = node.xpath(".//field[@name='state'][@widget='badge']")
            revoked = [
                attr
                for attr, expr in badge.attrib.items()
                if attr.startswith("decoration-") and "'revoked'" in expr
            ]
            used = [
                attr
                for attr, expr in badge.attrib.items()
                if attr.startswith("decoration-") and "'used'" in expr
            ]
            self.assertEqual(len(revoked), 1, etree.tostring(badge))
            self.assertNotEqual(revoked, used)

    def test_report_graphs_count_whole_credits(self):
        """Found walking the demo: the graph's axis read 45.00 credits."""
        for xmlid in (
            "tz_session_credits.tz_session_credit_view_graph",
            "tz_session_credits.tz_session_credit_view_graph_liability",
        ):
            view = self.env.ref(xmlid)
            arch = etree.fromstring(
                self.env["tz.session.credit"].get_view(view.id, "graph")["arch"]
            )
            [measure] = arch.xpath("//field[@type='measure']")
            self.assertEqual(measure.get("widget"), "integer", xmlid)

    def test_report_measures_used_and_revoked_apart(self):
        for xmlid in (
            "tz_session_credits.tz_session_credit_view_pivot",
            "tz_session_credits.tz_session_credit_view_pivot_liability",
        ):
            view = self.env.ref(xmlid)
            arch = etree.fromstring(
                self.env["tz.session.credit"].get_view(view.id, "pivot")["arch"]
            )
            strings = {
                node.get("name"): node.get("string") for node in arch.xpath("//field")
            }
            with self.subTest(view=xmlid):
                self.assertEqual(strings.get("quantity_used"), "Used")
                self.assertEqual(strings.get("quantity_revoked"), "Revoked")
        [(used, revoked)] = self.env["tz.session.credit"]._read_group(
            [("id", "=", self.revoked.id)],
            [],
            ["quantity_used:sum", "quantity_revoked:sum"],
        )
        self.assertEqual((used, revoked), (3, 7))

    def test_card_balance_shows_revoked(self):
        balance = self.client.session_credit_balance_ids.filtered(
            lambda b: b.event_type_id == self.type_pt
        )
        self.assertRecordValues(
            balance,
            [
                {
                    "quantity_granted": 10,
                    "quantity_used": 3,
                    "quantity_revoked": 7,
                    "quantity_available": 0,
                }
            ],
        )


@tagged("post_install", "-at_install")
class TestSessionTypeName(SaleCreditsCase):
    FIELDS = [
        ("tz.session.credit", "event_type_id"),
        ("tz.session.credit.usage", "event_type_id"),
        ("tz.session.credit.balance", "event_type_id"),
        ("tz.session.credit.revocation", "event_type_id"),
        ("tz.session.credit.extension", "event_type_id"),
        ("tz.session.credit.low.balance", "event_type_id"),
        ("tz.session.credit.add", "event_type_id"),
        ("product.template", "session_credit_event_type_id"),
        ("product.product", "session_credit_event_type_id"),
        ("event.event", "session_event_type_id"),
        ("event.type", "session_event_type_id"),
        ("event.registration", "session_event_type_id"),
        ("calendar.event", "session_event_type_id"),
    ]

    def test_fields_say_session_type(self):
        for model, name in self.FIELDS:
            with self.subTest(model=model):
                string = self.env[model].fields_get([name], ["string"])[name]["string"]
                self.assertEqual(string, "Session Type")

    def test_model_and_menu_say_session_types(self):
        self.assertEqual(
            self.env["ir.model"]._get("tz.session.event.type").name, "Session Type"
        )
        self.assertEqual(
            self.env.ref("tz_session_credits.tz_session_event_type_menu").name,
            "Session Types",
        )
        self.assertEqual(
            self.env.ref("tz_session_credits.tz_session_event_type_action").name,
            "Session Types",
        )

    def test_no_label_of_the_addons_says_event_type(self):
        """Fields (labels, help, selection values), views, actions and menus of
        the addons: none names the old words."""
        found = []
        ours = self.env["ir.model.fields"].browse(
            self.env["ir.model.data"]
            .search([("module", "in", ADDONS), ("model", "=", "ir.model.fields")])
            .mapped("res_id")
        )
        self.assertIn("session_event_type_id", ours.mapped("name"))
        for field in ours:
            texts = [field.field_description, field.help or ""]
            texts += field.selection_ids.mapped("name")
            if any(OLD_NAME.search(text) for text in texts):
                found.append(f"{field.model}.{field.name}")
        data = self.env["ir.model.data"].search(
            [
                ("module", "in", ADDONS),
                ("model", "in", ("ir.ui.view", "ir.actions.act_window", "ir.ui.menu")),
            ]
        )
        for record in data:
            rec = self.env[record.model].browse(record.res_id)
            if record.model == "ir.ui.view":
                texts = [rec.arch_db or ""]
            elif record.model == "ir.ui.menu":
                texts = [rec.name]
            else:
                texts = [rec.name, str(rec.help or "")]
            # technical names (event_type_id, event.type) are not words
            if any(OLD_NAME.search(text) for text in texts):
                found.append(f"{record.module}.{record.name}")
        self.assertEqual(found, [])


@tagged("post_install", "-at_install")
class TestPeriodsReadNaturally(SaleCreditsCase):
    UNITS = {"days": "Day(s)", "weeks": "Week(s)", "months": "Month(s)"}

    def test_units(self):
        for model, name in (
            ("product.template", "session_credit_validity_unit"),
            ("tz.session.credit.add", "validity_unit"),
            ("tz.session.credit.extend", "extend_unit"),
        ):
            with self.subTest(model=model):
                selection = dict(
                    self.env[model].fields_get([name], ["selection"])[name]["selection"]
                )
                for key, label in self.UNITS.items():
                    self.assertEqual(selection[key], label)

    def test_pack_form_says_valid_for(self):
        arch = etree.fromstring(
            self.env["product.template"].get_view(view_type="form")["arch"]
        )
        [label] = arch.xpath(
            "//label[@for='session_credit_validity_number'"
            " or @for='session_credit_validity_unit']"
        )
        self.assertEqual(label.get("string"), "Valid For")


@tagged("post_install", "-at_install")
class TestWizardsConfirm(SaleCreditsCase):
    """Both wizards close and confirm in words, singular or plural (the tours
    see the notification on the screen)."""

    def _notification(self, action):
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            action["params"]["next"], {"type": "ir.actions.act_window_close"}
        )
        return action["params"]["message"]

    def test_add_credits(self):
        action = self.grant_with_wizard(
            self.clients[:1], qty=2, event_type=self.type_hiit
        )
        self.assertEqual(
            self._notification(action), "2 × Group HIIT added to 1 client."
        )
        action = self.grant_with_wizard(
            self.clients[1:4], qty=2, event_type=self.type_hiit
        )
        self.assertEqual(
            self._notification(action), "2 × Group HIIT added to 3 clients."
        )

    def test_extend_expiry(self):
        credits = self.grant(
            self.clients[:2], qty=3, expiry=fields.Date.today() + timedelta(days=3)
        )
        for selection, expected in (
            (credits[:1], "1 credit extended."),
            (credits, "2 credits extended."),
        ):
            wizard = (
                self.env["tz.session.credit.extend"]
                .with_user(self.user_manager)
                .with_context(
                    active_model="tz.session.credit", active_ids=selection.ids
                )
                .create({"reason": "Holiday closure", "extend_number": 1})
            )
            self.assertEqual(self._notification(wizard.action_extend()), expected)

"""The client portal: /my/session_credits shows the signed-in client's own
credits, and XML-RPC returns the same, nothing of another client."""

from datetime import timedelta

from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SessionCreditsCase

PAGE = "/my/session_credits"


def css(node, selector):
    """Elements matching ``selector``: classes (``.a .b``, ``.a.b``), with
    descendants separated by spaces (lxml's cssselect needs a package Odoo
    does not require)."""
    path = ""
    for part in selector.split():
        tag, *classes = part.split(".")
        conditions = "".join(
            f"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]"
            for c in classes
        )
        path += f"//{tag or '*'}{conditions}"
    return node.xpath("." + path)


SECRET_NOTE = "Internal: paid cash, do not tell the client"


class PortalCase(HttpCase, SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(
            cls.env,
            login="tz_portal_a",
            password="tz_portal_a_pw",
            groups="base.group_portal",
            name="Paula Portal",
            email="paula@example.com",
            tz="UTC",
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="tz_portal_b",
            password="tz_portal_b_pw",
            groups="base.group_portal",
            name="Bruno Other",
            email="bruno@example.com",
            tz="UTC",
        )
        cls.partner_a = cls.portal_a.partner_id
        cls.partner_b = cls.portal_b.partner_id
        EventType = cls.env["tz.session.event.type"]
        cls.type_a = EventType.create({"name": "Aerial Silks 60 min"})
        cls.type_b = EventType.create({"name": "Bouldering Intro"})
        Credit = cls.env["tz.session.credit"]
        today = fields.Date.context_today(Credit)
        cls.credit_a = Credit.create(
            {
                "partner_id": cls.partner_a.id,
                "event_type_id": cls.type_a.id,
                "quantity": 5,
                "expiry_date": today + timedelta(days=40),
                "note": SECRET_NOTE,
            }
        )
        cls.credit_b = Credit.create(
            {
                "partner_id": cls.partner_b.id,
                "event_type_id": cls.type_b.id,
                "quantity": 3,
                "note": "Bruno's note",
            }
        )
        start = fields.Datetime.now() + timedelta(days=3)
        cls.event_a = cls.env["calendar.event"].create(
            {
                "name": "Silks with Anna",
                "start": start,
                "stop": start + timedelta(hours=1),
                "session_event_type_id": cls.type_a.id,
                "partner_ids": [Command.set(cls.partner_a.ids)],
            }
        )
        cls.event_b = cls.env["calendar.event"].create(
            {
                "name": "Bouldering with Ben",
                "start": start,
                "stop": start + timedelta(hours=1),
                "session_event_type_id": cls.type_b.id,
                "partner_ids": [Command.set(cls.partner_b.ids)],
            }
        )
        cls.use_a = cls.event_a.session_credit_usage_ids
        cls.use_b = cls.event_b.session_credit_usage_ids

    def open_page(self, url=PAGE, login="tz_portal_a"):
        self.authenticate(login, f"{login}_pw")
        response = self.url_open(url)
        return response

    def page_text(self, response):
        return " ".join(html.fromstring(response.content).text_content().split())


@tagged("post_install", "-at_install")
class TestPortalPage(PortalCase):
    def test_page_shows_own_balance_grants_and_upcoming(self):
        response = self.open_page()
        self.assertEqual(response.status_code, 200)
        text = self.page_text(response)
        # balance per type: available, next expiry
        self.assertIn("Aerial Silks 60 min", text)
        self.assertIn("Your balance", text)
        doc = html.fromstring(response.content)
        available = css(doc, ".o_tz_portal_balance .o_tz_portal_available")
        self.assertEqual([el.text_content().strip() for el in available], ["4"])
        self.assertIn("Next expiry", text)
        # upcoming session, history of grants (date, quantity, source, expiry)
        upcoming = css(doc, ".o_tz_portal_upcoming .o_tz_portal_use")
        self.assertEqual(len(upcoming), 1)
        self.assertIn("Silks with Anna", upcoming[0].text_content())
        grants = css(doc, ".o_tz_portal_history .o_tz_portal_grant")
        self.assertEqual(len(grants), 1)
        grant_text = " ".join(grants[0].text_content().split())
        self.assertIn("5 × Aerial Silks 60 min", grant_text)
        # where the credits come from, in the client's words (not "Manual")
        self.assertIn("Added by the studio", grant_text)
        self.assertNotIn("Manual", grant_text)
        self.assertIn("4 left", grant_text)
        self.assertIn("expires", grant_text)
        # breadcrumbs of the portal layout
        self.assertTrue(css(doc, ".o_portal_submenu .breadcrumb-item.active"))
        # never another client's, never the internal note
        self.assertNotIn("Bouldering", text)
        self.assertNotIn(SECRET_NOTE, response.text)
        self.assertNotIn("Bruno", response.text)

    def test_uses_with_their_states(self):
        """used / returned / late cancel / on account, in the Sessions history."""
        self.type_a.allow_on_account = True
        self.type_a.late_cancel_hours = 100
        Usage = self.env["tz.session.credit.usage"].sudo()
        now = fields.Datetime.now()
        base = {
            "partner_id": self.partner_a.id,
            "event_type_id": self.type_a.id,
            "session_date": fields.Date.today(),
        }
        Usage.create(
            [
                dict(
                    base,
                    event_name="Past returned",
                    date=now - timedelta(days=9),
                    state="returned",
                    credit_id=self.credit_a.id,
                ),
                dict(
                    base,
                    event_name="Past late",
                    date=now - timedelta(days=8),
                    state="late_cancel",
                    credit_id=self.credit_a.id,
                ),
                dict(
                    base,
                    event_name="Past unpaid",
                    date=now - timedelta(days=7),
                    state="unpaid",
                ),
            ]
        )
        response = self.open_page(f"{PAGE}?filterby=uses")
        doc = html.fromstring(response.content)
        rows = [
            " ".join(el.text_content().split())
            for el in css(doc, ".o_tz_portal_history .o_tz_portal_use")
        ]
        self.assertEqual(len(rows), 4)
        joined = " | ".join(rows)
        for expected in (
            "Silks with Anna Used",
            "Past returned Returned",
            "Past late Late Cancellation",
            "Past unpaid On Account (unpaid)",
        ):
            self.assertIn(expected, joined)
        self.assertNotIn("Bouldering", response.text)

    def test_pager_and_sorting(self):
        Credit = self.env["tz.session.credit"]
        Credit.create(
            [
                {
                    "partner_id": self.partner_a.id,
                    "event_type_id": self.type_a.id,
                    "quantity": qty,
                }
                for qty in range(1, 25)  # 24 more: 25 grants, 2 pages of 20
            ]
        )
        doc = html.fromstring(self.open_page().content)
        self.assertEqual(len(css(doc, ".o_tz_portal_grant")), 20)
        self.assertTrue(
            doc.xpath(
                "//*[contains(@class, 'o_portal_pager')]//a[contains(@href, '/page/2')]"
            )
        )
        first = css(doc, ".o_tz_portal_grant .fw-bold")[0].text_content()
        self.assertIn("24 ×", first, "newest first")
        doc = html.fromstring(self.url_open(f"{PAGE}/page/2").content)
        self.assertEqual(len(css(doc, ".o_tz_portal_grant")), 5)
        doc = html.fromstring(self.url_open(f"{PAGE}?sortby=oldest").content)
        first = css(doc, ".o_tz_portal_grant .fw-bold")[0].text_content()
        self.assertIn("5 ×", first, "the oldest grant first")
        # unknown sort and filter keys fall back, they do not crash
        response = self.url_open(f"{PAGE}?sortby=id;drop&filterby=nope")
        self.assertEqual(response.status_code, 200)

    def test_portal_home_links_with_usable_count(self):
        response = self.open_page("/my")
        doc = html.fromstring(response.content)
        links = doc.xpath(
            f"//*[contains(@class, 'o_portal_index_card')]//a[@href='{PAGE}']"
        )
        self.assertEqual(len(links), 1)
        self.assertIn("4", links[0].text_content())
        # the counters API of the portal home
        data = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["session_credit_count"]}
        )
        self.assertEqual(data, {"session_credit_count": 4})

    def test_home_without_credits_has_no_entry(self):
        lone = new_test_user(
            self.env,
            login="tz_portal_c",
            password="tz_portal_c_pw",
            groups="base.group_portal",
            name="Carla",
        )
        self.assertTrue(lone)
        response = self.open_page("/my", login="tz_portal_c")
        self.assertNotIn(f'href="{PAGE}"', response.text)
        response = self.url_open(PAGE)
        self.assertIn("You have no session credits yet", response.text)

    def test_credit_detail_page(self):
        response = self.open_page(f"{PAGE}/{self.credit_a.id}")
        self.assertEqual(response.status_code, 200)
        text = self.page_text(response)
        self.assertIn("Silks with Anna", text)
        self.assertNotIn(SECRET_NOTE, response.text)

    def test_revoked_grant_says_revoked_not_used(self):
        """A pack whose order was cancelled: its unused credits were taken
        back. The client reads "Revoked" (a badge of its own, not the one of a
        grant whose credits were all used) and "Purchase" as its source."""
        pack = self.env["product.template"].create(
            {
                "name": "Silks 3-pack",
                "type": "service",
                "list_price": 60.0,
                "session_credit_event_type_id": self.type_a.id,
                "session_credit_quantity": 3,
            }
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_a.id,
                "order_line": [
                    Command.create({"product_id": pack.product_variant_id.id})
                ],
            }
        )
        order.action_confirm()
        order._action_cancel()
        revoked = self.env["tz.session.credit"].search(
            [("sale_line_id", "=", order.order_line.id)]
        )
        self.assertEqual(revoked.state, "revoked")
        # a manual grant of 1, used: "Used"
        used = self.grant(self.partner_a, qty=1, event_type=self.type_b)
        self.book(self.partner_a, event_type=self.type_b)
        self.assertEqual(used.state, "used")
        doc = html.fromstring(self.open_page().content)
        badges = {}
        for grant in css(doc, ".o_tz_portal_history .o_tz_portal_grant"):
            text = " ".join(grant.text_content().split())
            [badge] = css(grant, ".badge")
            badges[text.split(" Received")[0]] = (
                badge.text_content().strip(),
                set(badge.get("class").split()) - {"badge", "rounded-pill"},
                text,
            )
        state, revoked_class, text = badges["3 × Aerial Silks 60 min Revoked"]
        self.assertEqual(state, "Revoked")
        self.assertIn("Purchase", text)
        self.assertNotIn("Sale", text)
        state, used_class, text = badges["1 × Bouldering Intro Used"]
        self.assertEqual(state, "Used")
        self.assertIn("Added by the studio", text)
        self.assertNotEqual(revoked_class, used_class)

    def test_no_upcoming_session_says_where_to_book(self):
        """Without an upcoming session the page links to where classes are
        booked: the events page of the website (website_event is installed)."""
        self.event_a.unlink()
        doc = html.fromstring(self.open_page().content)
        [upcoming] = css(doc, ".o_tz_portal_upcoming")
        self.assertIn("No upcoming session booked", upcoming.text_content())
        self.assertEqual([a.get("href") for a in upcoming.xpath(".//a")], ["/event"])

    def test_internal_user_sees_only_own_contact(self):
        """Internal users read every credit in the back end; on the portal
        page they see their own contact's only."""
        self.authenticate("tz_manager", "tz_manager")
        response = self.url_open(PAGE)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Aerial Silks", response.text)
        self.assertNotIn("Bouldering", response.text)


@tagged("post_install", "-at_install")
class TestPortalIsolation(PortalCase):
    def test_public_visitor_is_sent_to_login(self):
        for url in (PAGE, f"{PAGE}/page/2", f"{PAGE}/{self.credit_a.id}"):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertIn("/web/login", response.headers["Location"], url)

    def test_other_clients_credit_id_in_url_is_not_found(self):
        self.authenticate("tz_portal_a", "tz_portal_a_pw")
        with mute_logger("odoo.http"):
            response = self.url_open(f"{PAGE}/{self.credit_b.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Bouldering", response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(f"{PAGE}/999999999")
        self.assertEqual(response.status_code, 404)
        # B sees B's
        self.authenticate("tz_portal_b", "tz_portal_b_pw")
        response = self.url_open(f"{PAGE}/{self.credit_b.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Bruno's note", response.text)

    def test_orm_rules_only_own(self):
        for user, own_credit, own_use, other_credit, other_use in (
            (self.portal_a, self.credit_a, self.use_a, self.credit_b, self.use_b),
            (self.portal_b, self.credit_b, self.use_b, self.credit_a, self.use_a),
        ):
            env = self.env(user=user)
            self.assertEqual(env["tz.session.credit"].search([]), own_credit)
            self.assertEqual(env["tz.session.credit.usage"].search([]), own_use)
            balances = env["tz.session.credit.balance"].search([])
            self.assertEqual(balances.partner_id, user.partner_id)
            self.assertFalse(env["tz.session.credit.revocation"].search([]))
            # another client's ids: refused
            with mute_logger("odoo.addons.base.models.ir_rule"):
                with self.assertRaises(AccessError):
                    env["tz.session.credit"].browse(other_credit.id).read(["quantity"])
                with self.assertRaises(AccessError):
                    env["tz.session.credit.usage"].browse(other_use.id).read(["state"])
            # the staff note is not theirs either
            with self.assertRaises(AccessError):
                env["tz.session.credit"].browse(own_credit.id).read(["note"])
            # a default read works and leaves the note out
            values = env["tz.session.credit"].browse(own_credit.id).read()[0]
            self.assertNotIn("note", values)
            self.assertNotIn("extension_ids", values)
            # nothing can be written or created
            with mute_logger("odoo.addons.base.models.ir_model"):
                with self.assertRaises(AccessError):
                    env["tz.session.credit"].create(
                        {
                            "partner_id": user.partner_id.id,
                            "event_type_id": self.type_a.id,
                            "quantity": 9,
                        }
                    )

    def test_xmlrpc_returns_only_own(self):
        db = self.env.cr.dbname
        uid_a = self.xmlrpc_common.authenticate(db, "tz_portal_a", "tz_portal_a_pw", {})
        self.assertEqual(uid_a, self.portal_a.id)

        def call(model, method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(
                db, uid_a, "tz_portal_a_pw", model, method, list(args), kwargs
            )

        credits = call(
            "tz.session.credit", "search_read", [], fields=["partner_id", "quantity"]
        )
        self.assertEqual([c["id"] for c in credits], self.credit_a.ids)
        uses = call("tz.session.credit.usage", "search_read", [], fields=["partner_id"])
        self.assertEqual([u["id"] for u in uses], self.use_a.ids)
        balances = call(
            "tz.session.credit.balance", "search_read", [], fields=["partner_id"]
        )
        self.assertEqual({b["partner_id"][0] for b in balances}, {self.partner_a.id})
        # asking for B explicitly: nothing
        self.assertEqual(
            call(
                "tz.session.credit", "search", [("partner_id", "=", self.partner_b.id)]
            ),
            [],
        )
        self.assertEqual(
            call("tz.session.credit", "search_count", [("id", "=", self.credit_b.id)]),
            0,
        )
        with mute_logger("odoo.addons.base.models.ir_rule", "odoo.http"):
            with self.assertRaises(Exception) as caught:
                call(
                    "tz.session.credit", "read", self.credit_b.ids, fields=["quantity"]
                )
        self.assertIn("doesn't have 'read' access", str(caught.exception))
        # the note is not even a field for them
        field_names = call("tz.session.credit", "fields_get", attributes=["type"])
        self.assertNotIn("note", field_names)
        self.assertIn("quantity", field_names)
        # the page shows what RPC returns
        response = self.open_page()
        doc = html.fromstring(response.content)
        self.assertEqual(len(css(doc, ".o_tz_portal_grant")), len(credits))

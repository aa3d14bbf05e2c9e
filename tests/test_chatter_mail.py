from datetime import date

from odoo.tests import tagged

from .common import SessionCreditsCase


@tagged("post_install", "-at_install")
class TestChatterAndMail(SessionCreditsCase):
    def grant(self, partners, notify=False, expiry=None):
        return self.grant_with_wizard(partners, notify=notify, expiry=expiry)

    def notes_of(self, partner):
        return self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("subtype_id", "=", self.env.ref("mail.mt_note").id),
                ("body", "ilike", "added by"),
            ]
        )

    def test_note_per_client_names_quantity_type_user_expiry(self):
        self.env["res.lang"]._activate_lang("en_GB")
        self.user_adder.lang = "en_GB"
        self.grant(self.clients[:2], expiry=date(2099, 1, 31))
        for client in self.clients[:2]:
            note = self.notes_of(client)
            self.assertEqual(len(note), 1)
            self.assertIn(
                "5 × Personal Training 60 min added by Jane Smith, expires 31/01/2099",
                note.body,
            )
            self.assertEqual(note.author_id, self.user_adder.partner_id)
        self.assertFalse(self.notes_of(self.clients[2]))

    def test_note_is_escaped(self):
        self.type_pt.name = "<b>PT</b>"
        self.grant(self.client)
        self.assertIn("&lt;b&gt;PT&lt;/b&gt;", self.notes_of(self.client).body)

    def test_no_email_unless_asked(self):
        mails = self.env["mail.mail"].sudo()
        before = mails.search_count([])
        self.grant(self.clients)
        self.assertEqual(mails.search_count([]), before)

    def test_email_queued_when_asked(self):
        mails = self.env["mail.mail"].sudo()
        before = mails.search([])
        self.grant(self.clients[:3], notify=True)
        new = mails.search([]) - before
        self.assertEqual(len(new), 3)
        self.assertEqual(
            set(new.mapped("state")), {"outgoing"}, "queued, not sent inline"
        )
        self.assertEqual(new.recipient_ids, self.clients[:3])
        self.assertIn("Personal Training 60 min", new[0].body_html)

    def test_template_is_editable_record(self):
        template = self.env.ref("tz_session_credits.mail_template_session_credit_added")
        self.assertEqual(template.model, "tz.session.credit")
        template.subject = "Your credits"
        self.grant(self.client, notify=True)
        mail = self.env["mail.mail"].sudo().search([], limit=1, order="id desc")
        self.assertEqual(mail.subject, "Your credits")

    def test_note_author_is_the_granting_user(self):
        """The partners may come from another environment (e.g. sudo): the
        note is still signed by the user who grants."""
        self.env["tz.session.credit"].with_user(self.user_manager)._grant(
            self.client.sudo(), self.type_pt, 2
        )
        note = self.notes_of(self.client)
        self.assertEqual(note.author_id, self.user_manager.partner_id)
        self.assertIn("added by Max Manager", note.body)

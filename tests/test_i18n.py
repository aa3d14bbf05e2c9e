"""Translations (P15): French and Spanish, added as a user adds a language
(Settings > Languages > Add Languages), reach the staff (the Add Session
Credits wizard, its errors), the clients' emails and the portal page; dates
follow the reader's language. ``make lint`` checks that every term of every
addon is translated in fr, es and de."""

from datetime import date

from lxml import html

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import ADD_GROUPS, SessionCreditsCase, install_languages
from .test_portal_access import css
from .test_tours_portal import PortalClientData, TourCase

EXPIRY = date(2099, 1, 31)  # 31/01/2099 in French, 01/31/2099 in US English
LOW_BALANCE = "tz.session.credit.low.balance"
NBSP = "\u00a0"  # French puts one before ":" and "?"


def text(node):
    return " ".join(node.text_content().split())


@tagged("post_install", "-at_install")
class TestFrench(HttpCase, SessionCreditsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        install_languages(cls.env, "fr_FR")
        cls.user_fr = new_test_user(
            cls.env,
            login="tz_adder_fr",
            groups=ADD_GROUPS,
            lang="fr_FR",
            tz="UTC",
            name="Julie Accueil",
        )
        cls.portal_fr = new_test_user(
            cls.env,
            login="tz_portal_fr",
            groups="base.group_portal",
            lang="fr_FR",
            tz="UTC",
            name="Camille Martin",
            email="camille.martin@example.com",
        )
        cls.client_fr = cls.portal_fr.partner_id
        cls.client_en = cls.clients[1]
        cls.company_name = cls.env.company.name

    def env_of(self, user):
        """The environment of ``user``'s requests: their own context (their
        language), as the web client sends it."""
        context = self.env["res.users"].with_user(user).context_get()
        return self.env(user=user, context=context)

    def add_wizard(self, env, partners):
        return env["tz.session.credit.add"].with_context(
            active_model="res.partner", active_ids=partners.ids
        )

    def low_balance_mail(self, partner):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", LOW_BALANCE), ("recipient_ids", "in", partner.ids)])
        )

    def test_wizard_labels_in_french(self):
        env = self.env_of(self.user_fr)
        self.assertEqual(env.lang, "fr_FR")
        Wizard = self.add_wizard(env, self.client_fr)
        labels = Wizard.fields_get(
            ["event_type_id", "quantity", "expiry_mode", "notify_client"],
            ["string", "selection"],
        )
        self.assertEqual(labels["event_type_id"]["string"], "Type de séance")
        self.assertEqual(labels["quantity"]["string"], "Crédits par client")
        self.assertEqual(
            labels["notify_client"]["string"], "Envoyer un e-mail aux clients"
        )
        self.assertEqual(labels["expiry_mode"]["string"], "Expiration")
        self.assertEqual(
            dict(labels["expiry_mode"]["selection"]),
            {
                "none": "Sans expiration",
                "date": "À une date",
                "period": "Après une durée",
            },
        )
        arch = Wizard.get_views([(False, "form")])["views"]["form"]["arch"]
        for words in (
            "1 client recevra des crédits.",
            "clients recevront des crédits.",
            'string="Ajouter les crédits"',
            'string="Annuler"',
            "Pourquoi ces crédits",
        ):
            self.assertIn(words, arch)
        # the entry of the contacts list's Actions menu, the dialog's title
        views = env["res.partner"].get_views([(False, "list")], {"toolbar": True})
        actions = views["views"]["list"]["toolbar"]["action"]
        self.assertIn(
            "Ajouter des crédits de séances", [action["name"] for action in actions]
        )

    def test_quantity_zero_error_in_french(self):
        form = Form(self.add_wizard(self.env_of(self.user_fr), self.client_fr))
        form.event_type_id = self.type_pt
        form.quantity = 0
        with self.assertRaises(ValidationError) as caught:
            form.save()
        self.assertEqual(
            caught.exception.args[0],
            f"Le nombre de crédits doit être d’au moins 1 (saisi{NBSP}: 0).",
        )
        self.assertFalse(self.credits_of(self.client_fr))

    def test_grant_notification_and_email_in_french(self):
        """The staff's confirmation in the staff's French, the client's email
        in the client's French, its date in French format."""
        form = Form(self.add_wizard(self.env_of(self.user_fr), self.client_fr))
        form.event_type_id = self.type_pt
        form.quantity = 5
        form.expiry_mode = "date"
        form.expiry_date = EXPIRY
        form.notify_client = True
        result = form.save().action_add_credits()
        self.assertEqual(result["params"]["title"], "Crédits de séances ajoutés")
        self.assertEqual(
            result["params"]["message"],
            "5 × Personal Training 60 min ajoutés à 1 client.",
        )
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "tz.session.credit"),
                    ("recipient_ids", "in", self.client_fr.ids),
                ]
            )
        )
        self.assertEqual(
            mail.subject,
            f"{self.company_name}{NBSP}: vous avez reçu 5 crédit(s) de séances",
        )
        self.assertIn("Vous avez reçu", mail.body_html)
        self.assertIn("Ils sont valables jusqu’au 31/01/2099.", mail.body_html)

    def test_low_balance_email_in_the_clients_language(self):
        for client in (self.client_fr, self.client_en):
            self.grant(client, qty=2, expiry=EXPIRY)
            self.book(client, user=self.user_fr)
        mail_fr = self.low_balance_mail(self.client_fr)
        self.assertEqual(len(mail_fr), 1)
        self.assertEqual(
            mail_fr.subject,
            f"{self.company_name}{NBSP}: il vous reste 1 crédit(s) {self.type_pt.name}",
        )
        body = " ".join(html.fromstring(mail_fr.body_html).text_content().split())
        self.assertIn(
            "Il vous reste 1 × Personal Training 60 min, valable(s) jusqu’au "
            "31/01/2099.",
            body,
        )
        self.assertIn("Rechargez vos crédits à l’accueil", body)
        # the same booking, an English client: English, a US date
        mail_en = self.low_balance_mail(self.client_en)
        self.assertEqual(
            mail_en.subject,
            f"{self.company_name}: 1 Personal Training 60 min credit(s) left",
        )
        self.assertIn("usable until 01/31/2099", mail_en.body_html)

    def test_portal_page_in_french(self):
        self.grant(self.client_fr, qty=5, expiry=EXPIRY)
        # received today, in the client's time zone (UTC)
        today = fields.Datetime.now().date()
        self.authenticate("tz_portal_fr", "tz_portal_fr")
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertTrue(home.url.endswith("/fr/my"), home.url)
        card = css(html.fromstring(home.content), "div.o_portal_index_card")
        self.assertIn(
            "5 Crédits de séances Votre solde, votre historique et vos séances à venir",
            [text(c) for c in card],
        )

        response = self.url_open("/my/session_credits")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/fr/my/session_credits"), response.url)
        page = html.fromstring(response.content)
        self.assertEqual(
            [text(h) for h in css(page, "div.o_tz_portal_session_credits h4")],
            ["Votre solde", "Séances à venir", "Historique : Crédits reçus"],
        )
        self.assertEqual(
            [text(li) for li in css(page, "ol.o_portal_submenu li.active")],
            ["Crédits de séances"],
        )
        [balance] = css(page, "div.o_tz_portal_balance")
        self.assertEqual(
            text(balance),
            "Personal Training 60 min Prochaine expiration 31/01/2099 5 disponible(s)",
        )
        [grant] = css(page, "a.o_tz_portal_grant")
        self.assertEqual(
            text(grant),
            "5 × Personal Training 60 min Actif "
            f"Reçus le {today.strftime('%d/%m/%Y')} Ajoutés par le studio "
            "5 restant(s) expirent le 31/01/2099",
        )
        self.assertIn("Aucune séance à venir n’est réservée.", text(page))


@tagged("post_install", "-at_install")
class TestSpanishPortalTour(PortalClientData, TourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        install_languages(cls.env, "es_ES")
        cls.portal_user.lang = "es_ES"

    def test_portal_page_phone_in_spanish(self):
        """The page of a Spanish-speaking client on a 390 px phone; with
        TZ_SCREENSHOTS=1, docs/portal_phone_es.png for the README."""
        self.browser_size = "390x844"
        self.touch_enabled = True
        shots = self._tour(
            "/my", "tz_session_credits_portal_es", "tz_portal_tour", phone=True
        )
        self.assertEqual(shots.requested, ["portal_phone_es"])

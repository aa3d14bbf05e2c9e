# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models

from odoo.addons.tz_session_credits_event.models.event_registration import (
    BOOKED_STATES,
)

# the class page links to this many packs at most
PACK_LINKS = 5
# what the shop's products need for a link to a pack's page: the session type
# of its credits (tz_session_credits_sale) and its page (website_sale)
PACK_FIELDS = ("session_credit_event_type_id", "is_published", "website_url")


class EventEvent(models.Model):
    _inherit = "event.event"

    def _session_credit_website_info(self, needed=1):
        """What the registration pages tell the visitor about the credits this
        class uses: nothing for a class without credits; for a visitor who is
        not signed in, that they must sign in; otherwise their own credits
        left of that type on the class's day, whether ``needed`` of them are
        enough to register, whether they are registered already, and when
        they cannot register, the shop's packs of that type. Reads the
        visitor's own credits only.

        Everything here depends on the visitor: the templates render it
        outside Odoo's per-class cache of the page (``t-nocache``)."""
        self.ensure_one()
        etype = self.sudo().session_event_type_id
        if not etype:
            return {}
        user = self.env.user
        info = {
            "type_name": etype.display_name,
            # what one place costs, said up front on the class's page
            "cost": self._session_credit_cost(etype),
            "public": user._is_public(),
            "left": 0,
            "needed": needed,
            "on_account": etype.allow_on_account,
            "registered": False,
            "packs": [],
            # a full class with a waitlist: "Join the waitlist", or the
            # client's place on it
            "waitlist": False,
            "waitlist_position": 0,
        }
        event = self.sudo()
        if event._session_waitlist_open() and event._session_seats_free() <= 0:
            info["waitlist"] = True
        if not info["public"]:
            info["left"] = self._session_credit_visitor_left()
            info["registered"] = self._session_credit_website_registered()
            waiting = self._session_credit_website_waitlisted()
            if waiting:
                info["waitlist_position"] = event._session_waitlist_position(waiting)
        info["bookable"] = not info["public"] and (
            info["left"] >= needed or info["on_account"]
        )
        # Odoo's Register button: for a client who can register and has not
        info["offer_register"] = info["bookable"] and not info["registered"]
        if not info["public"] and not info["bookable"]:
            info["packs"] = self._session_credit_packs(etype)
        return info

    def _session_credit_visitor_left(self):
        """The signed-in visitor's own credits of this class's type usable on
        its day (``tz_session_credits_event``'s ``_session_credits_left``)."""
        partner = self.env.user.partner_id
        return self.sudo()._session_credits_left(partner).get(partner.id, 0)

    def _session_credit_list_info(self):
        """What the list of events says of this class, for the visitor: its
        cost, and the signed-in client's credits of its type usable on its
        day (``left``), or that a visitor must sign in (``public``); {} for
        an event without credits, or one the visitor may not read."""
        self.ensure_one()
        if not self.exists() or not self.has_access("read"):
            return {}
        etype = self.sudo().session_event_type_id
        if not etype:
            return {}
        user = self.env.user
        info = {
            "cost": self._session_credit_cost(etype),
            "public": user._is_public(),
            "left": 0,
        }
        if not info["public"]:
            info["left"] = self._session_credit_visitor_left()
        return info

    def _session_credit_website_registered(self):
        """Whether the visitor is registered for this event ("Registered" on
        its page): Odoo's ``is_participating``; for a class that uses credits,
        whether the signed-in client holds a registration of their own (Odoo's
        heuristic counts every registration of the event for a signed-in user
        who has no website visitor yet, and nobody registers on a credit class
        without signing in)."""
        self.ensure_one()
        if not self.sudo().session_event_type_id:
            return self.is_participating
        user = self.env.user
        if user._is_public():
            return False
        return bool(
            self.env["event.registration"]
            .sudo()
            .search_count(
                [
                    ("event_id", "=", self.id),
                    ("partner_id", "=", user.partner_id.id),
                    ("state", "in", BOOKED_STATES),
                ],
                limit=1,
            )
        )

    def _session_credit_website_waitlisted(self):
        """The signed-in client's own place on this class's waitlist."""
        self.ensure_one()
        user = self.env.user
        if user._is_public():
            return self.env["event.registration"]
        Registration = self.env["event.registration"].sudo()
        return Registration.search(
            [
                ("event_id", "=", self.id),
                ("partner_id", "=", user.partner_id.id),
                *Registration._session_waiting_domain(),
            ],
            order="id",
            limit=1,
        )

    def _session_credit_cost(self, etype):
        """What one place costs, said on the list of events, the class's page
        and its tickets: "1 credit of Group HIIT"."""
        return _("1 credit of %s", etype.display_name)

    def _session_credit_ticket_cost(self, ticket):
        """What a place of ``ticket`` costs in credits ("1 credit of Group
        HIIT"), for the list of tickets; False for a class without credits.
        ``ticket`` may be empty (a class without tickets). A ticket with a
        price of its own (``event_sale``) is paid with it and uses no credit
        (see ``tz_session_credits_event_sale``): False too."""
        self.ensure_one()
        etype = self.sudo().session_event_type_id
        if not etype:
            return False
        if ticket and "price" in ticket._fields and ticket.price > 0:
            return False
        return self._session_credit_cost(etype)

    def _session_credit_pack_model(self):
        """The shop's products, when the shop sells session packs
        (``website_sale`` and ``tz_session_credits_sale`` are installed), else
        None: this addon depends on neither, and links to no pack without
        them."""
        if "product.template" not in self.env:
            return None
        Template = self.env["product.template"]
        if not all(name in Template._fields for name in PACK_FIELDS):
            return None
        return Template

    def _session_credit_packs(self, etype):
        """The packs of session type ``etype`` the visitor can buy in the shop
        of the current website: name and page of each, as the visitor may
        read them (the shop's own rules: published, for sale)."""
        Template = self._session_credit_pack_model()
        if Template is None or not Template.has_access("read"):
            return []
        website = self.env["website"].get_current_website()
        packs = Template.search(
            [
                ("session_credit_event_type_id", "=", etype.id),
                ("is_published", "=", True),
                ("sale_ok", "=", True),
                *website.website_domain(),
            ],
            order="list_price, name, id",
            limit=PACK_LINKS,
        )
        return [{"name": pack.display_name, "url": pack.website_url} for pack in packs]

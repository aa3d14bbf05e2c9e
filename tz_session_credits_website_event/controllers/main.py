# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound, abort
from werkzeug.urls import url_encode

from odoo import http
from odoo.http import request

from odoo.addons.tz_session_credits.models.session_credit_usage import NoUsableCredit
from odoo.addons.website_event.controllers.main import WebsiteEventController


class WebsiteEventSessionCredits(WebsiteEventController):
    def _session_credit_refused(self, event, code):
        """Back to the class's page, which says why. Raised rather than
        returned, so that no other override of ``registration_confirm`` goes
        on with the request whatever their order (``website_event_sale`` would
        send a visitor with a cart to the checkout), and the request's
        transaction is rolled back: nothing is registered nor put in a cart."""
        query = url_encode({"registration_error_code": code})
        abort(request.redirect(f"/event/{event.id}/register?{query}"))

    @http.route(
        ['/event/<model("event.event"):event>/session_waitlist/join'],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def session_waitlist_join(self, event, **post):
        """The signed-in client joins the waitlist of a full class, for
        themselves only. A class with a free seat (again) is registered for
        the usual way, from its page."""
        event_sudo = event.sudo()
        if not (event_sudo._session_waitlist_open() and event.website_published):
            raise NotFound()
        partner = request.env.user.partner_id
        booked = event._session_credit_website_registered()
        if event_sudo._session_seats_free() > 0 or booked:
            return request.redirect(f"/event/{event.id}/register")
        if not event._session_credit_website_waitlisted():
            try:
                request.env["event.registration"].sudo().create(
                    {
                        "event_id": event.id,
                        "partner_id": partner.id,
                        "name": partner.name,
                        "email": partner.email,
                        "phone": partner.phone or partner.mobile,
                    }
                )
            except NoUsableCredit:
                # a seat came free in the meantime, and takes a credit
                self._session_credit_refused(event, "session_credit_none")
        return request.redirect(f"/event/{event.id}/register")

    @http.route(
        ['/event/<model("event.event"):event>/session_waitlist/leave'],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def session_waitlist_leave(self, event, **post):
        """The signed-in client leaves this class's waitlist: nothing is
        charged."""
        waiting = event._session_credit_website_waitlisted()
        partner = request.env.user.partner_id
        if not waiting or not partner._session_waitlist_leave(
            f"event.registration,{waiting.id}"
        ):
            raise NotFound()
        return request.redirect(f"/event/{event.id}/register?session_waitlist=left")

    @http.route()
    def registration_confirm(self, event, **post):
        """A class that uses credits: only a signed-in client with enough
        credits registers; otherwise the page says why and nothing is
        registered (also when another request took the last credit first,
        and with ``website_event_sale``, whose cart and checkout come after).
        Only the booking API's own refusal reads "no credit": any other error
        (Odoo's reCaptcha, a ticket not for sale, ...) is Odoo's to show."""
        if not event.sudo().session_event_type_id:
            return super().registration_confirm(event, **post)
        attendees = self._process_attendees_form(event, post)
        info = event._session_credit_website_info(needed=len(attendees) or 1)
        if info["public"]:
            self._session_credit_refused(event, "session_credit_login")
        if not info["bookable"]:
            self._session_credit_refused(event, "session_credit_none")
        # No savepoint here: Odoo's confirmation mail scheduler commits in the
        # middle of the request (``event.mail``, outside tests), which would
        # drop it. The credits are booked before that mail is sent (see
        # ``_update_mail_schedulers``), so a refusal comes before any commit,
        # and the redirect it raises rolls the whole request back.
        try:
            return super().registration_confirm(event, **post)
        except NoUsableCredit:
            self._session_credit_refused(event, "session_credit_none")

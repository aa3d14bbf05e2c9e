# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import abort
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

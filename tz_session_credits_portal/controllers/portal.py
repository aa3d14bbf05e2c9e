# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""/my/session_credits: the signed-in client's credits.

Everything is read with the user's own rights (no sudo): for portal users the
record rules of this addon keep them to their own credits, so the page shows
exactly what XML-RPC returns. The explicit ``partner_id`` domain also keeps an
internal user who opens the page to their own contact's credits.
"""

from werkzeug.exceptions import NotFound

from odoo import _, fields
from odoo.exceptions import AccessError, MissingError
from odoo.http import request, route
from odoo.osv import expression

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PAGE_URL = "/my/session_credits"
UPCOMING_LIMIT = 20


class SessionCreditsPortal(CustomerPortal):
    _session_credits_per_page = 20

    # ------------------------------------------------------------------
    # Portal home
    # ------------------------------------------------------------------

    def _session_credits_domain(self, partner):
        return [("partner_id", "=", partner.id)]

    def _session_credits_usable_count(self, partner):
        Credit = request.env["tz.session.credit"]
        if not Credit.has_access("read"):
            return 0
        [(count,)] = Credit._read_group(
            [*self._session_credits_domain(partner), *Credit._usable_domain()],
            [],
            ["quantity_remaining:sum"],
        )
        return count or 0

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        partner = request.env.user.partner_id
        if "session_credit_count" in counters:
            values["session_credit_count"] = self._session_credits_usable_count(partner)
        if not counters:
            # the home page itself: the entry shows the usable credits, and
            # stays there for a client whose credits are all used
            Credit = request.env["tz.session.credit"]
            has_credits = Credit.has_access("read") and bool(
                Credit.search_count(self._session_credits_domain(partner), limit=1)
            )
            values["session_credits_home"] = has_credits and {
                "count": self._session_credits_usable_count(partner),
            }
        return values

    # ------------------------------------------------------------------
    # The page
    # ------------------------------------------------------------------

    def _session_credits_filters(self):
        return {
            "grants": {"label": _("Credits received"), "model": "tz.session.credit"},
            "uses": {"label": _("Sessions"), "model": "tz.session.credit.usage"},
        }

    def _session_credits_sortings(self):
        return {
            "newest": {
                "label": _("Newest"),
                "grants": "create_date desc, id desc",
                "uses": "date desc, id desc",
            },
            "oldest": {
                "label": _("Oldest"),
                "grants": "create_date, id",
                "uses": "date, id",
            },
            "type": {
                "label": _("Session type"),
                "grants": "event_type_id, create_date desc, id desc",
                "uses": "event_type_id, date desc, id desc",
            },
        }

    def _session_credits_upcoming(self, partner):
        Usage = request.env["tz.session.credit.usage"]
        today = request.env["tz.session.credit"]._today()
        now = fields.Datetime.now()
        domain = expression.AND(
            [
                self._session_credits_domain(partner),
                [("state", "in", Usage._LIVE_STATES)],
                expression.OR(
                    [
                        [("allday", "=", False), ("date", ">=", now)],
                        [("allday", "=", True), ("session_date", ">=", today)],
                    ]
                ),
            ]
        )
        return Usage.search(domain, order="date, id", limit=UPCOMING_LIMIT)

    def _session_credits_booking_url(self):
        """Where a client without an upcoming session books one: the
        website's events page when website_event is installed (this addon does
        not depend on it: its model is in the registry only then), else False
        and the page says to contact the studio."""
        if "website.event.menu" in request.env:
            return "/event"
        return False

    def _prepare_session_credits_values(self, page, sortby, filterby):
        partner = request.env.user.partner_id
        domain = self._session_credits_domain(partner)
        searchbar_filters = self._session_credits_filters()
        searchbar_sortings = self._session_credits_sortings()
        if filterby not in searchbar_filters:
            filterby = "grants"
        if sortby not in searchbar_sortings:
            sortby = "newest"
        History = request.env[searchbar_filters[filterby]["model"]]
        total = History.search_count(domain)
        pager = portal_pager(
            url=PAGE_URL,
            url_args={"sortby": sortby, "filterby": filterby},
            total=total,
            page=page,
            step=self._session_credits_per_page,
        )
        history = History.search(
            domain,
            order=searchbar_sortings[sortby][filterby],
            limit=self._session_credits_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "session_credits",
                "default_url": PAGE_URL,
                "balances": request.env["tz.session.credit.balance"].search(domain),
                "upcoming": self._session_credits_upcoming(partner),
                "waitlist": partner._session_waitlist_entries(),
                "buy_url": partner._session_credits_buy_url(),
                "booking_url": self._session_credits_booking_url(),
                "studio": request.env.company,
                "history": history,
                "history_kind": filterby,
                "pager": pager,
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
                "searchbar_filters": searchbar_filters,
                "filterby": filterby,
            }
        )
        return values

    @route(
        [PAGE_URL, f"{PAGE_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_session_credits(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_session_credits_values(page, sortby, filterby)
        return request.render(
            "tz_session_credits_portal.portal_my_session_credits", values
        )

    @route(
        f"{PAGE_URL}/waitlist/leave",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_session_waitlist_leave(self, key=None, **kw):
        """Leave a waitlist: only the signed-in client's own place (another
        client's, or none, is not found); nothing is charged."""
        partner = request.env.user.partner_id
        if not partner._session_waitlist_leave(key):
            raise NotFound()
        return request.redirect(f"{PAGE_URL}?waitlist_left=1")

    @route(f"{PAGE_URL}/<int:credit_id>", type="http", auth="user", website=True)
    def portal_my_session_credit(self, credit_id, **kw):
        """One grant and its sessions. Another client's credit, or one that
        does not exist, is not found (404): the page tells nothing of it."""
        credit = request.env["tz.session.credit"].browse(credit_id)
        try:
            credit.check_access("read")
            if not credit.exists() or credit.partner_id != request.env.user.partner_id:
                raise NotFound()
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "session_credit", "credit": credit})
        return request.render(
            "tz_session_credits_portal.portal_my_session_credit", values
        )

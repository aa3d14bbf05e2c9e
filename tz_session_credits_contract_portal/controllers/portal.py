# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""/my/session_credits lists the client's memberships with their next period.

Read with the user's own rights, as the rest of the page: the contract lines
of the signed-in client's own contact, when the user may read contract lines
at all (portal users may, through OCA's contract; internal users without
Invoicing may not, and see no memberships)."""

from odoo.http import request

from odoo.addons.tz_session_credits_portal.controllers.portal import (
    SessionCreditsPortal,
)


class SessionCreditsMembershipsPortal(SessionCreditsPortal):
    def _session_credits_memberships(self, partner):
        """The client's running memberships: not canceled, and with a period
        still to come or not ended yet, the next period first."""
        Line = request.env["contract.line"]
        if not Line.has_access("read"):
            return Line
        today = request.env["tz.session.credit"]._today()
        lines = Line.search(
            [
                ("partner_id", "=", partner.id),
                ("display_type", "=", False),
                ("is_canceled", "=", False),
            ],
            order="date_start, id",
        )
        return lines.filtered(
            lambda line: line.session_credit_event_type_id
            and (
                line.next_period_date_start
                or (line.date_end and line.date_end >= today)
            )
        ).sorted(lambda line: (line.next_period_date_start or line.date_end, line.id))

    def _prepare_session_credits_values(self, page, sortby, filterby):
        values = super()._prepare_session_credits_values(page, sortby, filterby)
        values["memberships"] = self._session_credits_memberships(
            request.env.user.partner_id
        )
        return values

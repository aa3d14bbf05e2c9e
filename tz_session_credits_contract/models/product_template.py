# Copyright 2026 TZ Session Credits
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """A *membership*: a service product that is both a session pack (a
    session type, credits per unit) and a contract product (``is_contract``,
    with its recurrence). Each invoiced period grants its credits; selling it
    grants nothing by itself (the contract's first invoice does)."""

    _inherit = "product.template"

    session_credit_rollover_max = fields.Integer(
        string="Rollover Cap",
        default=0,
        help="For a membership: at each new period, up to this many unused "
        "credits of the previous period carry into the new one (their expiry "
        "moves to the new period's end). 0: nothing carries.",
    )

    def _session_credit_is_membership(self):
        self.ensure_one()
        return bool(self.is_contract and self.session_credit_event_type_id)

    def _session_credit_grants_on_confirm(self):
        """A membership grants period by period, when the contract's invoices
        are posted: never on the sale order's confirmation."""
        return super()._session_credit_grants_on_confirm() and not self.is_contract

    @api.depends(
        "is_contract",
        "recurring_rule_type",
        "recurring_interval",
        "session_credit_rollover_max",
    )
    def _compute_session_credit_summary(self):
        res = super()._compute_session_credit_summary()
        units = {
            "daily": lambda n: _("day") if n == 1 else _("%s days", n),
            "weekly": lambda n: _("week") if n == 1 else _("%s weeks", n),
            "monthly": lambda n: _("month") if n == 1 else _("%s months", n),
            "monthlylastday": lambda n: _("month") if n == 1 else _("%s months", n),
            "quarterly": lambda n: _("quarter") if n == 1 else _("%s quarters", n),
            "semesterly": lambda n: _("semester") if n == 1 else _("%s semesters", n),
            "yearly": lambda n: _("year") if n == 1 else _("%s years", n),
        }
        for template in self.filtered(lambda t: t._session_credit_is_membership()):
            qty = template.session_credit_quantity
            credits = (
                _("1 session credit") if qty == 1 else _("%s session credits", qty)
            )
            unit = units.get(template.recurring_rule_type, units["monthly"])
            summary = _(
                "%(credits)s every %(period)s",
                credits=credits,
                period=unit(template.recurring_interval or 1),
            )
            if template.session_credit_rollover_max:
                summary = _(
                    "%(summary)s, up to %(max)s roll over",
                    summary=summary,
                    max=template.session_credit_rollover_max,
                )
            template.session_credit_summary = summary
        return res

    @api.constrains(
        "session_credit_rollover_max",
        "session_credit_event_type_id",
        "is_contract",
        "recurring_invoicing_type",
    )
    def _check_session_credit_membership(self):
        for template in self:
            if template.session_credit_rollover_max < 0:
                raise ValidationError(
                    _(
                        "The rollover cap of “%(product)s” cannot be below 0 "
                        "(got %(max)s): 0 carries nothing over.",
                        product=template.display_name,
                        max=template.session_credit_rollover_max,
                    )
                )
            if (
                template.session_credit_rollover_max
                and not template._session_credit_is_membership()
            ):
                raise ValidationError(
                    _(
                        "“%s” has a rollover cap, which only a membership uses: "
                        "a service that is a contract product with a session "
                        "type. Choose its session type, or set the cap to 0.",
                        template.display_name,
                    )
                )
            if (
                template._session_credit_is_membership()
                and template.recurring_invoicing_type != "pre-paid"
            ):
                raise ValidationError(
                    _(
                        "The membership “%s” must be invoiced pre-paid: the "
                        "credits of a period are granted when its invoice is "
                        "posted, to be used during that period.",
                        template.display_name,
                    )
                )

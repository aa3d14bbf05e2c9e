# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

SESSION_PACKS_CATEGORY = "tz_session_credits_pos.pos_category_session_packs"


class ProductTemplate(models.Model):
    """A session pack is sold at the front desk without more set-up: when a
    product gets a session type it becomes *Available in POS* and, when it
    has no POS category yet, it goes into the "Session Packs" category (the
    one a register limited to some categories lists to show the packs).

    Both are defaults, like the sales addon's ``service_tracking``: a value
    given at creation, or changed afterwards, is kept."""

    _inherit = "product.template"

    # no default (point_of_sale's is False): the compute gives the value of
    # a new product, from the template or from a variant, unless it is given
    available_in_pos = fields.Boolean(
        compute="_compute_available_in_pos", store=True, readonly=False, default=None
    )
    pos_categ_ids = fields.Many2many(
        compute="_compute_pos_categ_ids", store=True, readonly=False
    )

    @api.depends("session_credit_event_type_id")
    def _compute_available_in_pos(self):
        for template in self:
            template.available_in_pos = template.available_in_pos or bool(
                template.session_credit_event_type_id and template.sale_ok
            )

    @api.depends("session_credit_event_type_id")
    def _compute_pos_categ_ids(self):
        category = self.env.ref(SESSION_PACKS_CATEGORY, raise_if_not_found=False)
        if not category:
            return
        for template in self:
            if template.session_credit_event_type_id and not template.pos_categ_ids:
                template.pos_categ_ids = category

    def _session_pack_pos_defaults(self):
        """Give packs that exist already (made before this addon was
        installed) the defaults a new pack gets."""
        packs = self.filtered("session_credit_event_type_id")
        packs.filtered(lambda t: t.sale_ok and not t.available_in_pos).write(
            {"available_in_pos": True}
        )
        category = self.env.ref(SESSION_PACKS_CATEGORY, raise_if_not_found=False)
        if category:
            packs.filtered(lambda t: not t.pos_categ_ids).write(
                {"pos_categ_ids": [fields.Command.link(category.id)]}
            )

# Copyright 2026 TZ Session Credits
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """The front desk sells the packs from the day the addon is installed:
    packs made before (with Sales, before the Point of Sale came) become
    available in the POS in the "Session Packs" category, and every register
    that shows only some categories, in every company, shows that one too."""
    env["product.template"].with_context(active_test=False).search(
        [("session_credit_event_type_id", "!=", False)]
    )._session_pack_pos_defaults()
    env["pos.config"].with_context(active_test=False).search(
        [("limit_categories", "=", True)]
    )._show_session_packs()

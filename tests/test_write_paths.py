"""The grant writes its rows and notes with SQL built from the ORM's own
values: for the same input, they are the rows and notes the ORM writes."""

from odoo import models
from odoo.tests import tagged

from .common import SessionCreditsCase

COMPARED_CREDIT_FIELDS = [
    "partner_id",
    "event_type_id",
    "quantity",
    "quantity_used",
    "quantity_revoked",
    "quantity_remaining",
    "expiry_date",
    "source",
    "note",
    "company_id",
    "expiry_reminder_sent",
    "create_uid",
    "write_uid",
]
COMPARED_MESSAGE_FIELDS = [
    "model",
    "body",
    "message_type",
    "subtype_id",
    "author_id",
    "email_from",
    "reply_to",
    "is_internal",
    "email_add_signature",
    "subject",
    "record_name",
    "parent_id",
]


@tagged("post_install", "-at_install")
class TestWritePaths(SessionCreditsCase):
    def _values(self, records, fnames):
        records.invalidate_recordset()
        return [
            {
                fname: (
                    records[i][fname].id
                    if isinstance(records[i][fname], models.BaseModel)
                    else records[i][fname]
                )
                for fname in fnames
            }
            for i in range(len(records))
        ]

    def test_grant_rows_are_the_orms(self):
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        vals = {
            "event_type_id": self.type_pt.id,
            "quantity": 4,
            "expiry_date": "2099-03-31",
            "note": "Welcome <pack>",
        }
        ours = Credit.create([dict(vals, partner_id=p.id) for p in self.clients[:2]])
        orm = models.Model.create(
            Credit, [dict(vals, partner_id=p.id) for p in self.clients[2:4]]
        )
        mine = self._values(ours, COMPARED_CREDIT_FIELDS)
        theirs = self._values(orm, COMPARED_CREDIT_FIELDS)
        for row in mine + theirs:
            row.pop("partner_id")
        self.assertEqual(mine, theirs)
        self.assertEqual(ours.partner_id, self.clients[:2])
        self.assertEqual(ours.mapped("state"), orm.mapped("state"))

    def test_grant_cache_is_the_database(self):
        """What the grant puts in the ORM's cache (the new rows, the clients'
        lists of credits, their balances) is what the database then says."""
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        clients = self.clients[:3].with_user(self.user_adder)
        self.grant(clients[0], 1)
        # cached before the grant: the lists, the balances
        before = {
            c: (c.session_credit_ids, c.session_credits_available) for c in clients
        }
        credits = Credit.create(
            [
                {
                    "partner_id": client.id,
                    "event_type_id": self.type_pt.id,
                    "quantity": 4,
                    "expiry_date": "2099-03-31",
                }
                for client in clients
            ]
        )
        fnames = [*COMPARED_CREDIT_FIELDS, "create_date", "write_date"]
        cached = [
            {
                f: credit[f].id
                if isinstance(credit[f], models.BaseModel)
                else credit[f]
                for f in fnames
            }
            for credit in credits
        ]
        after = {
            c: (c.session_credit_ids, c.session_credits_available) for c in clients
        }
        self.env.invalidate_all()
        self.assertEqual(cached, self._values(credits, fnames))
        for client in clients:
            self.assertEqual(
                after[client],
                (client.session_credit_ids, client.session_credits_available),
            )
            self.assertEqual(
                after[client][0],
                before[client][0] | (credits & client.session_credit_ids),
            )
            self.assertEqual(after[client][1], before[client][1] + 4)

    def test_grant_notes_are_message_log_batch_notes(self):
        Credit = self.env["tz.session.credit"].with_user(self.user_adder)
        credits = Credit.create(
            [
                {"partner_id": p.id, "event_type_id": self.type_hiit.id, "quantity": 2}
                for p in self.clients[:2]
            ]
        )
        ours = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", self.clients[:2].ids),
                ("body", "ilike", "added by"),
            ],
            order="res_id",
        )
        self.assertEqual(len(ours), 2)
        # the same bodies, logged the ORM's way by the same user
        partners = self.clients[2:4].with_user(self.user_adder)
        bodies = {
            p.id: credits[0].with_user(self.user_adder)._grant_note_body()
            for p in partners
        }
        theirs = partners._message_log_batch(bodies=bodies).sorted("res_id")
        self.assertEqual(
            self._values(ours, COMPARED_MESSAGE_FIELDS),
            self._values(theirs, COMPARED_MESSAGE_FIELDS),
        )
        self.assertIn("2 × Group HIIT added by Jane Smith", str(ours[0].body))

    def test_refused_grant_leaves_nothing_even_when_caught(self):
        other = self.env["res.company"].create({"name": "Other Gym"})
        foreign = self.env["res.partner"].create(
            {"name": "Foreign", "company_id": other.id}
        )
        before = self.env["tz.session.credit"].sudo().search_count([])
        with self.assertRaisesRegex(Exception, "Incompatible companies"):
            self.env["tz.session.credit"].with_user(self.user_adder).create(
                [
                    {"partner_id": self.client.id, "event_type_id": self.type_pt.id},
                    {"partner_id": foreign.id, "event_type_id": self.type_pt.id},
                ]
            )
        self.assertEqual(self.env["tz.session.credit"].sudo().search_count([]), before)

-- The progress command reads every entry of a person (thousands over a
-- career), only the columns a track evaluation needs. With those columns in
-- the person's index, SQLite answers from the index alone instead of
-- visiting each row for them (5,000 entries: about 3.4 ms -> 2.1 ms). The
-- index still leads with person and date, so it serves the ledger's lists
-- (newest first) as the one it replaces did.
DROP INDEX credit_entries_person;
CREATE INDEX credit_entries_person ON credit_entries (
    person_id, date, id, kind, category, half_credits, status, plan_goal_id, title
);

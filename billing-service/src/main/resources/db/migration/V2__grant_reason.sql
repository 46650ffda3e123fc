-- Why credits were granted (operator grants carry a reason; the opening grant has none).
ALTER TABLE ledger_entries ADD COLUMN reason VARCHAR(500);

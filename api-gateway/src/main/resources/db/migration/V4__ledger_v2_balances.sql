-- The balances read model is fed by the double-entry ledger (kiln.billing.ledger.v2, CloudEvents):
-- besides quota (= period used + available), used (this period), held (pending) and available, it
-- keeps the credits posted to the account and the current plan period.
ALTER TABLE account_balances ADD COLUMN posted BIGINT;
ALTER TABLE account_balances ADD COLUMN period_start TIMESTAMPTZ;
ALTER TABLE account_balances ADD COLUMN period_end TIMESTAMPTZ;

-- Rows written from v1 ledger entries: posted is what was granted and not captured.
UPDATE account_balances SET posted = available + held;
ALTER TABLE account_balances ALTER COLUMN posted SET NOT NULL;

-- v2 numbers each account's transfers anew (from 1); a row from v1 must not hide them, so its
-- sequence no longer counts. It stays visible until the account's first v2 event replaces it.
UPDATE account_balances SET sequence = 0;

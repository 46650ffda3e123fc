-- Double-entry credit ledger (replaces credit_accounts / holds / ledger_entries of V1).
-- Ledger accounts keep TigerBeetle's four balances; transfers are immutable; a hold is one or two
-- pending transfers resolved at most once (posted, voided or expired).

ALTER TABLE holds RENAME TO holds_v1;

CREATE TABLE ledger_accounts (
    id              VARCHAR(120) PRIMARY KEY,
    kind            VARCHAR(20)  NOT NULL CHECK (kind IN ('CUSTOMER_PLAN', 'CUSTOMER_TOPUP', 'REVENUE', 'PLAN_GRANTS',
                                                         'TOPUPS', 'EXPIRED')),
    customer_id     VARCHAR(100),
    debits_pending  BIGINT NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
    debits_posted   BIGINT NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
    credits_pending BIGINT NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
    credits_posted  BIGINT NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
    -- customer accounts can never be overdrawn (TigerBeetle's debits_must_not_exceed_credits)
    CONSTRAINT ledger_accounts_no_overdraft CHECK (
        kind NOT IN ('CUSTOMER_PLAN', 'CUSTOMER_TOPUP') OR debits_pending + debits_posted <= credits_posted)
);

INSERT INTO ledger_accounts (id, kind) VALUES
    ('platform:revenue', 'REVENUE'),
    ('platform:plan-grants', 'PLAN_GRANTS'),
    ('platform:topups', 'TOPUPS'),
    ('platform:expired', 'EXPIRED');

-- One row per Kiln account: plan, current plan period, per-account event sequence.
CREATE TABLE customers (
    account_id      VARCHAR(100) PRIMARY KEY,
    plan            VARCHAR(50),
    monthly_credits BIGINT       NOT NULL CHECK (monthly_credits >= 0),
    period_start    TIMESTAMPTZ  NOT NULL,
    period_end      TIMESTAMPTZ  NOT NULL,
    period_captured BIGINT       NOT NULL DEFAULT 0,
    sequence        BIGINT       NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX customers_period_end ON customers (period_end);

CREATE TABLE transfers (
    id             UUID         PRIMARY KEY,
    type           VARCHAR(60)  NOT NULL,
    debit_account  VARCHAR(120) NOT NULL REFERENCES ledger_accounts (id),
    credit_account VARCHAR(120) NOT NULL REFERENCES ledger_accounts (id),
    amount         BIGINT       NOT NULL CHECK (amount >= 0),
    pending_id     UUID         REFERENCES transfers (id),
    held_amount    BIGINT,
    customer_id    VARCHAR(100) NOT NULL,
    job_id         VARCHAR(100),
    model          VARCHAR(100),
    reason         VARCHAR(500),
    sequence       BIGINT       NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT transfers_distinct_accounts CHECK (debit_account <> credit_account),
    CONSTRAINT transfers_customer_sequence UNIQUE (customer_id, sequence),
    -- a pending transfer is resolved at most once
    CONSTRAINT transfers_resolved_once UNIQUE (pending_id)
);
CREATE INDEX transfers_job ON transfers (job_id) WHERE job_id IS NOT NULL;

CREATE TABLE holds (
    job_id         VARCHAR(100) PRIMARY KEY,
    customer_id    VARCHAR(100) NOT NULL REFERENCES customers (account_id),
    plan_amount    BIGINT       NOT NULL CHECK (plan_amount >= 0),
    topup_amount   BIGINT       NOT NULL CHECK (topup_amount >= 0),
    plan_transfer  UUID REFERENCES transfers (id),
    topup_transfer UUID REFERENCES transfers (id),
    price_credits  BIGINT       NOT NULL,
    price_model    VARCHAR(100),
    price_options  TEXT         NOT NULL DEFAULT '{}',
    price_units    INT          NOT NULL DEFAULT 1,
    state          VARCHAR(10)  NOT NULL CHECK (state IN ('PENDING', 'POSTED', 'VOIDED', 'EXPIRED')),
    captured       BIGINT       NOT NULL DEFAULT 0 CHECK (captured >= 0),
    created_at     TIMESTAMPTZ  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    resolved_at    TIMESTAMPTZ,
    CONSTRAINT holds_captured_within_price CHECK (captured <= plan_amount + topup_amount)
);
CREATE INDEX holds_pending_expiry ON holds (expires_at) WHERE state = 'PENDING';

-- Carry over V1 balances: what an account had left becomes its plan credits, for one month from now.
INSERT INTO customers (account_id, plan, monthly_credits, period_start, period_end, sequence)
SELECT account_id, plan, 0, now(), now() + INTERVAL '1 month', 1 FROM credit_accounts;
INSERT INTO ledger_accounts (id, kind, customer_id)
SELECT account_id || ':plan', 'CUSTOMER_PLAN', account_id FROM credit_accounts
UNION ALL
SELECT account_id || ':topup', 'CUSTOMER_TOPUP', account_id FROM credit_accounts;
INSERT INTO transfers (id, type, debit_account, credit_account, amount, customer_id, reason, sequence, created_at)
SELECT md5(account_id || ':migrated-v1')::uuid, 'kiln.billing.credits.granted', 'platform:plan-grants',
       account_id || ':plan', quota - used, account_id, 'migrated_v1', 1, now()
FROM credit_accounts WHERE quota - used > 0;
UPDATE ledger_accounts la SET credits_posted = ca.quota - ca.used
FROM credit_accounts ca WHERE la.id = ca.account_id || ':plan';
UPDATE ledger_accounts SET debits_posted = (SELECT COALESCE(SUM(quota - used), 0) FROM credit_accounts)
WHERE id = 'platform:plan-grants';
-- Holds still open in V1 are released by the migration: their jobs' ends find no hold and capture nothing.

DROP TABLE ledger_entries;
DROP TABLE holds_v1;
DROP TABLE credit_accounts;

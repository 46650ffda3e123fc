-- One credit account per Kiln account. available = quota - used - held, never negative.
CREATE TABLE credit_accounts (
    account_id VARCHAR(100) PRIMARY KEY,
    plan       VARCHAR(50),
    quota      BIGINT      NOT NULL CHECK (quota >= 0),
    used       BIGINT      NOT NULL DEFAULT 0 CHECK (used >= 0),
    held       BIGINT      NOT NULL DEFAULT 0 CHECK (held >= 0),
    sequence   BIGINT      NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT credit_accounts_available_not_negative CHECK (quota - used - held >= 0)
);

-- The credits held for one job until it finishes; resolved (captured or released) at most once.
CREATE TABLE holds (
    job_id      VARCHAR(100) PRIMARY KEY,
    account_id  VARCHAR(100) NOT NULL REFERENCES credit_accounts (account_id),
    amount      BIGINT       NOT NULL CHECK (amount >= 0),
    model       VARCHAR(100),
    state       VARCHAR(10)  NOT NULL CHECK (state IN ('HELD', 'CAPTURED', 'RELEASED')),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    resolved_at TIMESTAMPTZ
);
CREATE INDEX holds_account ON holds (account_id);

-- Immutable record of every credit movement; ids are deterministic (job id + phase).
CREATE TABLE ledger_entries (
    entry_id        UUID         PRIMARY KEY,
    account_id      VARCHAR(100) NOT NULL REFERENCES credit_accounts (account_id),
    job_id          VARCHAR(100),
    kind            VARCHAR(10)  NOT NULL CHECK (kind IN ('GRANT', 'HOLD', 'CAPTURE', 'RELEASE')),
    amount          BIGINT       NOT NULL CHECK (amount >= 0),
    quota_after     BIGINT       NOT NULL,
    used_after      BIGINT       NOT NULL,
    held_after      BIGINT       NOT NULL,
    available_after BIGINT       NOT NULL,
    sequence        BIGINT       NOT NULL,
    model           VARCHAR(100),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT ledger_entries_account_sequence UNIQUE (account_id, sequence)
);

-- The one answer billing gave to each job request (reserved or rejected), so a redelivered
-- request never gets a second, different answer.
CREATE TABLE reservation_decisions (
    job_id     VARCHAR(100) PRIMARY KEY,
    account_id VARCHAR(100) NOT NULL,
    outcome    VARCHAR(10)  NOT NULL CHECK (outcome IN ('RESERVED', 'REJECTED')),
    reason     VARCHAR(50),
    required   BIGINT       NOT NULL,
    available  BIGINT       NOT NULL,
    decided_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

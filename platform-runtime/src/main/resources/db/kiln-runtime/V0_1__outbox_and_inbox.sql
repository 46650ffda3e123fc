-- Transactional outbox: events written in the same transaction as the state change they report,
-- published to Kafka after commit (and by a sweeper after a crash), in seq order.
CREATE TABLE kiln_outbox (
    seq          BIGSERIAL PRIMARY KEY,
    event_id     UUID         NOT NULL UNIQUE,
    topic        VARCHAR(249) NOT NULL,
    message_key  VARCHAR(255),
    event_type   VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX kiln_outbox_unpublished ON kiln_outbox (seq) WHERE published_at IS NULL;

-- Idempotent consumers: one row per (consumer, event) processed, written in the consumer's transaction.
CREATE TABLE kiln_inbox (
    consumer     VARCHAR(100) NOT NULL,
    event_id     UUID         NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Content type of payloads that are not Kiln's event JSON (e.g. CloudEvents), sent as a Kafka header.
ALTER TABLE kiln_outbox ADD COLUMN content_type VARCHAR(100);

package dev.kiln.billing.domain;

import dev.kiln.contracts.events.LedgerEntryRecorded;

/** Kinds of ledger entry, with their deterministic entry ids. */
public enum EntryKind {
    GRANT(LedgerEntryRecorded.Kind.GRANT),
    HOLD(LedgerEntryRecorded.Kind.HOLD),
    CAPTURE(LedgerEntryRecorded.Kind.CAPTURE),
    RELEASE(LedgerEntryRecorded.Kind.RELEASE);

    private final LedgerEntryRecorded.Kind wire;

    EntryKind(LedgerEntryRecorded.Kind wire) {
        this.wire = wire;
    }

    public LedgerEntryRecorded.Kind wire() {
        return wire;
    }
}

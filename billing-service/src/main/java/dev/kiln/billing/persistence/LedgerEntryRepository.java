package dev.kiln.billing.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LedgerEntryRepository implements PanacheRepositoryBase<LedgerEntryEntity, UUID> {

    /** An account's entries in sequence order, starting after {@code afterSequence}. */
    public List<LedgerEntryEntity> page(String accountId, long afterSequence, int limit) {
        return find("accountId = ?1 and sequence > ?2", Sort.ascending("sequence"), accountId, afterSequence)
                .page(0, limit).list();
    }
}

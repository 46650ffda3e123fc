package dev.kiln.billing.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;

@ApplicationScoped
public class CreditAccountRepository implements PanacheRepositoryBase<CreditAccountEntity, String> {

    /** {@code SELECT … FOR UPDATE}: the account stays locked until the transaction ends. */
    public Optional<CreditAccountEntity> lock(String accountId) {
        return findByIdOptional(accountId, LockModeType.PESSIMISTIC_WRITE);
    }
}

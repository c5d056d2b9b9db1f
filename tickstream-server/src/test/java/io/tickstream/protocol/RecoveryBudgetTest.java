package io.tickstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The history resuming clients may read, per connection and per account. */
class RecoveryBudgetTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RecoveryBudget budget = new RecoveryBudget(new RecoveryLimits(1_000, 100, 1_500, 500), nanos::get);

    @Test
    void shouldLetAResumeStartWhileTheBudgetIsNotSpentAndTellHowLongUntilItRefillsOnceItIs() {
        RecoveryBudget.Allowance connection = budget.allowance("alice");
        connection.charge(900);
        assertThat(connection.retryAfterMs()).as("100 messages left").isZero();

        connection.charge(300);
        assertThat(connection.retryAfterMs()).as("200 overdrawn at 100/s, plus one").isEqualTo(2_010);

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_010));
        assertThat(connection.retryAfterMs()).isZero();
    }

    @Test
    void shouldShareTheAccountsBudgetAmongItsConnectionsButNotWithOtherAccounts() {
        budget.allowance("alice").charge(800);
        RecoveryBudget.Allowance second = budget.allowance("alice");
        second.charge(800);

        assertThat(second.retryAfterMs()).as("the account overdrawn by 100 at 500/s").isEqualTo(202);
        assertThat(budget.allowance("alice").retryAfterMs()).as("a new connection of the account too").isEqualTo(202);
        assertThat(budget.allowance("bob").retryAfterMs()).isZero();
    }
}

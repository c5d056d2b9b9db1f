package io.tickstream.bench.abuse;

import java.net.InetSocketAddress;

/**
 * An attack run by a few attacker threads of its own, each doing {@link #attack} until the phase
 * ends; start and stop are the same for all such attacks.
 */
abstract class ThreadedAttack implements Attack {

    final AttackerTally tally;
    private final String threadName;
    private final int threadCount;
    private AttackThreads threads;

    ThreadedAttack(String threadName, int threadCount, String unit) {
        this.threadName = threadName;
        this.threadCount = threadCount;
        this.tally = new AttackerTally(unit);
    }

    /** One attacker thread's work, until {@code attack} stops running. */
    abstract void attack(AttackThreads attack, InetSocketAddress gateway);

    @Override
    public final void start(InetSocketAddress gateway) {
        threads = AttackThreads.start(threadName, threadCount, attack -> attack(attack, gateway));
    }

    @Override
    public final void stop() throws InterruptedException {
        threads.stop();
    }

    @Override
    public final AttackerTally tally() {
        return tally;
    }
}

package io.tickstream.bench.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/** CPU time and allocation of this JVM's live threads whose names start with a prefix. Thread-safe. */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    public static long nanos(String... prefixes) {
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && matches(info.getThreadName(), prefixes)) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    /** Bytes allocated on the heap so far by those threads (HotSpot's per-thread allocation counter). */
    public static long allocatedBytes(String... prefixes) {
        if (!(THREADS instanceof com.sun.management.ThreadMXBean hotspot)) {
            return -1;
        }
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && matches(info.getThreadName(), prefixes)) {
                total += Math.max(0, hotspot.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return total;
    }

    private static boolean matches(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

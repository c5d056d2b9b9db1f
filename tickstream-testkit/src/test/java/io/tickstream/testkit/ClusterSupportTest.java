package io.tickstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ClusterSupportTest {

    private static final RedisBinary REDIS_6 = new RedisBinary(Path.of("/opt/redis-server"), "a test",
            "Redis server v=6.2.14 sha=00000000:0 malloc=libc bits=64 build=1");
    private static final RedisBinary REDIS_7 = new RedisBinary(Path.of("/usr/bin/redis-server"), "a test",
            "Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=1");

    private final List<String> shouted = new ArrayList<>();

    @Test
    void shouldLetTestsRunQuietlyWhenRedisIsSevenOrLater() {
        assertThatCode(() -> ClusterSupport.require(REDIS_7, true, shouted::add)).doesNotThrowAnyException();
        assertThatCode(() -> ClusterSupport.require(REDIS_7, false, shouted::add)).doesNotThrowAnyException();
        assertThat(shouted).isEmpty();
    }

    @Test
    void shouldSkipLoudlyWhenRedisIsOlderThanSevenOutsideCi() {
        assertThatThrownBy(() -> ClusterSupport.require(REDIS_6, false, shouted::add))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("6.2.14 < 7");
        assertThat(shouted).containsExactly("tickstream-testkit: SKIPPING Redis Cluster tests: redis-server 6.2.14 < 7"
                + " has no sharded Pub/Sub (/opt/redis-server from a test); install Redis 7, e.g. apt-get install redis-server");
    }

    @Test
    void shouldFailLoudlyWhenRedisIsOlderThanSevenUnderCi() {
        assertThatThrownBy(() -> ClusterSupport.require(REDIS_6, true, shouted::add))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("CI=true and redis-server 6.2.14 < 7 has no sharded Pub/Sub");
        assertThat(shouted).singleElement().asString().startsWith("tickstream-testkit: FAILING Redis Cluster tests (CI=true)");
    }

    @Test
    void shouldReadTheMajorVersionOfTheBinaryShippedInTheJar() throws IOException {
        RedisBinary shipped = RedisBinary.embedded();

        assertThat(shipped.majorVersion()).isEqualTo(6);
        assertThat(shipped.release()).startsWith("6.2.");
    }
}

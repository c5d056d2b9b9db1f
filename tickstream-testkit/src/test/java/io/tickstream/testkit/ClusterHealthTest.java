package io.tickstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterHealthTest {

    private static final String OK = "cluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_known_nodes:3\r\n";
    private static final String A = "a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460\n";
    private static final String B = "b2 127.0.0.1:7001@17001 master - 0 1700000000000 2 connected 5461-10922\n";
    private static final String C = "c3 127.0.0.1:7002@17002 master - 0 1700000000000 3 connected 10923-16383\n";

    @Test
    void shouldFindNothingWrongWhenThreeConnectedMastersServeAllSlots() {
        assertThat(ClusterHealth.problem(OK, A + B + C)).isEmpty();
    }

    @Test
    void shouldReportTheStateWhenItIsNotOk() {
        assertThat(ClusterHealth.problem(OK.replace("ok", "fail"), A + B + C)).contains("not cluster_state:ok");
    }

    @Test
    void shouldReportAMasterThatIsFailingOrSuspectedOrDisconnected() {
        assertThat(ClusterHealth.problem(OK, A + B.replace("master", "master,fail") + C)).get().asString().contains("b2");
        assertThat(ClusterHealth.problem(OK, A + B + C.replace("master", "master,fail?"))).get().asString().contains("c3");
        assertThat(ClusterHealth.problem(OK, A + B.replace("connected", "disconnected") + C)).get().asString().contains("b2");
    }

    @Test
    void shouldReportAClusterThatHasNotMetEveryMasterYet() {
        assertThat(ClusterHealth.problem(OK, A + B)).contains("knows 2 nodes, not 3");
    }
}

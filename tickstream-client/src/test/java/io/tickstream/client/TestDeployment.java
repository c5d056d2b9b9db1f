package io.tickstream.client;

import io.tickstream.instrument.Instrument;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Several real gateways on loopback ports, the nodes of one deployment on one {@link SharedBus}: each
 * serves the same streams with the same history, so a client may resume on any of them. A node can
 * be stopped for good. Used from the test thread, but for publishing, which any one thread may do.
 */
final class TestDeployment implements AutoCloseable {

    private final SharedBus bus = new SharedBus(TestGateway.CATALOG);
    private final List<TestGateway> nodes = new ArrayList<>();

    static TestDeployment start(int nodeCount) throws InterruptedException {
        TestDeployment deployment = new TestDeployment();
        for (int i = 0; i < nodeCount; i++) {
            deployment.nodes.add(TestGateway.startOn(deployment.bus));
        }
        return deployment;
    }

    TestGateway node(int index) {
        return nodes.get(index);
    }

    /** The node serving {@code uri}. */
    TestGateway node(URI uri) {
        return nodes.stream().filter(node -> node.uri().equals(uri)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node at " + uri));
    }

    List<URI> uris() {
        return nodes.stream().map(TestGateway::uri).toList();
    }

    /** A client builder with every node's URI, in node order, and the test timings of {@link TestGateway#client()}. */
    ClientBuilder client() {
        return nodes.get(0).client().uris(uris());
    }

    void trade(Instrument instrument, String tradeJson) {
        bus.publisher().publishTrade(instrument.id(), tradeJson);
    }

    void accountEvent(String eventJson) {
        bus.publisher().publishAccountEvent(TestGateway.ACCOUNT, eventJson);
    }

    @Override
    public void close() {
        nodes.forEach(TestGateway::close);
        bus.close();
    }
}

package io.tickstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.client.message.MessageParser;
import io.tickstream.client.message.Sequenced;
import io.tickstream.client.message.State;
import io.tickstream.client.message.StateDelta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateBasesTest {

    private final List<String> resubscribed = new ArrayList<>();
    private final StateBases bases = new StateBases(resubscribed::add);

    private static State full(long seq, String lastPrice) throws Exception {
        return (State) MessageParser.parse("{\"type\":\"state\",\"symbol\":\"EURUSD\",\"data\":{\"Aggregate\":"
                + "{\"last_price\":" + lastPrice + ",\"high_price\":2}},\"seq\":" + seq + ",\"time\":7}");
    }

    private static StateDelta lastPrice(long seq, String price) {
        return new StateDelta("EURUSD", "{\"Aggregate\":{\"last_price\":" + price + "}}", 8, seq);
    }

    @Test
    void shouldApplyEachDeltaToTheStateTheOneBeforeItMadeWhenDeltasFollowAFullState() throws Exception {
        bases.base(full(3, "1.1"));

        State fourth = bases.apply(lastPrice(4, "1.2"));
        State fifth = bases.apply(new StateDelta("EURUSD", "{\"Aggregate\":{\"high_price\":3}}", 9, 5));

        assertThat(fourth.data()).isEqualTo("{\"Aggregate\":{\"last_price\":1.2,\"high_price\":2}}");
        assertThat(fifth.data()).isEqualTo("{\"Aggregate\":{\"last_price\":1.2,\"high_price\":3}}");
        assertThat(fifth.seq()).isEqualTo(5);
        assertThat(resubscribed).isEmpty();
    }

    @Test
    void shouldDropADeltaWhenItsSeqIsNotAboveTheBases() throws Exception {
        bases.base(full(3, "1.1"));
        bases.apply(lastPrice(4, "1.2"));

        assertThat(bases.apply(lastPrice(4, "1.2"))).isNull();
        assertThat(bases.apply(lastPrice(2, "1.0"))).isNull();
        assertThat(bases.apply(lastPrice(5, "1.3")).lastPrice()).isEqualByComparingTo("1.3");
    }

    @Test
    void shouldApplyADeltaWithoutSeqWhateverTheBasesSeq() throws Exception {
        bases.base(full(3, "1.1"));

        State next = bases.apply(lastPrice(Sequenced.NO_SEQ, "1.4"));

        assertThat(next.lastPrice()).isEqualByComparingTo("1.4");
        assertThat(next.seq()).isEqualTo(Sequenced.NO_SEQ);
    }

    @Test
    void shouldTakeEveryFullStateAsTheNewBaseWhateverItsSeq() throws Exception {
        bases.base(full(9, "1.1"));
        bases.base(full(2, "1.5"));

        assertThat(bases.apply(lastPrice(3, "1.6")).data()).isEqualTo("{\"Aggregate\":{\"last_price\":1.6,\"high_price\":2}}");
    }

    @Test
    void shouldDropTheDeltaAndSubscribeAgainWhenThereIsNoBase() throws Exception {
        assertThat(bases.apply(lastPrice(4, "1.2"))).isNull();

        bases.base(full(3, "1.1"));
        bases.forget("EURUSD");
        assertThat(bases.apply(lastPrice(5, "1.2"))).isNull();

        bases.base(full(6, "1.1"));
        bases.forgetAll();
        assertThat(bases.apply(lastPrice(7, "1.2"))).isNull();

        assertThat(resubscribed).containsExactly("EURUSD", "EURUSD", "EURUSD");
        assertThat(bases.resyncs()).isEqualTo(3);
    }
}

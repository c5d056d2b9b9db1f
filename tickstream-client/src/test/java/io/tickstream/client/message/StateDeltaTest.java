package io.tickstream.client.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateDeltaTest {

    private static final String BASE = "{\"type\":\"state\",\"symbol\":\"DEEP5\",\"data\":{"
            + "\"BestLimit\":{\"1\":{\"buy_quantity\":3,\"buy_price\":1.0850},\"2\":{\"buy_quantity\":0,\"buy_price\":0}},"
            + "\"Aggregate\":{\"date\":\"1405/03/02\",\"time\":\"12:00\",\"last_price\":1.0851},"
            + "\"ContractInfo\":{\"open_interest\":0}},\"seq\":4,\"time\":100}";

    private static State base() throws MalformedMessageException {
        return (State) MessageParser.parse(BASE);
    }

    @Test
    void shouldReadADeltaWhenAStateMessageCarriesDeltaInsteadOfData() throws Exception {
        Message message = MessageParser.parse(
                "{\"type\":\"state\",\"symbol\":\"DEEP5\",\"seq\":5,\"delta\":{\"Aggregate\":{\"last_price\":1.0852}},\"time\":101}");

        assertThat(message).isEqualTo(new StateDelta("DEEP5", "{\"Aggregate\":{\"last_price\":1.0852}}", 101, 5));
    }

    @Test
    void shouldRefuseADeltaWhenItIsNotAnObject() {
        assertThatThrownBy(() -> MessageParser.parse("{\"type\":\"state\",\"symbol\":\"DEEP5\",\"delta\":[1]}"))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("delta");
    }

    @Test
    void shouldMergeTheChangedFieldsAndWriteTheDataAgainInTheBasesOrderWhenApplied() throws Exception {
        StateDelta delta = new StateDelta("DEEP5", "{\"BestLimit\":{\"2\":{\"buy_price\":1.0840}},"
                + "\"Aggregate\":{\"time\":\"12:01 \\\"late\\\" \\\\ ۱۴۰۵\",\"last_price\":-3e2}}", 101, 5);

        State next = delta.applyTo(base());

        assertThat(next.data()).isEqualTo("{\"BestLimit\":{\"1\":{\"buy_quantity\":3,\"buy_price\":1.0850},"
                + "\"2\":{\"buy_quantity\":0,\"buy_price\":1.0840}},"
                + "\"Aggregate\":{\"date\":\"1405/03/02\",\"time\":\"12:01 \\\"late\\\" \\\\ ۱۴۰۵\",\"last_price\":-3e2},"
                + "\"ContractInfo\":{\"open_interest\":0}}");
        assertThat(next.fields()).containsEntry("BestLimit.2.buy_price", "1.0840")
                .containsEntry("BestLimit.1.buy_price", "1.0850")
                .containsEntry("Aggregate.last_price", "-300")
                .containsEntry("Aggregate.time", "12:01 \"late\" \\ ۱۴۰۵")
                .hasSize(base().fields().size());
        assertThat(next.seq()).isEqualTo(5);
        assertThat(next.time()).isEqualTo(101);
        assertThat(next.symbol()).isEqualTo("DEEP5");
    }

    @Test
    void shouldGiveWhatTheServerWouldSendInFullWhenTheDeltaIsApplied() throws Exception {
        State full = (State) MessageParser.parse(BASE.replace("\"last_price\":1.0851", "\"last_price\":1.09")
                .replace("\"seq\":4,\"time\":100", "\"seq\":5,\"time\":101"));

        State merged = new StateDelta("DEEP5", "{\"Aggregate\":{\"last_price\":1.09}}", 101, 5).applyTo(base());

        assertThat(merged).isEqualTo(full);
    }

    @Test
    void shouldAddAKeyTheBaseLackedAfterTheOthersOfItsObject() throws Exception {
        State next = new StateDelta("DEEP5", "{\"ContractInfo\":{\"open_interest_changes\":2}}", 101, 5).applyTo(base());

        assertThat(next.data()).endsWith("\"ContractInfo\":{\"open_interest\":0,\"open_interest_changes\":2}}");
        assertThat(next.decimal("ContractInfo.open_interest_changes")).isEqualByComparingTo("2");
    }
}

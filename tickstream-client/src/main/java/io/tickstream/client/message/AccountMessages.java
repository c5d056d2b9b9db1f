package io.tickstream.client.message;

/** Builds the typed record of one account event from its {@code data} and stream position. Stateless. */
final class AccountMessages {

    private AccountMessages() {
    }

    static AccountMessage of(String event, Fields data, String dataText, long time, long seq) {
        return switch (event) {
            case "balance" -> new Balance(data.optionalString("currency"), data.optionalDecimal("balance"),
                    data.optionalDecimal("available"), data.optionalDecimal("equity"), time, dataText, seq);
            case "order" -> new Order(data.optionalString("orderId"), data.optionalString("symbol"),
                    data.optionalString("side"), data.optionalString("type"), data.optionalDecimal("price"),
                    data.optionalDecimal("quantity"), data.optionalString("status"), time, dataText, seq);
            case "trade" -> new Fill(data.optionalString("tradeId"), data.optionalString("orderId"),
                    data.optionalString("symbol"), data.optionalString("side"), data.optionalDecimal("price"),
                    data.optionalDecimal("quantity"), data.optionalDecimal("fee"), time, dataText, seq);
            case "position" -> new Position(data.optionalString("symbol"), data.optionalDecimal("quantity"),
                    data.optionalDecimal("averagePrice"), data.optionalDecimal("unrealizedPnl"), time, dataText, seq);
            case "alert" -> new Alert(data.optionalString("alertId"), data.optionalString("clientId"),
                    data.optionalString("symbol"), data.optionalString("field"), data.optionalString("condition"),
                    data.optionalDecimal("price"), data.optionalDecimal("value"), data.optionalLong("triggeredAt", 0),
                    data.optionalString("note"), time, dataText, seq);
            case "notification" -> new Notification(data.optionalString("level"), data.optionalString("message"),
                    time, dataText, seq);
            default -> new AccountEvent(event, dataText, time, seq);
        };
    }
}

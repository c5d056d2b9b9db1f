package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonFormatTest {

    @Test
    void shouldIndentByFourSpacesLikePythonWhenPretty() {
        String rendered = JsonFormat.pretty().render("{\"a\":{\"b\":[1,2]},\"c\":{},\"d\":[]}");

        assertThat(rendered).isEqualTo("""
                {
                    "a": {
                        "b": [
                            1,
                            2
                        ]
                    },
                    "c": {},
                    "d": []
                }""");
    }

    @Test
    void shouldKeepNumbersExactlyAsReceivedWhenRendering() {
        String json = "{\"p\":1.0850,\"big\":1234567890123,\"e\":1E+3,\"n\":-0.10}";

        assertThat(JsonFormat.compact().render(json)).isEqualTo(json);
        assertThat(JsonFormat.pretty().render(json)).contains("\"p\": 1.0850", "\"big\": 1234567890123", "\"e\": 1E+3",
                "\"n\": -0.10");
    }

    @Test
    void shouldKeepNonAsciiTextUnescapedWhenRendering() {
        assertThat(JsonFormat.compact().render("{\"name\":\"زعفران0412P01\"}")).isEqualTo("{\"name\":\"زعفران0412P01\"}");
    }

    @Test
    void shouldReturnTheTextUnchangedWhenItIsNotJson() {
        assertThat(JsonFormat.pretty().render("pong")).isEqualTo("pong");
        assertThat(JsonFormat.pretty().render("{\"a\":")).isEqualTo("{\"a\":");
    }
}

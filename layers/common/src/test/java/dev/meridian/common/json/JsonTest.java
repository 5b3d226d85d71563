package dev.meridian.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming tree reader and writer: same trees and text as Jackson's mapper, same strictness. */
class JsonTest {

    static Stream<Path> fixtures() throws IOException {
        Path events = Path.of(System.getProperty("meridian.root", "../..")).resolve("events");
        try (Stream<Path> files = Files.walk(events)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parseAndWrite_shouldMatchTheMapper_forEveryEventFixture(Path fixture) throws Exception {
        // given
        String text = Files.readString(fixture);
        // when
        JsonNode streamed = Json.parse(text);
        JsonNode mapped = Json.mapper().readTree(text);
        // then: equal trees, and byte-identical output
        assertThat(streamed).isEqualTo(mapped);
        assertThat(Json.write(streamed)).isEqualTo(Json.mapper().writeValueAsString(mapped));
        assertThat(Json.writeBytes(streamed)).isEqualTo(Json.mapper().writeValueAsBytes(mapped));
        assertThat(Json.parseTrusted(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))).isEqualTo(mapped);
    }

    @Test
    void parse_shouldKeepEveryScalarType_whenReadingMixedValues() throws Exception {
        // given
        String text = "{\"i\":7,\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":0.10,\"e\":1e3,"
                + "\"s\":\"x\\u00e9\\n\",\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[2,{}],[]],\"o\":{\"k\":{\"k\":[null]}}}";
        // when
        JsonNode node = Json.parse(text);
        // then
        assertThat(node.get("i").isInt()).isTrue();
        assertThat(node.get("l").isLong()).isTrue();
        assertThat(node.get("b").bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(node.get("d").isBigDecimal()).isTrue();
        assertThat(node.get("d").decimalValue()).isEqualByComparingTo(new BigDecimal("0.10"));
        assertThat(node.get("e").decimalValue()).isEqualByComparingTo(new BigDecimal("1000"));
        assertThat(node.get("s").textValue()).isEqualTo("xé\n");
        assertThat(node.get("n").getNodeType()).isEqualTo(JsonNodeType.NULL);
        assertThat(node.at("/a/1/1").isObject()).isTrue();
        assertThat(node.at("/o/k/k/0").isNull()).isTrue();
        assertThat(node).isEqualTo(Json.mapper().readTree(text));
        assertThat(Json.parse(Json.write(node))).isEqualTo(node);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"text\"", "42", "-1.5", "true", "null", "[]", "{}"})
    void parse_shouldAcceptAScalarOrEmptyContainer_asTheWholeDocument(String text) throws Exception {
        assertThat(Json.parse(text)).isEqualTo(Json.mapper().readTree(text));
        assertThat(Json.write(Json.parse(text))).isEqualTo(Json.mapper().writeValueAsString(Json.mapper().readTree(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"quantity\":1,\"quantity\":1000}",   // duplicate key
            "{\"a\":{\"b\":1,\"b\":2}}",            // duplicate key, nested
            "{\"a\":1} {\"a\":2}",                  // trailing value
            "[1] x",                                // trailing garbage
            "{\"a\":NaN}",                          // not a number
            "{\"a\":1",                             // unterminated
            "{\"a\" 1}",                            // missing colon
            "{'a':1}",                              // single quotes
            "[1,]"                                  // trailing comma
    })
    void parse_shouldReject_whenTheInputIsNotStrictJson(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parseTrusted(text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parseTrusted(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void parse_shouldFailAsInput_whenNestingIsDeeperThanTheParserAllows() {
        // given: far deeper than the parser's nesting limit (1,000)
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        // then: a parse error, not a StackOverflowError
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void parse_shouldReturnMissingNode_whenTheInputIsEmpty() throws Exception {
        assertThat(Json.parse("").isMissingNode()).isTrue();
        assertThat(Json.parse("   ").isMissingNode()).isTrue();
    }

    @Test
    void write_shouldUseTheMapper_whenTheValueIsNotATree() {
        // given
        record Line(String sku, int quantity) {
        }
        // when
        String text = Json.write(new Line("SKU-1", 2));
        // then
        assertThat(Json.parseTrusted(text)).isEqualTo(Json.object().put("sku", "SKU-1").put("quantity", 2));
    }

    @Test
    void write_shouldEscapeControlCharactersAndQuotes_whenWritingText() throws Exception {
        // given
        ObjectNode node = Json.object().put("k\"ey", "line\nbreak\u0001\"quoted\"\\");
        // when
        String text = Json.write(node);
        // then
        assertThat(text).isEqualTo(Json.mapper().writeValueAsString(node));
        assertThat(Json.parse(text)).isEqualTo(node);
    }
}

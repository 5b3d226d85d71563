package dev.meridian.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeLineTest {

    @Test
    void parse_shouldReadWhatFormatWrote() {
        // given
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("handler", "dev.meridian.orders.handlers.OrdersApiHandler");
        values.put("totalMs", 612);
        values.put("firstInvokeMs", "181.25");

        // when
        ProbeLine line = ProbeLine.parse(ProbeLine.format(values));

        // then
        assertThat(line.text("handler")).isEqualTo("dev.meridian.orders.handlers.OrdersApiHandler");
        assertThat(line.millis("totalMs")).isEqualTo(612.0);
        assertThat(line.millis("firstInvokeMs")).isEqualTo(181.25);
        assertThat(line.millis("absent")).isNaN();
    }

    @Test
    void parse_shouldIgnoreOtherOutput_ofTheChild() {
        assertThat(ProbeLine.parse("Initializing DynamoDB Local")).isNull();
        assertThat(ProbeLine.parse(null)).isNull();
        assertThat(ProbeLine.parse("MERIDIAN-PROBEX a=1")).isNull();
    }

    @Test
    void format_shouldRejectValuesWithSpaces_andParseRejectFieldsWithoutValue() {
        assertThatThrownBy(() -> ProbeLine.format(Map.of("response", "a b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProbeLine.parse("MERIDIAN-PROBE totalMs")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_shouldKeepEqualsSigns_insideAValue() {
        assertThat(ProbeLine.parse("MERIDIAN-PROBE response={\"a\":\"b=c\"}").text("response")).isEqualTo("{\"a\":\"b=c\"}");
    }
}

package dev.meridian.emulator.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.event.ruler.Machine;

import java.util.List;

/** Lambda event filtering (FilterCriteria): patterns OR-ed, matched with event-ruler. */
public final class Filters {

    private Filters() {
    }

    /** A machine holding every pattern, or null when there is no filter. */
    public static Machine machine(List<String> patterns, String where) {
        if (patterns.isEmpty()) {
            return null;
        }
        Machine machine = Machine.builder().build();
        for (int i = 0; i < patterns.size(); i++) {
            try {
                machine.addRule("filter-" + i, patterns.get(i));
            } catch (Exception e) {
                throw new IllegalStateException(where + ": FilterCriteria pattern " + patterns.get(i) + " is not valid: " + e.getMessage(), e);
            }
        }
        return machine;
    }

    public static boolean matches(Machine machine, JsonNode document) {
        return machine == null || !machine.rulesForJSONEvent(document).isEmpty();
    }
}

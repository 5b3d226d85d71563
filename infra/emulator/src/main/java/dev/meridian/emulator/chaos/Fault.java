package dev.meridian.emulator.chaos;

import java.util.Arrays;
import java.util.Optional;

/** The faults the emulator can inject ({@code --chaos}), by their command-line name (see {@link ChaosSpec#names()}). */
public enum Fault {
    /** A function's write request throws before it is sent: the function dies before the write. */
    CRASH("crash"),
    /** A function's write succeeded, then the call throws: the write happened, the function dies. */
    CRASH_AFTER_WRITE("crash-after-write"),
    /** An SQS event source mapping delivers a message a second time (the same record, again). */
    DUPLICATE("duplicate"),
    /** A function's DynamoDB call fails with ProvisionedThroughputExceededException (after the SDK's retries). */
    THROTTLE("throttle"),
    /** A function's call on one of the tables the embedding program designates waits first (a slow dependency). */
    SLOW_TABLE("slow-table");

    private final String flag;

    Fault(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    public static Optional<Fault> byFlag(String flag) {
        return Arrays.stream(values()).filter(f -> f.flag.equals(flag)).findFirst();
    }
}

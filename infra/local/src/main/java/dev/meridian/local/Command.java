package dev.meridian.local;

import java.util.List;

/** A subcommand of {@code ./meridian}. Add one by implementing this and listing it in {@link Main#COMMANDS}. */
interface Command {

    String name();

    /** One line for {@code ./meridian help}. */
    String summary();

    /** Full usage, printed on a usage error. */
    String usage();

    /** Runs the command; the return value is the process exit code. */
    int run(List<String> args) throws Exception;
}

package dev.meridian.local;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entry point of {@code ./meridian}: dispatches to a subcommand. */
public final class Main {

    /** The subcommands, in the order help lists them; later issues add load and bench here. */
    static final List<Command> COMMANDS = List.of(new LocalCommand(), new TokenCommand(), new LoadCommand(), new RedriveCommand());

    /** Held so that the level sticks (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger DYNAMODB_LOCAL_JUL = java.util.logging.Logger.getLogger("com.amazonaws");

    private Main() {
    }

    public static void main(String[] argv) {
        configureLogging();
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        Map<String, Command> commands = new LinkedHashMap<>();
        COMMANDS.forEach(c -> commands.put(c.name(), c));
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
            System.out.println("usage: ./meridian <command> [options]\n\ncommands:");
            commands.values().forEach(c -> System.out.printf("  %-8s %s%n", c.name(), c.summary()));
            // run by the launcher script itself (infra/bench/run-bench.sh), not by this JVM
            System.out.printf("  %-8s %s%n", "bench", "benchmarks: cold-start proxy, warm latency, artifact sizes, local start-up (docs/benchmarks.md)");
            System.out.println("\n./meridian <command> --help shows a command's options");
            return argv.length == 0 ? 2 : 0;
        }
        Command command = commands.get(argv[0]);
        if (command == null) {
            System.err.println("meridian: unknown command '" + argv[0] + "' (commands: " + String.join(", ", commands.keySet()) + ")");
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            System.out.println(command.usage());
            return 0;
        }
        try {
            return command.run(rest);
        } catch (Args.UsageException e) {
            System.err.println("meridian " + command.name() + ": " + e.getMessage());
            System.err.println(command.usage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            System.err.println("meridian " + command.name() + ": " + e);
            return 1;
        }
    }

    /** slf4j-simple: one line per event, time first; the engines' own chatter only when it matters. */
    private static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "true");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
        setDefault("org.slf4j.simpleLogger.log.org.elasticmq", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.pekko", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.amazonaws", "warn");
        setDefault("org.slf4j.simpleLogger.log.software.amazon", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.dev.meridian.common.batch", "warn");
        // the runtime's own shutdown hook stops ElasticMQ; Pekko's would race it
        setDefault("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        DYNAMODB_LOCAL_JUL.setLevel(java.util.logging.Level.SEVERE);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

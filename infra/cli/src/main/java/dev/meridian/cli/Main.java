package dev.meridian.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./meridian}: parses the command line (picocli) and runs a subcommand. */
@Command(name = "meridian", mixinStandardHelpOptions = true, version = "meridian 0.1.0",
        description = "Meridian on this machine: the whole stack in one JVM, tokens, load and redrive.",
        subcommands = {LocalCommand.class, TokenCommand.class, RegionCommand.class, LoadCommand.class, RedriveCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = "%n./meridian <command> --help shows a command's options")
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Held so that the level sticks (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger DYNAMODB_LOCAL_JUL = java.util.logging.Logger.getLogger("com.amazonaws");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] argv) {
        configureLogging();
        System.exit(run(argv));
    }

    /** Runs one command line; the process exit code: 0 ok, 1 failed, 2 bad usage, 130 interrupted. */
    static int run(String[] argv) {
        CommandLine line = new CommandLine(new Main()).setUsageHelpWidth(110);
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(prefix(failed) + ": " + e.getMessage());
            failed.usage(failed.getErr());
            return 2;
        });
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return 130;
            }
            failed.getErr().println(prefix(failed) + ": " + e);
            return 1;
        });
        return line.execute(argv);
    }

    /** {@code ./meridian} alone: the help, and exit code 2 (a command is needed). */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 2;
    }

    private static String prefix(CommandLine command) {
        return command.getParent() == null ? "meridian" : "meridian " + command.getCommandName();
    }

    /** A usage error of {@code command}: reported with its usage, exit code 2. */
    static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec command, String message) {
        return new CommandLine.ParameterException(command.commandLine(), message);
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
        // --regions starts one ElasticMQ per region: all but the first warn that the metrics MBean name is taken (harmless)
        setDefault("org.slf4j.simpleLogger.log.org.elasticmq.rest.sqs.TheSQSRestServerBuilder", "error");
        setDefault("org.slf4j.simpleLogger.log.org.apache.pekko", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.amazonaws", "warn");
        setDefault("org.slf4j.simpleLogger.log.software.amazon", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.dev.meridian.common.batch", "warn");
        // the emulator's own shutdown hook stops ElasticMQ; Pekko's would race it
        setDefault("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        DYNAMODB_LOCAL_JUL.setLevel(java.util.logging.Level.SEVERE);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

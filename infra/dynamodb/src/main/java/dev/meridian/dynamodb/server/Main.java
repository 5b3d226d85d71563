package dev.meridian.dynamodb.server;

import dev.meridian.dynamodb.DynamoDbEngine;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the engine until killed: {@code Main [--port N] [--data-dir D]}. Prints
 * {@code endpoint http://127.0.0.1:PORT} on one line once it answers.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8000;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--port") || a.equals("--data-dir")) && i + 1 >= args.length) {
                usage("missing value after " + a);
            }
            switch (a) {
                case "--port" -> {
                    try {
                        port = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        usage("--port needs a number, was " + args[i]);
                    }
                }
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--help", "-h" -> usage(null);
                default -> usage("unknown argument " + a);
            }
        }
        DynamoDbEngine engine;
        try {
            engine = DynamoDbEngine.builder().port(port).dataDirectory(dataDir).build().start();
        } catch (RuntimeException e) {
            System.err.println("dynamodb engine: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-shutdown"));
        System.out.println("endpoint " + engine.endpoint());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void usage(String problem) {
        if (problem != null) System.err.println("dynamodb engine: " + problem);
        System.err.println("usage: Main [--port N (default 8000, 0 = free port)] [--data-dir DIR (default: in memory)]");
        System.exit(problem == null ? 0 : 2);
    }
}

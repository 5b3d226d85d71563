package dev.meridian.systemtests.saga;

import dev.meridian.cli.MeridianStack;
import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.chaos.ChaosSpec;
import dev.meridian.load.InvariantChecker;
import dev.meridian.load.LoadRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saga on the real template under injected faults (crash before and after writes,
 * duplicate deliveries, throttling; fixed seed), checked with the load command's invariant
 * checker from the API and the sandbox ledger.
 */
class ChaosSagaTest {

    @Test
    void saga_shouldKeepEveryInvariant_whenFunctionsCrashAreThrottledAndSeeDuplicates() throws Exception {
        // given
        ChaosSpec chaos = ChaosSpec.parse("crash=0.1,crash-after-write=0.05,duplicate=0.1,throttle=0.05", 11);
        Path template = Path.of(System.getProperty("meridian.root", "../.."), "template.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        LoadRun run = new LoadRun(new LoadRun.Options(40, 10, 3, 4, null, false, 11, Duration.ofSeconds(75), false),
                new PrintStream(out, true, StandardCharsets.UTF_8), errStream);

        // when
        int exit;
        try (Emulator stack = MeridianStack.startForLoad(template, chaos, errStream)) {
            exit = run.run(stack.baseUrl());
        }

        // then
        String summary = out.toString(StandardCharsets.UTF_8);
        InvariantChecker.Result result = run.result();
        assertThat(result).as(summary).isNotNull();
        assertThat(result.violations()).as(summary).isEmpty();
        assertThat(exit).as(summary).isZero();
        assertThat(summary).contains("invariants          all hold").containsPattern("faults injected +crash [1-9]");
        // stderr is no terminal here: the progress comes as whole lines (a log file stays readable), never redrawn
        String progress = err.toString(StandardCharsets.UTF_8);
        assertThat(progress).containsPattern("(?m)^\\[[#.]{30}\\] [a-z]+ +placed \\d+/40  terminal \\d+/\\d+$").doesNotContain("\r");
    }
}

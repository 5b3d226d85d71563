package dev.meridian.cli;

import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.regions.MultiRegionEmulator;
import dev.meridian.emulator.regions.MultiRegionOptions;
import dev.meridian.emulator.template.TemplateException;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.List;

/** {@code ./meridian local --regions ...}: Meridian's template in several regions until Ctrl-C or SIGTERM. */
final class MultiRegionLocal {

    private MultiRegionLocal() {
    }

    static int run(CommandSpec spec, EmulatorOptions base, List<String> regions, int port, Long lagMs, Long jitterMs)
            throws InterruptedException {
        MultiRegionOptions options;
        try {
            options = new MultiRegionOptions(regions.stream().map(String::trim).toList(), port,
                    lagMs == null ? null : Duration.ofMillis(lagMs), jitterMs == null ? null : Duration.ofMillis(jitterMs),
                    MeridianStack::regionParameters);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        MultiRegionEmulator stack;
        try {
            stack = MultiRegionEmulator.start(base, options);
        } catch (TemplateException e) {
            System.err.println("meridian local: " + base.template() + ": " + e.getMessage());
            return 1;
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("meridian local: " + e.getMessage());
            return 1;
        }
        return UntilStopped.serve(() -> stack.printBanner(System.out, "meridian local"),
                "stopping " + regions.size() + " regions", stack::close);
    }
}

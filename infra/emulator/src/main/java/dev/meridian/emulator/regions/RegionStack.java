package dev.meridian.emulator.regions;

import dev.meridian.emulator.Emulator;

/** One region of a multi-region run: its name and its stack; its state is {@link RegionControl}'s. */
public record RegionStack(String name, Emulator stack) {

    public int port() {
        return stack.port();
    }

    public String baseUrl() {
        return stack.baseUrl();
    }
}

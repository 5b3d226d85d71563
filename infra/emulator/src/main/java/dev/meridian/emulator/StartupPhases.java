package dev.meridian.emulator;

/** Start-up phases and their durations, for the banner. */
final class StartupPhases {
    private final StringBuilder text = new StringBuilder();
    private long last;

    StartupPhases(long start) {
        last = start;
    }

    void mark(String phase) {
        long now = System.nanoTime();
        text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
        last = now;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}

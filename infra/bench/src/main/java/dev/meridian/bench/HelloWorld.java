package dev.meridian.bench;

/** The floor: a JVM that starts, prints one line and exits, measured the same way as the probe. */
public final class HelloWorld {

    private HelloWorld() {
    }

    public static void main(String[] args) {
        long responseAt = System.currentTimeMillis();
        System.out.println("hello, world");
        System.out.println(ProbeLine.RESPONDED);
        System.out.flush();
        long start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        int classes = java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println(ProbeLine.PREFIX + " handler=hello totalMs=" + (responseAt - start) + " jvmToMainMs=" + (responseAt - start)
                + " classes=" + classes);
    }
}

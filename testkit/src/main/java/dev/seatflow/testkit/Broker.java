package dev.seatflow.testkit;

/** A broker the test kit started or found: where it is, what kind it is, and how to let it go. */
record Broker(String kind, String bootstrapServers, String description, Stopper stopper) {

    /** Stops the broker (or, for an external one, does nothing). */
    @FunctionalInterface
    interface Stopper {
        void stop();
    }

    static final String EXTERNAL = "external";
    static final String TESTCONTAINERS = "testcontainers";
    static final String IN_PROCESS = "in-process";
}

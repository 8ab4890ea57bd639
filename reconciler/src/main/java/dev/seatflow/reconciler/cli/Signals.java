package dev.seatflow.reconciler.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a clean stop. Left to the JVM, SIGTERM starts its shutdown and
 * the process exits 143 however cleanly the hooks finish; handling the signal instead lets the
 * command stop its work and return, so orchestrators see exit status 0.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("SIG{} received: stopping cleanly", name);
                    new Thread(stop, "seatflow-stop").start();
                });
            } catch (IllegalArgumentException e) {
                // The platform does not know this signal: the JVM's own shutdown hook still applies.
                Runtime.getRuntime().addShutdownHook(new Thread(stop, "seatflow-shutdown"));
            }
        }
    }
}

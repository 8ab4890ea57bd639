package dev.seatflow.reconciler.cli;

import dev.seatflow.reconciler.ops.OpsServer;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.reconciler.shell.ServiceFailedException;
import dev.seatflow.reconciler.shell.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the production service. Configuration from the environment and/or a properties file. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the reconciler against a Kafka cluster until SIGTERM.",
            "Settings come from SEATFLOW_* and KAFKA_* environment variables, or from seatflow.* and kafka.* keys in "
                + "the --config file; the environment wins.",
            "KAFKA_BOOTSTRAP_SERVERS is required, and every KAFKA_* setting goes to the Kafka clients as it is.",
            "Exit status: 0 stopped by SIGTERM, 1 could not start or stopped on an error, 2 the settings are wrong."
        })
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of seatflow.* and kafka.* settings, read before the environment.")
    Path config;

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = Settings.from(load(config), config == null ? null : config.toString(), System.getenv());
        } catch (Settings.ConfigException | ConfigFileException e) {
            System.err.println("seatflow: " + e.getMessage());
            return Main.USAGE;
        }
        return runUntilStopped(new ReconcilerService(settings), settings.httpPort());
    }

    /** Starts the service and blocks until it stops; SIGTERM stops it cleanly with exit status 0. */
    static int runUntilStopped(ReconcilerService service, int httpPort) throws InterruptedException {
        OpsServer http = null;
        try {
            service.start();
        } catch (RuntimeException e) {
            System.err.println("seatflow: cannot start: " + e.getMessage());
            service.close();
            return 1;
        }
        try {
            http = OpsServer.start(httpPort, service);
            log.info("dashboard, health, readiness and metrics on http://0.0.0.0:{}/ (/healthz, /readyz, /metrics)",
                    http.port());
        } catch (RuntimeException e) {
            // Reconciling matters more than the endpoint: a second instance on one host keeps working.
            log.error("no HTTP endpoint: {}; reconciling without it (set SEATFLOW_HTTP_PORT to a free port, "
                    + "or 0 for any)", e.getMessage());
        }
        Signals.onStop(service::close);
        try {
            service.awaitTermination();
            log.info("stopped");
            return 0;
        } catch (ServiceFailedException e) {
            System.err.println("seatflow: the reconciler stopped: " + e.getMessage());
            return 1;
        } finally {
            if (http != null) {
                http.close();
            }
        }
    }

    static Properties load(Path file) {
        Properties p = new Properties();
        if (file == null) {
            return p;
        }
        if (!Files.exists(file)) {
            throw new ConfigFileException("the --config file " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigFileException("cannot read the --config file " + file + ": " + e.getMessage());
        }
        return p;
    }

    /** The --config file is missing or unreadable. */
    static final class ConfigFileException extends RuntimeException {
        ConfigFileException(String message) {
            super(message);
        }
    }
}

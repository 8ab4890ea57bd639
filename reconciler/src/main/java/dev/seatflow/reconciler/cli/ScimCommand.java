package dev.seatflow.reconciler.cli;

import dev.seatflow.reconciler.shell.Settings;
import dev.seatflow.scim.gateway.ScimGateway;
import dev.seatflow.scim.gateway.ScimSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scim}: the SCIM 2.0 endpoint for identity providers (module scim-gateway), publishing directory.changes. */
@Command(
        name = "scim",
        mixinStandardHelpOptions = true,
        description = {
            "Serve SCIM 2.0 for identity providers and publish what they change on directory.changes.",
            "Microsoft Entra ID, Okta and other identity providers provision users and groups at /scim/v2/Users, "
                + "/Groups and so on; each change becomes a directory.* event.",
            "Settings: SEATFLOW_SCIM_PORT (8081), SEATFLOW_SCIM_TOKENS_FILE (tenant=token lines, required), "
                + "SEATFLOW_SCIM_BASE_URL, SEATFLOW_SCIM_APPLICATION_ID, SEATFLOW_TOPIC_DIRECTORY, "
                + "SEATFLOW_TOPIC_SCIM_STORE, and the same KAFKA_* settings as run; or seatflow.* and kafka.* keys in "
                + "--config."
        })
final class ScimCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file of seatflow.* and kafka.* settings.")
    Path config;

    @Override
    public Integer call() throws Exception {
        Settings settings;
        ScimSettings scim;
        Map<String, Object> kafka;
        try {
            Properties file = RunCommand.load(config);
            settings = Settings.from(file, config == null ? null : config.toString(), System.getenv());
            kafka = settings.kafkaClientProperties();
            scim = ScimSettings.from(file, System.getenv());
            scim.tokensFile();
            scim.port();
        } catch (Settings.ConfigException | IllegalArgumentException | RunCommand.ConfigFileException e) {
            System.err.println("seatflow: " + e.getMessage());
            return Main.USAGE;
        }
        ScimGateway gateway;
        try {
            gateway = ScimGateway.start(scim, kafka);
        } catch (RuntimeException e) {
            System.err.println("seatflow: cannot start the SCIM gateway: " + settings.redact(e.getMessage()));
            return 1;
        }
        Signals.onStop(gateway::close);
        try {
            gateway.awaitTermination();
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("seatflow: " + settings.redact(e.getMessage()));
            return 1;
        }
    }
}

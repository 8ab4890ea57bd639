package dev.seatflow.scim.gateway;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The gateway's own settings, read the way the reconciler reads its: {@code seatflow.*} keys of a
 * {@code --config} properties file, overridden by {@code SEATFLOW_*} environment variables
 * ({@code seatflow.scim.port} = {@code SEATFLOW_SCIM_PORT}). Kafka client settings ({@code KAFKA_*}) are the
 * reconciler's and come in separately.
 */
public final class ScimSettings {
    private final Map<String, String> values;

    private ScimSettings(Map<String, String> values) {
        this.values = values;
    }

    /** From a config file and the environment; the environment wins. */
    public static ScimSettings from(Properties file, Map<String, String> env) {
        Map<String, String> v = new TreeMap<>();
        for (String name : file.stringPropertyNames()) {
            if (name.startsWith("seatflow.")) {
                v.put(name.substring("seatflow.".length()), file.getProperty(name).trim());
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith("SEATFLOW_")) {
                v.put(name.substring("SEATFLOW_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value.trim());
            }
        });
        return new ScimSettings(v);
    }

    /** Keys without the {@code seatflow.} prefix: {@code scim.port}, {@code topic.directory}, ... */
    public static ScimSettings of(Map<String, String> seatflowKeys) {
        return new ScimSettings(new TreeMap<>(seatflowKeys));
    }

    /** {@code SEATFLOW_SCIM_PORT}, default 8081; 0 takes any free port. */
    public int port() {
        return number("scim.port", 8081, 0, 65_535);
    }

    /** {@code SEATFLOW_SCIM_TOKENS_FILE}: {@code tenant=token} lines; required. */
    public Path tokensFile() {
        String f = values.get("scim.tokens.file");
        if (f == null || f.isBlank()) {
            throw new IllegalArgumentException("no tokens file: set SEATFLOW_SCIM_TOKENS_FILE (or "
                    + "seatflow.scim.tokens.file in --config) to a properties file of tenant=token lines");
        }
        return Path.of(f);
    }

    /** Names the transactional id, and the default store topic. One gateway per application id writes at a time. */
    public String applicationId() {
        return text("scim.application.id", "seatflow-scim");
    }

    public String directoryTopic() {
        return text("topic.directory", dev.seatflow.events.Topics.DIRECTORY_CHANGES);
    }

    /** The resource store, a compacted topic: {@code SEATFLOW_TOPIC_SCIM_STORE}, default {@code <application id>.resources}. */
    public String storeTopic() {
        return text("topic.scim.store", applicationId() + ".resources");
    }

    /** Partitions of topics the gateway creates when {@code directory.changes} does not exist yet. */
    public int partitions() {
        return number("partitions", 6, 1, 10_000);
    }

    public short replicationFactor() {
        return (short) number("replication.factor", -1, -1, Short.MAX_VALUE);
    }

    /**
     * The public base URL ({@code https://seatflow.example.com/scim/v2}) for {@code Location} and
     * {@code meta.location}; by default {@code http://<Host header>/scim/v2}.
     */
    public String baseUrl() {
        String b = values.get("scim.base.url");
        if (b == null || b.isBlank()) {
            return null;
        }
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    public int startupTimeoutMs() {
        return number("startup.timeout.ms", 30_000, 1, 3_600_000);
    }

    public int transactionTimeoutMs() {
        return number("transaction.timeout.ms", 10_000, 1_000, 900_000);
    }

    private String text(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    private int number(String key, int fallback, int min, int max) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException("seatflow." + key + " must be between " + min + " and " + max
                        + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seatflow." + key + " must be a whole number, was '" + v + "'");
        }
    }

    @Override
    public String toString() {
        return "{port=" + port() + ", tokensFile=" + values.get("scim.tokens.file") + ", applicationId="
                + applicationId() + ", directoryTopic=" + directoryTopic() + ", storeTopic=" + storeTopic() + "}";
    }
}

package dev.seatflow.reconciler.shell;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The service's configuration, parsed and checked once: defaults, then a properties file, then environment
 * variables. An instance is immutable and valid; what cannot be made valid is a {@link ConfigException} whose one
 * sentence names the variable (or file key) the user actually set.
 *
 * <p>Seatflow's own settings ({@link SettingKeys}) are {@code seatflow.*} keys in the file and {@code SEATFLOW_*}
 * variables in the environment ({@code seatflow.commit.interval.ms} = {@code SEATFLOW_COMMIT_INTERVAL_MS}); an
 * unknown one is an error naming the nearest known one. Every {@code kafka.*} key and {@code KAFKA_*} variable is
 * passed to the Kafka clients with the prefix dropped ({@code KAFKA_SASL_JAAS_CONFIG} becomes
 * {@code sasl.jaas.config}), so SASL and TLS clusters need no code.
 */
public final class Settings {
    private final Map<String, Object> values;
    private final Map<String, String> kafka;
    /** Setting (file key form) -> how the user named it: {@code SEATFLOW_PARTITIONS}, or a key in a file. */
    private final Map<String, String> origins;

    private Settings(Map<String, Object> values, Map<String, String> kafka, Map<String, String> origins) {
        this.values = values;
        this.kafka = kafka;
        this.origins = origins;
    }

    /** From the environment alone. */
    public static Settings from(Map<String, String> env) {
        return from(new Properties(), null, env);
    }

    /** From a file's settings (not named in messages) and the environment. */
    public static Settings from(Properties file, Map<String, String> env) {
        return from(file, null, env);
    }

    /**
     * @param file the {@code --config} file's settings (empty if none)
     * @param fileName how to name that file in messages; null when there is none
     */
    public static Settings from(Properties file, String fileName, Map<String, String> env) {
        Map<String, String> seatflow = new TreeMap<>();
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> origins = new HashMap<>();
        String in = fileName == null ? "" : " in " + fileName;
        for (String name : new TreeSet<>(file.stringPropertyNames())) {
            String value = file.getProperty(name).trim();
            if (name.startsWith("seatflow.") && SettingKeys.named(name.substring(9)) != null) {
                seatflow.put(name.substring(9), value);
                origins.put(name.substring(9), name + in);
            } else if (name.startsWith("seatflow.") && SettingKeys.readByTheScimGateway(name.substring(9))) {
                continue;
            } else if (name.startsWith("kafka.") && name.length() > 6) {
                kafka.put(name.substring(6), value);
                origins.put("kafka." + name.substring(6), name + in);
            } else {
                throw new ConfigException("unknown setting '" + name + "'" + in + ": did you mean '"
                        + SettingKeys.closest(name, SettingKeys.fileNames()) + "'? (Kafka client settings start with "
                        + "kafka., e.g. kafka.bootstrap.servers)");
            }
        }
        for (String name : new TreeSet<>(env.keySet())) {
            String value = env.get(name).trim();
            if (name.startsWith("SEATFLOW_")) {
                String key = name.substring(9).toLowerCase(Locale.ROOT).replace('_', '.');
                if (SettingKeys.named(key) != null) {
                    seatflow.put(key, value);
                    origins.put(key, name);
                } else if (!SettingKeys.READ_ELSEWHERE.contains(name) && !SettingKeys.readByTheScimGateway(key)) {
                    throw new ConfigException("unknown setting " + name + " in the environment: did you mean "
                            + SettingKeys.closest(name, SettingKeys.envNames()) + "?");
                }
            } else if (name.startsWith("KAFKA_") && name.length() > 6 && !name.endsWith("_OPTS")) {
                // KAFKA_HEAP_OPTS and friends are JVM options of Kafka's own scripts, not client settings.
                String key = name.substring(6).toLowerCase(Locale.ROOT).replace('_', '.');
                kafka.put(key, value);
                origins.put("kafka." + key, name);
            }
        }
        return build(seatflow, kafka, origins);
    }

    /** Settings for tests and the demo: the given Kafka cluster, Seatflow's settings given by file key. */
    public static Settings forCluster(String bootstrapServers, Map<String, String> seatflowOverrides) {
        Map<String, String> seatflow = new TreeMap<>();
        Map<String, String> origins = new HashMap<>();
        seatflowOverrides.forEach((k, v) -> {
            if (SettingKeys.named(k) == null) {
                throw new ConfigException("unknown setting '" + k + "': did you mean '"
                        + SettingKeys.closest("seatflow." + k, SettingKeys.fileNames()).substring(9) + "'?");
            }
            seatflow.put(k, v);
            origins.put(k, "seatflow." + k);
        });
        Map<String, String> kafka = new TreeMap<>(Map.of("bootstrap.servers", bootstrapServers));
        origins.put("kafka.bootstrap.servers", "bootstrap servers");
        return build(seatflow, kafka, origins);
    }

    private static Settings build(Map<String, String> seatflow, Map<String, String> kafka, Map<String, String> origins) {
        Map<String, Object> values = new HashMap<>();
        for (SettingKeys.Key k : SettingKeys.ALL) {
            String raw = seatflow.get(k.name());
            String origin = origins.getOrDefault(k.name(), k.env());
            if (raw == null || raw.isBlank()) {
                values.put(k.name(), k.defaultValue());
                continue;
            }
            Object value;
            try {
                value = ConfigDef.parseType(k.name(), raw, k.type());
            } catch (org.apache.kafka.common.config.ConfigException e) {
                throw new ConfigException(origin + " must be " + expected(k) + ", was '" + raw + "'");
            }
            if (k.min() != null && (((Number) value).longValue() < k.min() || ((Number) value).longValue() > k.max())) {
                throw new ConfigException(origin + " must be " + expected(k) + ", was " + value);
            }
            values.put(k.name(), value);
        }
        String servers = kafka.get("bootstrap.servers");
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("no Kafka cluster configured: set KAFKA_BOOTSTRAP_SERVERS (or "
                    + "kafka.bootstrap.servers in the --config file), e.g. KAFKA_BOOTSTRAP_SERVERS=localhost:9092");
        }
        ClusterPreflight.parse(servers, origins.getOrDefault("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS"));
        if (values.get("instance.id") == null) {
            String host = System.getenv().getOrDefault("HOSTNAME", "");
            values.put("instance.id", (host.isBlank() ? "instance" : host) + "-" + ProcessHandle.current().pid());
        }
        if (values.get("topic.changelog") == null) {
            values.put("topic.changelog", values.get("application.id") + ".state-changelog");
        }
        Settings s = new Settings(Map.copyOf(values), Map.copyOf(kafka), Map.copyOf(origins));
        if (s.transactionTimeoutMs() <= s.commitIntervalMs()) {
            throw new ConfigException(s.origin("transaction.timeout.ms") + " (" + s.transactionTimeoutMs()
                    + " ms) must be longer than " + s.origin("commit.interval.ms") + " (" + s.commitIntervalMs()
                    + " ms), or every transaction would time out");
        }
        return s;
    }

    private static String expected(SettingKeys.Key k) {
        return k.min() == null ? "text" : "a whole number from " + k.min() + " to " + k.max();
    }

    /** How the user named a setting: {@code SEATFLOW_PARTITIONS}, {@code kafka.bootstrap.servers in app.properties}. */
    String origin(String key) {
        return origins.getOrDefault(key, key.startsWith("kafka.") ? "KAFKA_"
                + key.substring(6).toUpperCase(Locale.ROOT).replace('.', '_') : SettingKeys.envName(key));
    }

    public String bootstrapServers() {
        return kafka.get("bootstrap.servers");
    }

    /** The consumer group, and the prefix of the state changelog and transactional ids. */
    public String applicationId() {
        return (String) values.get("application.id");
    }

    /**
     * Names this instance's transactional id. Set it to something stable per instance (a pod or container name) so a
     * restarted instance fences its own unfinished transaction at once. The default, host name plus process id, is
     * unique on a shared host, stable in a container (pid 1), and otherwise costs a restart at most
     * {@link #transactionTimeoutMs()} of waiting.
     */
    public String instanceId() {
        return (String) values.get("instance.id");
    }

    public String directoryTopic() {
        return (String) values.get("topic.directory");
    }

    public String licensingTopic() {
        return (String) values.get("topic.licensing");
    }

    public String assignmentsTopic() {
        return (String) values.get("topic.assignments");
    }

    public String userLicensesTopic() {
        return (String) values.get("topic.user.licenses");
    }

    public String seatsTopic() {
        return (String) values.get("topic.seats");
    }

    public String rejectedTopic() {
        return (String) values.get("topic.rejected");
    }

    /** v2: the compacted per-group status topic. */
    public String groupStatusTopic() {
        return (String) values.get("topic.group.status");
    }

    /** v2: the seat alert events. */
    public String alertsTopic() {
        return (String) values.get("topic.alerts");
    }

    public String changelogTopic() {
        return (String) values.get("topic.changelog");
    }

    /** Partitions of topics Seatflow creates; existing topics keep theirs but must all agree. */
    public int partitions() {
        return (Integer) values.get("partitions");
    }

    /** -1: the broker's default. */
    public short replicationFactor() {
        return ((Integer) values.get("replication.factor")).shortValue();
    }

    public long commitIntervalMs() {
        return (Long) values.get("commit.interval.ms");
    }

    public int dedupWindow() {
        return (Integer) values.get("dedup.window");
    }

    /** The merge's idle time: at most this long one input topic waits for the other to be fetched. */
    public long maxIdleMs() {
        return (Long) values.get("max.idle.ms");
    }

    public long startupTimeoutMs() {
        return (Long) values.get("startup.timeout.ms");
    }

    /** Caps how long an unfinished transaction of a vanished instance can hold consumers back. */
    public int transactionTimeoutMs() {
        return (Integer) values.get("transaction.timeout.ms");
    }

    /** How often the INFO summary line is logged; 0: never. */
    public long logSummaryIntervalMs() {
        return (Long) values.get("log.summary.interval.ms");
    }

    public int httpPort() {
        return (Integer) values.get("http.port");
    }

    /** Every {@code kafka.*} / {@code KAFKA_*} setting, prefix dropped. */
    public Map<String, Object> kafkaClientProperties() {
        return new TreeMap<>(kafka);
    }

    /** The settings as a log line: values of anything that looks like a secret are masked. */
    @Override
    public String toString() {
        Map<String, Object> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put("seatflow." + k, v));
        kafka.forEach((k, v) -> shown.put("kafka." + k, Secrets.isSecret(k) ? "[hidden]" : v));
        return shown.toString();
    }

    /**
     * {@code text} with every secret this configuration holds replaced by {@code [hidden]} (see {@link Secrets}): for
     * messages that quote what a library said. Seatflow's own messages never include a secret to begin with.
     */
    public String redact(String text) {
        return Secrets.redact(text, kafka);
    }

    /** A setting that makes no sense: the service refuses to start, naming it. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}

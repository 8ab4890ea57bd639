package dev.seatflow.reconciler.shell;

import dev.seatflow.events.Topics;
import dev.seatflow.reconciler.core.Reconciler;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's configuration: defaults, then a properties file, then environment variables.
 *
 * <p>Seatflow's own settings are {@code seatflow.*} keys in the file and {@code SEATFLOW_*}
 * variables in the environment ({@code seatflow.commit.interval.ms} = {@code SEATFLOW_COMMIT_INTERVAL_MS}).
 * Every {@code kafka.*} key and {@code KAFKA_*} variable is passed to the Kafka clients with the
 * prefix dropped ({@code KAFKA_SASL_JAAS_CONFIG} becomes {@code sasl.jaas.config}), so SASL and
 * TLS clusters need no code.
 */
public final class Settings {
    private final Map<String, String> seatflow;
    private final Map<String, String> kafka;

    private Settings(Map<String, String> seatflow, Map<String, String> kafka) {
        this.seatflow = seatflow;
        this.kafka = kafka;
    }

    public static Settings from(Properties file, Map<String, String> env) {
        Map<String, String> seatflow = new TreeMap<>();
        Map<String, String> kafka = new TreeMap<>();
        for (String name : file.stringPropertyNames()) {
            String value = file.getProperty(name).trim();
            if (name.startsWith("seatflow.")) {
                seatflow.put(name.substring("seatflow.".length()), value);
            } else if (name.startsWith("kafka.")) {
                kafka.put(name.substring("kafka.".length()), value);
            } else {
                throw new ConfigException("unknown setting '" + name + "': settings start with seatflow. or kafka.");
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith("SEATFLOW_")) {
                seatflow.put(dotted(name.substring("SEATFLOW_".length())), value.trim());
            } else if (name.startsWith("KAFKA_") && name.length() > "KAFKA_".length() && !name.endsWith("_OPTS")) {
                // KAFKA_HEAP_OPTS and friends are JVM options of Kafka's own scripts, not client settings.
                kafka.put(dotted(name.substring("KAFKA_".length())), value.trim());
            }
        });
        return new Settings(seatflow, kafka);
    }

    /** Settings for tests and the demo: the given Kafka cluster, everything else default. */
    public static Settings forCluster(String bootstrapServers, Map<String, String> seatflowOverrides) {
        Map<String, String> kafka = new TreeMap<>();
        kafka.put("bootstrap.servers", bootstrapServers);
        return new Settings(new TreeMap<>(seatflowOverrides), kafka);
    }

    private static String dotted(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public String bootstrapServers() {
        String servers = kafka.get("bootstrap.servers");
        if (servers == null || servers.isBlank()) {
            throw new ConfigException("no Kafka cluster configured: set KAFKA_BOOTSTRAP_SERVERS "
                    + "(or kafka.bootstrap.servers in the --config file), e.g. KAFKA_BOOTSTRAP_SERVERS=localhost:9092");
        }
        return servers;
    }

    /** The consumer group, and the prefix of the state changelog and transactional ids. */
    public String applicationId() {
        return text("application.id", "seatflow-reconciler");
    }

    /**
     * Names this instance's transactional id. Set it to something stable per instance (a pod or
     * container name) so a restarted instance fences its own unfinished transaction at once. The
     * default, host name plus process id, is unique on a shared host, stable in a container
     * (pid 1), and otherwise costs a restart at most {@link #transactionTimeoutMs()} of waiting.
     */
    public String instanceId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        return text("instance.id", (host.isBlank() ? "instance" : host) + "-" + ProcessHandle.current().pid());
    }

    public String directoryTopic() {
        return text("topic.directory", Topics.DIRECTORY_CHANGES);
    }

    public String licensingTopic() {
        return text("topic.licensing", Topics.LICENSING_CONFIG);
    }

    public String assignmentsTopic() {
        return text("topic.assignments", Topics.ASSIGNMENTS);
    }

    public String userLicensesTopic() {
        return text("topic.user.licenses", Topics.USER_LICENSES);
    }

    public String seatsTopic() {
        return text("topic.seats", Topics.SEATS);
    }

    public String rejectedTopic() {
        return text("topic.rejected", Topics.REJECTED);
    }

    public String changelogTopic() {
        return text("topic.changelog", applicationId() + ".state-changelog");
    }

    /** Partitions of topics Seatflow creates; existing topics keep theirs but must all agree. */
    public int partitions() {
        return number("partitions", 6, 1, 10_000);
    }

    /** -1: the broker's default. */
    public short replicationFactor() {
        return (short) number("replication.factor", -1, -1, Short.MAX_VALUE);
    }

    public long commitIntervalMs() {
        return number("commit.interval.ms", 100, 1, 600_000);
    }

    public int dedupWindow() {
        return number("dedup.window", Reconciler.DEFAULT_DEDUP_WINDOW, 1, Integer.MAX_VALUE);
    }

    /** How long one input topic waits for the other before going on alone (the merge's idle time). */
    public long maxIdleMs() {
        return number("max.idle.ms", 1_000, 0, 600_000);
    }

    public long startupTimeoutMs() {
        return number("startup.timeout.ms", 30_000, 1, 3_600_000);
    }

    /** Caps how long an unfinished transaction of a vanished instance can hold consumers back. */
    public int transactionTimeoutMs() {
        return number("transaction.timeout.ms", 10_000, 1_000, 900_000);
    }

    /** How often the INFO summary line is logged; 0: never. */
    public long logSummaryIntervalMs() {
        return number("log.summary.interval.ms", 60_000, 0, 86_400_000);
    }

    public int httpPort() {
        return number("http.port", 8080, 0, 65_535);
    }

    /** Every {@code kafka.*} / {@code KAFKA_*} setting, prefix dropped. */
    public Map<String, Object> kafkaClientProperties() {
        bootstrapServers();
        return new TreeMap<>(kafka);
    }

    private String text(String key, String fallback) {
        String v = seatflow.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    private int number(String key, int fallback, int min, int max) {
        String v = seatflow.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new ConfigException("seatflow." + key + " must be between " + min + " and " + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("seatflow." + key + " must be a whole number, was '" + v + "'");
        }
    }

    /** The settings as a log line: values of anything that looks like a secret are masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        seatflow.forEach((k, v) -> shown.put("seatflow." + k, v));
        kafka.forEach((k, v) -> shown.put("kafka." + k, isSecret(k) ? "[hidden]" : v));
        return shown.toString();
    }

    /**
     * {@code text} with every secret this configuration holds replaced by {@code [hidden]}: the values of secret
     * settings, and the secret values inside {@code sasl.jaas.config} ({@code password="..."} and the like). For
     * messages that quote what a library said: Seatflow's own messages never include a secret to begin with.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets()) {
            redacted = redacted.replace(secret, "[hidden]");
        }
        return redacted;
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        kafka.forEach((k, v) -> {
            if (isSecret(k) && !v.isBlank()) {
                secrets.add(v);
                Matcher m = JAAS_OPTION.matcher(v);
                while (m.find()) {
                    if (isSecret(m.group(1)) && !m.group(2).isBlank()) {
                        secrets.add(m.group(2));
                    }
                }
            }
        });
        // The longest first, so a secret that contains another is hidden whole.
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    private static final Pattern JAAS_OPTION = Pattern.compile("([A-Za-z_.]+)\\s*=\\s*\"([^\"]*)\"");

    /**
     * A Kafka client setting whose value is a secret: one the clients themselves declare a password (they mask it in
     * their own config dumps), or whose name says so (listener- or mechanism-prefixed variants the clients do not
     * declare).
     */
    static boolean isSecret(String key) {
        if (PASSWORD_SETTINGS.contains(key)) {
            return true;
        }
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credential") || k.endsWith(".key") || k.equals("key");
    }

    private static final Set<String> PASSWORD_SETTINGS = passwordSettings();

    private static Set<String> passwordSettings() {
        Set<String> names = new TreeSet<>();
        for (ConfigDef def : List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef())) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    names.add(name);
                }
            });
        }
        return Set.copyOf(names);
    }

    /** A setting that makes no sense: the service refuses to start, naming it. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}

package dev.seatflow.reconciler.shell;

import dev.seatflow.events.Topics;
import dev.seatflow.reconciler.core.Reconciler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Seatflow's own settings: name, type, default, bounds and meaning, in one table ({@link #DEFINITION} is it as
 * Kafka's {@link ConfigDef}, which also parses the values). The README's configuration table lists the same.
 */
final class SettingKeys {
    private SettingKeys() {
    }

    /** One setting: {@code name} is the file key without {@code seatflow.}; a null default is computed. */
    record Key(String name, ConfigDef.Type type, Object defaultValue, Long min, Long max, String doc) {
        String env() {
            return envName(name);
        }
    }

    static final List<Key> ALL = List.of(
            text("application.id", "seatflow-reconciler",
                    "The consumer group, and the prefix of the changelog topic and of the transactional id."),
            text("instance.id", null, "Names this instance's transactional id: stable per instance (a pod name), "
                    + "different between instances. Default: host name and process id."),
            text("topic.directory", Topics.DIRECTORY_CHANGES, "Input topic of directory changes."),
            text("topic.licensing", Topics.LICENSING_CONFIG, "Input topic of licensing configuration."),
            text("topic.assignments", Topics.ASSIGNMENTS, "Output topic of the change events."),
            text("topic.user.licenses", Topics.USER_LICENSES, "Compacted output topic, one row per user."),
            text("topic.seats", Topics.SEATS, "Compacted output topic, one row per SKU."),
            text("topic.rejected", Topics.REJECTED, "Output topic of the dead letters."),
            text("topic.group.status", Topics.GROUP_STATUS, "Compacted output topic, one row per licensed group."),
            text("topic.alerts", Topics.ALERTS, "Output topic of the seat alert events."),
            text("topic.changelog", null, "The state's changelog (compacted). Default: <application id>.state-changelog."),
            number("partitions", ConfigDef.Type.INT, 6, 1, 10_000,
                    "Partitions of the topics Seatflow creates; existing topics keep theirs but must all agree."),
            number("replication.factor", ConfigDef.Type.INT, -1, -1, Short.MAX_VALUE,
                    "Replication of the topics Seatflow creates; -1: the broker's default."),
            number("commit.interval.ms", ConfigDef.Type.LONG, 100, 1, 600_000,
                    "How often the open transaction commits."),
            number("dedup.window", ConfigDef.Type.INT, Reconciler.DEFAULT_DEDUP_WINDOW, 1, Integer.MAX_VALUE,
                    "Distinct source+id pairs remembered per tenant."),
            number("max.idle.ms", ConfigDef.Type.LONG, 1_000, 0, 600_000,
                    "The merge's idle time: at most this long one input topic waits for the other to be fetched."),
            number("transaction.timeout.ms", ConfigDef.Type.INT, 10_000, 1_000, 900_000,
                    "How long a transaction may stay open before the broker aborts it: bounds how long a vanished "
                            + "instance holds read_committed readers back; a pause longer than it costs a rollback."),
            number("startup.timeout.ms", ConfigDef.Type.LONG, 30_000, 1, 3_600_000,
                    "How long to wait for the cluster at startup."),
            number("log.summary.interval.ms", ConfigDef.Type.LONG, 60_000, 0, 86_400_000,
                    "How often the INFO summary line is logged; 0: never."),
            number("http.port", ConfigDef.Type.INT, 8080, 0, 65_535,
                    "The dashboard, health, readiness and metrics endpoint; 0: any free port."));

    /**
     * {@code SEATFLOW_*} variables read elsewhere, which the settings accept and leave alone: the log format and
     * levels (logback.xml) and the test kit's.
     */
    static final Set<String> READ_ELSEWHERE = Set.of("SEATFLOW_LOG_FORMAT", "SEATFLOW_LOG_LEVEL",
            "SEATFLOW_KAFKA_LOG_LEVEL", "SEATFLOW_BROWSER_TEST", "SEATFLOW_CHROMIUM", "SEATFLOW_CHROMEDRIVER",
            "SEATFLOW_TESTKIT_KAFKA", "SEATFLOW_TESTKIT_KAFKA_IMAGE");

    /**
     * Settings of the SCIM gateway ({@code scim} command), which may share a configuration file or environment with
     * {@code run}: keys (without {@code seatflow.}) that are its own, accepted and left alone here.
     */
    static boolean readByTheScimGateway(String key) {
        return key.startsWith("scim.") || key.equals("topic.scim.store");
    }

    static final ConfigDef DEFINITION = definition();

    static Key named(String name) {
        for (Key k : ALL) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    static String envName(String name) {
        return "SEATFLOW_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The candidate nearest to {@code typed} by edit distance (letter case ignored). */
    static String closest(String typed, Collection<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt((String c) -> distance(
                typed.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT))).thenComparing(c -> c)).orElse(null);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    static List<String> envNames() {
        List<String> names = new ArrayList<>();
        ALL.forEach(k -> names.add(k.env()));
        names.addAll(List.of("SEATFLOW_LOG_FORMAT", "SEATFLOW_LOG_LEVEL", "SEATFLOW_KAFKA_LOG_LEVEL"));
        return names;
    }

    static List<String> fileNames() {
        List<String> names = new ArrayList<>();
        ALL.forEach(k -> names.add("seatflow." + k.name()));
        return names;
    }

    private static Key text(String name, String defaultValue, String doc) {
        return new Key(name, ConfigDef.Type.STRING, defaultValue, null, null, doc);
    }

    private static Key number(String name, ConfigDef.Type type, long defaultValue, long min, long max, String doc) {
        Object value = type == ConfigDef.Type.INT ? (Object) (int) defaultValue : (Object) defaultValue;
        return new Key(name, type, value, min, max, doc);
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        for (Key k : ALL) {
            ConfigDef.Validator v = k.min() == null ? null : ConfigDef.Range.between(k.min(), k.max());
            def.define(k.name(), k.type(), k.defaultValue() == null ? "" : k.defaultValue(), v,
                    ConfigDef.Importance.MEDIUM, k.doc());
        }
        return def;
    }
}

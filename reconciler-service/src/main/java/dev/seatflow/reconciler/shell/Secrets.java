package dev.seatflow.reconciler.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Which Kafka client settings are secrets, and text with their values hidden: no secret is ever logged. */
final class Secrets {
    private Secrets() {
    }

    /**
     * {@code text} with every secret this configuration holds replaced by {@code [hidden]}: the values of secret
     * settings, and the secret values inside {@code sasl.jaas.config} ({@code password="..."} and the like). For
     * messages that quote what a library said: Seatflow's own messages never include a secret to begin with.
     */
    static String redact(String text, Map<String, String> kafka) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets(kafka)) {
            redacted = redacted.replace(secret, "[hidden]");
        }
        return redacted;
    }

    private static List<String> secrets(Map<String, String> kafka) {
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
}

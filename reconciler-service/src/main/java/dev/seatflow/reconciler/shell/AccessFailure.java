package dev.seatflow.reconciler.shell;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * Kafka would not let the service in: the credentials were refused, the TLS handshake failed, or the principal
 * lacks an ACL. Retrying cannot fix any of these, and a stack trace does not say what to do, so this turns the
 * error into one sentence that names the setting (or the ACL) to fix.
 *
 * <p>The message names the user (from {@code sasl.jaas.config}; a user name is not a secret) but never a password,
 * and goes through {@link Settings#redact} in case Kafka's own text quoted a secret setting.
 */
record AccessFailure(String message) {
    private static final Pattern JAAS_USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    /** The access failure in {@code error}'s causes, if there is one. */
    static Optional<AccessFailure> find(Throwable error, Settings settings) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException e) {
                return Optional.of(new AccessFailure(settings.redact(authentication(e, settings))));
            }
            if (t instanceof AuthorizationException e) {
                return Optional.of(new AccessFailure(settings.redact(authorization(e, settings))));
            }
        }
        return Optional.empty();
    }

    private static String authentication(AuthenticationException e, Settings settings) {
        Map<String, Object> kafka = settings.kafkaClientProperties();
        String protocol = String.valueOf(kafka.getOrDefault("security.protocol", "PLAINTEXT"));
        String mechanism = String.valueOf(kafka.getOrDefault("sasl.mechanism", "GSSAPI"));
        String at = " at " + settings.bootstrapServers();
        if (e instanceof SslAuthenticationException) {
            return "the TLS handshake with Kafka" + at + " failed (" + tlsReason(e) + "): check "
                    + "KAFKA_SSL_TRUSTSTORE_LOCATION / KAFKA_SSL_TRUSTSTORE_PASSWORD (the truststore must hold the CA "
                    + "that signed the broker's certificate), KAFKA_SSL_KEYSTORE_* if the broker wants a client "
                    + "certificate, and KAFKA_SECURITY_PROTOCOL (" + protocol + ")";
        }
        if (e instanceof UnsupportedSaslMechanismException) {
            return "Kafka" + at + " does not offer SASL mechanism " + mechanism + " (" + e.getMessage() + "): check "
                    + "KAFKA_SASL_MECHANISM against the broker listener's sasl.enabled.mechanisms";
        }
        if (e instanceof SaslAuthenticationException) {
            return "Kafka refused the credentials (SASL " + mechanism + " for " + user(settings) + at + "): check "
                    + "the user name and password in KAFKA_SASL_JAAS_CONFIG, and KAFKA_SASL_MECHANISM. Kafka said: "
                    + e.getMessage();
        }
        return "Kafka" + at + " refused to authenticate the service (" + protocol + ", " + e.getMessage() + "): check "
                + "KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG";
    }

    private static String authorization(AuthorizationException e, Settings settings) {
        String who = "Kafka " + user(settings);
        String acls = " (see 'Secured clusters' in the README for every ACL Seatflow needs)";
        if (e instanceof TopicAuthorizationException t) {
            // The admin client names the topics; a producer or consumer may not, then it is one of Seatflow's.
            String topics = t.unauthorizedTopics().isEmpty() ? "Seatflow's topics " + seatflowTopics(settings)
                    : "topics " + new TreeSet<>(t.unauthorizedTopics());
            return who + " is not allowed to use " + topics + ": grant it DESCRIBE, READ and WRITE on them, and CREATE "
                    + "on those Seatflow is to create" + acls;
        }
        if (e instanceof GroupAuthorizationException g) {
            String group = g.groupId() == null ? settings.applicationId() : g.groupId();
            return who + " is not allowed to use consumer group '" + group + "' (SEATFLOW_APPLICATION_ID): grant it "
                    + "READ and DESCRIBE on group '" + group + "'" + acls;
        }
        if (e instanceof TransactionalIdAuthorizationException) {
            return who + " is not allowed to use transactional id '" + settings.applicationId() + "-"
                    + settings.instanceId() + "': grant it WRITE and DESCRIBE on transactional ids prefixed '"
                    + settings.applicationId() + "-'" + acls;
        }
        return who + " is not allowed to do what Seatflow needs (" + e.getMessage() + ")" + acls;
    }

    private static TreeSet<String> seatflowTopics(Settings settings) {
        return new TreeSet<>(List.of(settings.directoryTopic(), settings.licensingTopic(),
                settings.assignmentsTopic(), settings.userLicensesTopic(), settings.seatsTopic(),
                settings.rejectedTopic(), settings.changelogTopic()));
    }

    /** {@code user 'name'} from {@code sasl.jaas.config}, or which principal it is when there is no user name. */
    private static String user(Settings settings) {
        Object jaas = settings.kafkaClientProperties().get("sasl.jaas.config");
        if (jaas != null) {
            Matcher m = JAAS_USERNAME.matcher(jaas.toString());
            if (m.find()) {
                return "user '" + m.group(1) + "'";
            }
        }
        String protocol = String.valueOf(settings.kafkaClientProperties().getOrDefault("security.protocol", "PLAINTEXT"));
        return protocol.toUpperCase(Locale.ROOT).startsWith("SASL") ? "the user (no username in KAFKA_SASL_JAAS_CONFIG)"
                : "the principal of the service's " + protocol + " connections";
    }

    /**
     * Why the handshake failed ("PKIX path building failed: ...", "No subject alternative names matching ..."): the
     * message of the JDK's SSL exception in the causes, else the deepest cause's.
     */
    private static String tlsReason(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException && t.getMessage() != null) {
                return t.getMessage();
            }
            deepest = t;
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
    }
}

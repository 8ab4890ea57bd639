package dev.seatflow.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * A second client listener, named {@value #NAME}, that demands credentials: SASL with SCRAM users, optionally over
 * TLS, or TLS alone. The PLAINTEXT listener stays, so a test can set things up (topics, SCRAM users, ACLs) without
 * credentials while the code under test connects to this one, the way it would connect to a production cluster.
 *
 * <p>The controller and inter-broker listeners stay PLAINTEXT: what is tested is the client's side.
 */
public final class SecuredListener {

    /** The listener's name, in {@code listeners} and in {@code listener.name.<name>.*} settings. */
    public static final String NAME = "SECURED";

    /** 4096 is the minimum Kafka accepts, and the cheapest: SCRAM hashing is slow on purpose. */
    static final int SCRAM_ITERATIONS = 4096;

    private final SecurityProtocol protocol;
    private final ScramMechanism mechanism;
    private final Map<String, String> users;
    private final Map<String, Object> brokerTls;
    private final Map<String, Object> clientTls;

    private SecuredListener(SecurityProtocol protocol, ScramMechanism mechanism, Map<String, String> users,
            Map<String, ?> brokerTls, Map<String, ?> clientTls) {
        this.protocol = protocol;
        this.mechanism = mechanism;
        this.users = users;
        this.brokerTls = Map.copyOf(brokerTls);
        this.clientTls = Map.copyOf(clientTls);
    }

    /**
     * SASL_PLAINTEXT with SCRAM.
     *
     * @param mechanism {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
     * @param users user name -> password; the broker knows them before {@link EmbeddedKafka#startSecured} returns
     */
    public static SecuredListener saslScram(String mechanism, Map<String, String> users) {
        ScramMechanism m = ScramMechanism.fromMechanismName(Objects.requireNonNull(mechanism, "mechanism"));
        if (m == ScramMechanism.UNKNOWN) {
            throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("SCRAM needs at least one user");
        }
        return new SecuredListener(SecurityProtocol.SASL_PLAINTEXT, m, Map.copyOf(users), Map.of(), Map.of());
    }

    /**
     * TLS alone (SSL). {@code brokerTls} are the broker's {@code ssl.*} settings (its keystore; a truststore and
     * {@code ssl.client.auth} for mutual TLS), {@code clientTls} those a client needs to trust it (and to present
     * a certificate, for mutual TLS).
     */
    public static SecuredListener tls(Map<String, ?> brokerTls, Map<String, ?> clientTls) {
        return new SecuredListener(SecurityProtocol.SSL, null, Map.of(), brokerTls, clientTls);
    }

    /** The same SASL listener over TLS (SASL_SSL); the settings as for {@link #tls}. */
    public SecuredListener overTls(Map<String, ?> brokerTls, Map<String, ?> clientTls) {
        if (mechanism == null) {
            throw new IllegalStateException("already a TLS listener");
        }
        return new SecuredListener(SecurityProtocol.SASL_SSL, mechanism, users, brokerTls, clientTls);
    }

    public SecurityProtocol protocol() {
        return protocol;
    }

    /** {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}; null for a TLS-only listener. */
    public String saslMechanism() {
        return mechanism == null ? null : mechanism.mechanismName();
    }

    /** The SCRAM users and their passwords. */
    public Map<String, String> users() {
        return users;
    }

    ScramMechanism scramMechanism() {
        return mechanism;
    }

    /**
     * The client settings of {@code user} (null for a TLS-only listener) for this listener, all but
     * {@code bootstrap.servers}: {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} and the
     * client's {@code ssl.*} settings.
     */
    public Map<String, Object> clientProperties(String user) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("security.protocol", protocol.name);
        client.putAll(clientTls);
        if (mechanism != null) {
            String password = users.get(user);
            if (password == null) {
                throw new IllegalArgumentException("no such SCRAM user: " + user);
            }
            client.put("sasl.mechanism", mechanism.mechanismName());
            client.put("sasl.jaas.config", jaasConfig(user, password));
        }
        return client;
    }

    /** A client's {@code sasl.jaas.config} for SCRAM. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The broker settings that make {@value #NAME} this listener; its address goes into {@code listeners}. */
    Map<String, Object> brokerProperties() {
        String prefix = "listener.name." + NAME.toLowerCase(Locale.ROOT) + ".";
        Map<String, Object> broker = new LinkedHashMap<>();
        if (mechanism != null) {
            String name = mechanism.mechanismName();
            broker.put(prefix + "sasl.enabled.mechanisms", name);
            // The broker's side of SCRAM needs the login module but no credentials: those are in the metadata.
            broker.put(prefix + name.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        brokerTls.forEach((key, value) -> broker.put(prefix + key, value));
        return broker;
    }

    @Override
    public String toString() {
        return "SecuredListener[" + protocol.name + (mechanism == null ? "" : " " + mechanism.mechanismName()
                + " users " + users.keySet()) + "]";
    }
}

package dev.seatflow.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Creates the SCRAM users of a {@link SecuredListener} through the PLAINTEXT listener, and waits until each can log
 * in on the secured one.
 *
 * <p>The waiting is needed because the controller commits the credentials to the metadata log, and the broker that
 * authenticates learns them when it applies that log a moment later: a client that connects in between is refused.
 */
final class ScramUsers {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ScramUsers() {
    }

    static void create(String plaintextBootstrap, String securedBootstrap, SecuredListener listener) throws Exception {
        if (listener.scramMechanism() == null) {
            return;
        }
        List<UserScramCredentialAlteration> upserts = listener.users().entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(listener.scramMechanism(), SecuredListener.SCRAM_ITERATIONS),
                        user.getValue()))
                .toList();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", plaintextBootstrap))) {
            admin.alterUserScramCredentials(upserts).all().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (String user : listener.users().keySet()) {
            awaitLogin(securedBootstrap, listener, user);
        }
    }

    private static void awaitLogin(String securedBootstrap, SecuredListener listener, String user) throws Exception {
        Map<String, Object> client = new HashMap<>(listener.clientProperties(user));
        client.put("bootstrap.servers", securedBootstrap);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try (Admin probe = Admin.create(client)) {
                probe.describeCluster().clusterId().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof AuthenticationException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(50); // the broker applies the metadata log within milliseconds; nothing to wait on instead
        }
    }
}

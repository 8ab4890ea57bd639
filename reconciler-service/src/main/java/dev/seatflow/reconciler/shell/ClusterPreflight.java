package dev.seatflow.reconciler.shell;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before any Kafka client is made: the bootstrap servers' hosts resolve, and one of them accepts a connection within
 * the startup timeout. A Kafka client would find out too, but only after logging a warning per attempt; this says
 * it in one sentence that names the setting.
 */
final class ClusterPreflight {
    private static final Logger log = LoggerFactory.getLogger(ClusterPreflight.class);
    /** {@code host:port}, {@code [ipv6]:port}, optionally after a {@code PROTOCOL://} (as Kafka accepts it). */
    static final Pattern ADDRESS = Pattern.compile("(?:[A-Za-z_]+://)?(\\[[0-9A-Fa-f:.%]+]|[^:/\\s\\[\\]]+):(\\d{1,5})");

    private ClusterPreflight() {
    }

    /** The bootstrap servers as host and port; throws when one is not of that form. */
    static List<InetSocketAddress> parse(String servers, String origin) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String entry : servers.split(",")) {
            Matcher m = ADDRESS.matcher(entry.trim());
            if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
                throw new Settings.ConfigException(origin + " must list host:port pairs separated by commas, but '"
                        + entry.trim() + "' is not one (e.g. kafka-1:9092,kafka-2:9092)");
            }
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            addresses.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(m.group(2))));
        }
        return addresses;
    }

    static void check(Settings settings) {
        String origin = settings.origin("kafka.bootstrap.servers");
        List<InetSocketAddress> resolved = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (InetSocketAddress a : parse(settings.bootstrapServers(), origin)) {
            try {
                for (InetAddress ip : InetAddress.getAllByName(a.getHostString())) {
                    resolved.add(new InetSocketAddress(ip, a.getPort()));
                }
            } catch (UnknownHostException e) {
                unresolved.add(a.getHostString());
            }
        }
        if (resolved.isEmpty()) {
            throw new TopicSetup.StartupException("cannot resolve host " + String.join(", ", unresolved) + " in "
                    + origin + ": check the name, and the DNS of this machine", null);
        }
        if (!unresolved.isEmpty()) {
            log.warn("cannot resolve host {} in {}; going on with the others", String.join(", ", unresolved), origin);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.startupTimeoutMs());
        IOException last = null;
        long pauseMs = 100;
        do {
            for (InetSocketAddress a : resolved) {
                long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                try (Socket socket = new Socket()) {
                    socket.connect(a, (int) Math.min(leftMs, 3_000));
                    return;
                } catch (IOException e) {
                    last = e;
                }
            }
            sleep(Math.min(pauseMs, Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            pauseMs = Math.min(pauseMs * 2, 1_000);
        } while (System.nanoTime() < deadline);
        throw new TopicSetup.StartupException("cannot reach Kafka at " + settings.bootstrapServers() + " within "
                + settings.startupTimeoutMs() + " ms (" + (last == null ? "no answer" : last.getMessage()) + "): check "
                + origin + " and the network (SEATFLOW_STARTUP_TIMEOUT_MS waits longer)", last);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms); // waiting for a broker that may still be starting: there is nothing to wait on instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetup.StartupException("interrupted while waiting for Kafka", e);
        }
    }
}

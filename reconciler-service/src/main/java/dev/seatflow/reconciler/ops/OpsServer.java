package dev.seatflow.reconciler.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seatflow.reconciler.shell.ReconcilerService;
import dev.seatflow.reconciler.shell.ServiceStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The service's HTTP endpoint for operators, on the JDK's own HTTP server (a handful of plain
 * endpoints need no framework):
 * <ul>
 *   <li>{@code /healthz}: the process is alive and its loop has not failed;
 *   <li>{@code /readyz}: running (not restoring, not recovering) and Kafka answering;
 *   <li>{@code /metrics}: Prometheus text format;
 *   <li>{@code /}: the dashboard, a static page that polls {@code /api/state};
 *   <li>{@code /api/state}: seats, queues and the newest changes of this instance's partitions;
 *   <li>{@code /api/explain?tenant=&user=&sku=}: why a user does or does not have a SKU.
 * </ul>
 * Everything shown is committed state: what a reader of the output topics sees too.
 */
public final class OpsServer implements AutoCloseable {
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg|png)");
    private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png");
    private static final String JSON = "application/json; charset=utf-8";
    /** The loop answers between transactions; a restore of a large partition may take longer. */
    private static final long EXPLAIN_TIMEOUT_SECONDS = 10;

    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /** Binds {@code port} (0: any free port) on all interfaces, as a container needs. */
    public static OpsServer start(int port, ReconcilerService service) {
        ServiceStatus status = service.status();
        ServiceMetrics metrics = new ServiceMetrics(status);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        StateDocument state = new StateDocument(json);
        HttpServer server;
        // The JDK server reads this once, when its first instance starts: without it every answer waits
        // for a delayed ACK (about 40 ms), here and in a SCIM endpoint started later in the same JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on port " + port + " (SEATFLOW_HTTP_PORT): "
                    + e.getMessage(), e);
        }
        server.createContext("/healthz", ex -> reply(ex, service.isAlive() ? 200 : 503,
                service.isAlive() ? "ok\n" : "the reconciler loop has stopped\n", "text/plain"));
        server.createContext("/readyz", ex -> {
            String notReady = status.notReadyBecause();
            reply(ex, notReady == null ? 200 : 503, notReady == null ? "ready\n" : "not ready: " + notReady + "\n",
                    "text/plain");
        });
        server.createContext("/metrics", ex -> reply(ex, 200, metrics.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
        server.createContext("/api/state", ex -> reply(ex, 200, json.writeValueAsString(state.of(status)), JSON));
        server.createContext("/api/explain", ex -> explain(ex, service, json));
        server.createContext("/", OpsServer::asset);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "seatflow-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new OpsServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void explain(HttpExchange ex, ReconcilerService service, ObjectMapper json) throws IOException {
        Map<String, String> q = query(ex.getRequestURI());
        String tenant = q.get("tenant");
        String user = q.get("user");
        String sku = q.get("sku");
        if (isBlank(tenant) || isBlank(user) || isBlank(sku)) {
            replyError(ex, 400, "give tenant, user and sku, e.g. /api/explain?tenant=contoso&user=ann&sku=E3", json);
            return;
        }
        try {
            var answer = service.explain(tenant, user, sku).get(EXPLAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer.isEmpty()) {
                replyError(ex, 404, "tenant '" + tenant + "' has no state on this instance (partitions "
                        + service.status().assignedPartitions() + "); another instance may own it", json);
            } else {
                reply(ex, 200, json.writeValueAsString(answer.get()), JSON);
            }
        } catch (TimeoutException e) {
            replyError(ex, 503, "the reconciler did not answer within " + EXPLAIN_TIMEOUT_SECONDS
                    + " s (restoring state?); try again", json);
        } catch (ExecutionException e) {
            replyError(ex, 503, e.getCause().getMessage(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replyError(ex, 503, "interrupted", json);
        }
    }

    /** The dashboard's static files, from the classpath folder {@code dashboard/}. */
    private static void asset(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String name = path.equals("/") ? "index.html"
                : path.startsWith("/dashboard/") ? path.substring("/dashboard/".length()) : null;
        if (name == null || !ASSET.matcher(name).matches()) {
            reply(ex, 404, "not found: " + path + "\n", "text/plain");
            return;
        }
        try (InputStream in = OpsServer.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                reply(ex, 404, "not found: " + path + "\n", "text/plain");
                return;
            }
            String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            reply(ex, 200, in.readAllBytes(), type);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void replyError(HttpExchange ex, int code, String message, ObjectMapper json) throws IOException {
        reply(ex, code, json.writeValueAsString(Map.of("error", message)), JSON);
    }

    private static void reply(HttpExchange ex, int code, String body, String contentType) throws IOException {
        reply(ex, code, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private static void reply(HttpExchange ex, int code, byte[] body, String contentType) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

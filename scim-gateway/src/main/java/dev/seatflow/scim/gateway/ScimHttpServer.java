package dev.seatflow.scim.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seatflow.scim.directory.ScimRequest;
import dev.seatflow.scim.directory.ScimResponse;
import dev.seatflow.scim.directory.ScimService;
import dev.seatflow.scim.protocol.ScimException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for the gateway, on the JDK's own server (as the reconciler's endpoint): {@value #BASE_PATH}/..., bearer
 * tokens, {@code application/scim+json}. It only translates: the SCIM rules are in {@link ScimService}.
 */
final class ScimHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScimHttpServer.class);
    static final String BASE_PATH = "/scim/v2";
    private static final String SCIM_JSON = "application/scim+json; charset=utf-8";
    /** Larger bodies are refused with 413; the largest a provider sends is a group with its members. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private ScimHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static ScimHttpServer start(ScimSettings settings, ScimGateway gateway) {
        // Headers and body go out as two writes; without TCP_NODELAY the body waits for the client's delayed
        // ACK, 40 ms per request. Read once, when the JDK's server first starts in this process.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve SCIM on port " + settings.port() + " (SEATFLOW_SCIM_PORT): "
                    + e.getMessage(), e);
        }
        server.createContext(BASE_PATH, ex -> serve(ex, settings, gateway));
        server.createContext("/", ex -> send(ex, ScimResponse.error(ScimException.notFound(
                "SCIM lives under " + BASE_PATH + " (e.g. " + BASE_PATH + "/Users)"))));
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "seatflow-scim-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new ScimHttpServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange ex, ScimSettings settings, ScimGateway gateway) throws IOException {
        long began = System.nanoTime();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath().substring(BASE_PATH.length());
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        String tenant = null;
        ScimResponse response;
        try {
            String baseUrl = settings.baseUrl() != null ? settings.baseUrl()
                    : "http://" + Optional.ofNullable(ex.getRequestHeaders().getFirst("Host")).orElse("localhost")
                    + BASE_PATH;
            ScimRequest request = new ScimRequest(method, path, query(ex.getRequestURI().getRawQuery()), body(ex),
                    baseUrl);
            if (ScimService.isDiscovery(path)) {
                response = ScimService.discovery(request);
            } else {
                tenant = authenticate(ex, gateway);
                response = gateway.handle(tenant, request);
            }
        } catch (ScimException e) {
            response = ScimResponse.error(e);
        } catch (RuntimeException e) {
            log.error("{} {}{} failed", method, BASE_PATH, path, e);
            response = ScimResponse.error(ScimException.internal("internal error: " + e));
        }
        send(ex, response);
        if (log.isDebugEnabled()) {
            log.debug("{} {}{} tenant={} -> {} in {} ms", method, BASE_PATH, path, tenant, response.status(),
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
        }
    }

    private static String authenticate(HttpExchange ex, ScimGateway gateway) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            throw ScimException.unauthorized("no bearer token: send \"Authorization: Bearer <token>\"");
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw ScimException.unauthorized("the Authorization header must be \"Bearer <token>\"");
        }
        return gateway.tenantOf(parts[1].trim())
                .orElseThrow(() -> ScimException.unauthorized("the bearer token is not valid"));
    }

    private static byte[] body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
            if (b.length > MAX_BODY_BYTES) {
                throw ScimException.tooLarge("the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return b;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
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

    private static void send(HttpExchange ex, ScimResponse response) throws IOException {
        try (ex) {
            response.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            if (response.body() == null) {
                ex.sendResponseHeaders(response.status(), -1);
                return;
            }
            byte[] body = JSON.writeValueAsBytes(response.body());
            ex.getResponseHeaders().set("Content-Type", SCIM_JSON);
            ex.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(1); // lets exchanges under way finish: a fenced gateway still sends its 503
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

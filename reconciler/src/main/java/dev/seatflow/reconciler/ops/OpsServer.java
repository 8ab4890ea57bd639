package dev.seatflow.reconciler.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seatflow.reconciler.shell.ServiceStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The service's HTTP endpoint for operators: {@code /healthz} (the process is alive and its loop
 * has not failed), {@code /readyz} (assigned partitions restored and the loop polling) and
 * {@code /metrics} (Prometheus text format). The JDK's own HTTP server: three plain endpoints need
 * no framework.
 */
public final class OpsServer implements AutoCloseable {
    private final HttpServer server;

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /** Binds {@code port} (0: any free port) on all interfaces, as a container needs. */
    public static OpsServer start(int port, ServiceStatus status, BooleanSupplier alive) {
        ServiceMetrics metrics = new ServiceMetrics(status);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve HTTP on port " + port + " (SEATFLOW_HTTP_PORT): "
                    + e.getMessage(), e);
        }
        server.createContext("/healthz", ex -> reply(ex, alive.getAsBoolean() ? 200 : 503,
                alive.getAsBoolean() ? "ok\n" : "the reconciler loop has stopped\n", "text/plain"));
        server.createContext("/readyz", ex -> reply(ex, status.isReady() ? 200 : 503,
                status.isReady() ? "ready\n" : "restoring state or not yet polling\n", "text/plain"));
        server.createContext("/metrics", ex -> reply(ex, 200, metrics.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
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

    private static void reply(HttpExchange ex, int code, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

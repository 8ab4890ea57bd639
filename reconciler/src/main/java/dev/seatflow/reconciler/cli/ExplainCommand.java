package dev.seatflow.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seatflow.reconciler.core.Reconciler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * "Why does user X (not) have SKU Y?", asked of a running service's {@code /api/explain}, or of the
 * state a file of input events leads to (the same core as {@code replay}).
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explain why a user does or does not have a SKU: its sources, state, reason and place in line.",
            "Asks the running service at --url, or, with --events, replays a file of input events offline.",
            "Exit status: 0 answered, 1 the service holds no state for the tenant, 2 wrong arguments or the service "
                + "or file cannot be read."
        })
final class ExplainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant id (the tenantid of its events).")
    String tenant;

    @Parameters(index = "1", paramLabel = "USER", description = "The user id, as directory sync names it.")
    String user;

    @Parameters(index = "2", paramLabel = "SKU", description = "The SKU id, for example M365_E3.")
    String sku;

    @Option(names = "--url", paramLabel = "URL",
            defaultValue = "http://localhost:${env:SEATFLOW_HTTP_PORT:-8080}",
            description = "The service's HTTP endpoint (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Explain from the state these JSON-lines input events lead to, without a service.")
    Path events;

    @Option(names = "--json", description = "Print the answer as JSON, as /api/explain gives it.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        JsonNode answer;
        if (events != null) {
            try (BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
                Reconciler reconciler = new Reconciler();
                new ReplayCommand.Replay(reconciler, new PrintWriter(Writer.nullWriter()), false).run(in);
                answer = JSON.valueToTree(reconciler.explain(tenant, user, sku));
            } catch (NoSuchFileException e) {
                System.err.println("cannot read " + events + ": no such file");
                return Main.USAGE;
            }
        } else {
            HttpResponse<String> response;
            URI uri = URI.create(url.replaceAll("/+$", "") + "/api/explain?tenant=" + encode(tenant) + "&user="
                    + encode(user) + "&sku=" + encode(sku));
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                System.err.println("cannot reach the service at " + url + " (is it running? see --url, or use --events)");
                return Main.USAGE;
            }
            if (response.statusCode() != 200) {
                System.err.println(errorOf(response));
                return response.statusCode() == 404 ? 1 : Main.USAGE;
            }
            answer = JSON.readTree(response.body());
        }
        System.out.println(json ? JSON.writeValueAsString(answer) : String.join(System.lineSeparator(), render(answer)));
        return 0;
    }

    /** The answer for a person: the sentence first, then the facts it rests on. */
    static List<String> render(JsonNode a) {
        List<String> lines = new ArrayList<>();
        lines.add(a.path("summary").asText());
        if (!a.path("state").isNull()) {
            String reason = a.path("reason").isNull() ? "" : " (" + a.path("reason").asText() + ")";
            lines.add(String.format("  %-11s %s%s", "state", a.path("state").asText(), reason));
            lines.add(String.format("  %-11s groups %s; direct %s", "sources", list(a.path("assignedByGroups")),
                    a.path("direct").asBoolean() ? "yes" : "no"));
            for (JsonNode m : a.path("memberships")) {
                // user -> subgroup -> licensed group: how the user is a member of a granting group.
                List<String> path = new ArrayList<>();
                path.add(a.path("userId").asText());
                m.path("through").forEach(g -> path.add(g.asText()));
                lines.add(String.format("  %-11s %s", "through", String.join(" -> ", path)));
            }
            if (!a.path("poolId").isNull() && !a.path("poolId").isMissingNode()) {
                lines.add(String.format("  %-11s %s", "pool", a.path("poolId").asText()));
            }
            if (!a.path("position").isNull()) {
                lines.add(String.format("  %-11s %d in line, %d licensable ahead", "position", a.path("position").asInt(),
                        a.path("queuedAhead").asInt()));
            }
            lines.add(String.format("  %-11s %s", "since", text(a.path("since"))));
        }
        JsonNode u = a.path("user");
        lines.add(String.format("  %-11s %s, %s, usage location %s (tenant default %s)", "user",
                u.path("known").asBoolean() ? "in the directory" : "not in the directory (never upserted, or deleted)", u.path("userType").asText(),
                text(u.path("usageLocation")), text(u.path("defaultUsageLocation"))));
        lines.add(String.format("  %-11s %s", "member of", list(u.path("memberOf"))));
        JsonNode s = a.path("seats");
        lines.add(s.isNull() || s.isMissingNode()
                ? String.format("  %-11s no subscription or entitlement known for %s", "seats", a.path("skuId").asText())
                : String.format("  %-11s %d seats, %d assigned, %d available, %d waiting, status %s, alert %s%s", "seats",
                        s.path("seats").asInt(), s.path("assigned").asInt(), s.path("available").asInt(),
                        s.path("waiting").asInt(), text(s.path("status")), text(s.path("alert")),
                        s.path("reserved").asInt() > 0 ? ", " + s.path("reserved").asInt() + " reserved for pools" : ""));
        return lines;
    }

    private static String list(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(n -> items.add(n.asText()));
        return items.isEmpty() ? "-" : String.join(", ", items);
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : n.asText();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String errorOf(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("error").asText(response.body());
        } catch (IOException e) {
            return "HTTP " + response.statusCode() + ": " + response.body();
        }
    }
}

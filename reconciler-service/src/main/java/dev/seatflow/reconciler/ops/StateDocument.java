package dev.seatflow.reconciler.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.SeatsRow;
import dev.seatflow.events.UserLicenseChanged;
import dev.seatflow.reconciler.core.Waiter;
import dev.seatflow.reconciler.shell.ServiceStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON document behind the dashboard ({@code GET /api/state}): this instance's committed view
 * of its partitions, per tenant and SKU, with the head of each queue and the newest changes. Field
 * names are those of the contract's {@code licensing.seats} and change events, so a reader of the
 * topics finds the same words here.
 */
final class StateDocument {
    private final ObjectMapper json;

    StateDocument(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode of(ServiceStatus status) {
        ObjectNode doc = json.createObjectNode();
        doc.put("instance", status.instanceId());
        doc.put("ready", status.isReady());
        ArrayNode partitions = doc.putArray("assignedPartitions");
        status.assignedPartitions().forEach(partitions::add);
        ObjectNode totals = doc.putObject("totals");
        totals.put("consumed", status.consumed());
        totals.put("rejected", status.rejected());
        totals.put("produced", status.produced());
        totals.put("commits", status.commits());
        ObjectNode lag = doc.putObject("lag");
        status.lag().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lag.put(e.getKey(), e.getValue()));
        ArrayNode tenants = doc.putArray("tenants");
        Map<String, List<ServiceStatus.SkuSnapshot>> byTenant = status.skus().values().stream()
                .sorted(Comparator.comparing((ServiceStatus.SkuSnapshot s) -> s.row().tenantId())
                        .thenComparing(s -> s.row().skuId()))
                .collect(Collectors.groupingBy(s -> s.row().tenantId(), LinkedHashMap::new, Collectors.toList()));
        byTenant.forEach((tenantId, skus) -> {
            ObjectNode tenant = tenants.addObject();
            tenant.put("tenantId", tenantId);
            ArrayNode rows = tenant.putArray("skus");
            skus.forEach(s -> sku(rows.addObject(), s));
        });
        ArrayNode latest = doc.putArray("latest");
        status.latest().forEach(o -> change(latest.addObject(), o));
        return doc;
    }

    private static void sku(ObjectNode node, ServiceStatus.SkuSnapshot s) {
        SeatsRow row = s.row();
        node.put("skuId", row.skuId());
        node.put("status", row.status() == null ? null : row.status().name());
        node.put("seats", row.seats());
        node.put("assigned", row.assigned());
        node.put("waiting", row.waiting());
        node.put("available", row.available());
        node.put("overAllocated", row.overAllocated());
        node.put("queued", s.queued());
        node.put("blocked", s.blocked());
        ArrayNode queue = node.putArray("queue");
        for (Waiter w : s.queue()) {
            ObjectNode n = queue.addObject();
            n.put("position", w.position());
            n.put("userId", w.userId());
            n.put("state", w.state().name());
            n.put("reason", w.reason().name());
            n.put("since", w.since());
        }
    }

    private static void change(ObjectNode node, OutboundEvent o) {
        UserLicenseChanged c = o.data();
        node.put("time", o.time());
        node.put("tenantId", o.tenantId());
        node.put("userId", c.userId());
        node.put("skuId", c.skuId());
        node.put("state", c.state().name());
        node.put("previousState", c.previousState() == null ? null : c.previousState().name());
        node.put("reason", c.reason() == null ? null : c.reason().name());
    }
}

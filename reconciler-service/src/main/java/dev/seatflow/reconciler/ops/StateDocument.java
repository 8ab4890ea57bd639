package dev.seatflow.reconciler.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seatflow.events.AlertEvent;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.OutboundEvent;
import dev.seatflow.events.SeatAlertChanged;
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
 * of its partitions, per tenant and SKU (with its pools and alert level), the head of each queue,
 * the licensed groups' status (most members in error first), and the newest changes and alerts. Field
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
        totals.put("alerts", status.alertsProduced());
        totals.put("commits", status.commits());
        ObjectNode lag = doc.putObject("lag");
        status.lag().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lag.put(e.getKey(), e.getValue()));
        ArrayNode tenants = doc.putArray("tenants");
        Map<String, List<ServiceStatus.SkuSnapshot>> byTenant = status.skus().values().stream()
                .sorted(Comparator.comparing((ServiceStatus.SkuSnapshot s) -> s.row().tenantId())
                        .thenComparing(s -> s.row().skuId()))
                .collect(Collectors.groupingBy(s -> s.row().tenantId(), LinkedHashMap::new, Collectors.toList()));
        // Licensed groups, the most members in error first: what an admin looks at first.
        Map<String, List<GroupStatus>> groupsByTenant = status.groups().values().stream()
                .map(ServiceStatus.GroupSnapshot::row)
                .sorted(Comparator.comparing(GroupStatus::tenantId)
                        .thenComparing(Comparator.comparingInt(GroupStatus::membersWithLicenseErrors).reversed())
                        .thenComparing(GroupStatus::groupId))
                .collect(Collectors.groupingBy(GroupStatus::tenantId, LinkedHashMap::new, Collectors.toList()));
        java.util.Set<String> tenantIds = new java.util.TreeSet<>(byTenant.keySet());
        tenantIds.addAll(groupsByTenant.keySet());
        for (String tenantId : tenantIds) {
            ObjectNode tenant = tenants.addObject();
            tenant.put("tenantId", tenantId);
            ArrayNode rows = tenant.putArray("skus");
            byTenant.getOrDefault(tenantId, List.of()).forEach(s -> sku(rows.addObject(), s));
            ArrayNode groups = tenant.putArray("groups");
            groupsByTenant.getOrDefault(tenantId, List.of()).forEach(g -> groups.add(json.valueToTree(g)));
        }
        ArrayNode latest = doc.putArray("latest");
        status.latest().forEach(o -> change(latest.addObject(), o));
        ArrayNode alerts = doc.putArray("alerts");
        status.latestAlerts().forEach(a -> alert(alerts.addObject(), a));
        return doc;
    }

    private void sku(ObjectNode node, ServiceStatus.SkuSnapshot s) {
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
        if (row.lowSeatsThreshold() == null) {
            node.putNull("lowSeatsThreshold");
        } else {
            node.put("lowSeatsThreshold", row.lowSeatsThreshold());
        }
        node.put("alert", row.alert().name());
        node.put("reserved", row.reserved());
        ArrayNode pools = node.putArray("pools");
        row.pools().forEach(p -> pools.add(json.valueToTree(p)));
        ArrayNode queue = node.putArray("queue");
        for (Waiter w : s.queue()) {
            ObjectNode n = queue.addObject();
            n.put("position", w.position());
            n.put("userId", w.userId());
            n.put("state", w.state().name());
            n.put("reason", w.reason().name());
            n.put("since", w.since());
            n.put("poolId", w.poolId());
        }
    }

    private static void alert(ObjectNode node, AlertEvent a) {
        SeatAlertChanged d = a.data();
        node.put("time", a.time());
        node.put("tenantId", a.tenantId());
        node.put("skuId", d.skuId());
        node.put("level", d.level().name());
        node.put("previousLevel", d.previousLevel().name());
        node.put("seats", d.seats());
        node.put("assigned", d.assigned());
        node.put("queued", d.queued());
        node.put("available", d.available());
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

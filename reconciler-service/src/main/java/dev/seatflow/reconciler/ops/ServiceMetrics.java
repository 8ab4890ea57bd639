package dev.seatflow.reconciler.ops;

import dev.seatflow.events.AlertLevel;
import dev.seatflow.events.GroupStatus;
import dev.seatflow.events.PoolSeats;
import dev.seatflow.reconciler.shell.ServiceStatus;
import java.util.Comparator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The service's metrics in a Micrometer Prometheus registry, read from {@link ServiceStatus}: the
 * loop only counts, and the registry turns counts into what Prometheus scrapes.
 */
final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ServiceStatus status;
    private final MultiGauge lag;
    private final List<SkuGauge> skuGauges;
    private final MultiGauge alert;
    private final MultiGauge poolSeats;
    private final MultiGauge poolAssigned;
    private final MultiGauge poolQueued;
    private final MultiGauge groupMembers;
    private final MultiGauge groupErrors;

    /**
     * Per-group series only for licensed groups (those with a group-status row), and at most this many of them,
     * those with the most members in error first: a tenant licenses few groups, but nothing stops it licensing
     * thousands, and a metric per group must not grow with the directory. The dashboard and the
     * licensing.group-status topic show every group.
     */
    static final int GROUPS_SHOWN = 100;

    private record SkuGauge(MultiGauge gauge, ToDoubleFunction<ServiceStatus.SkuSnapshot> value) {
    }

    ServiceMetrics(ServiceStatus status) {
        this.status = status;
        FunctionCounter.builder("seatflow.events.consumed", status, ServiceStatus::consumed)
                .description("input records read").register(registry);
        FunctionCounter.builder("seatflow.events.rejected", status, ServiceStatus::rejected)
                .description("input records sent to licensing.rejected").register(registry);
        FunctionCounter.builder("seatflow.outputs.produced", status, ServiceStatus::produced)
                .description("licensing.user.license.changed events produced").register(registry);
        FunctionTimer.builder("seatflow.transaction.commit", status, ServiceStatus::commits,
                        ServiceStatus::commitNanos, TimeUnit.NANOSECONDS)
                .description("time to send the state rows and offsets and commit").register(registry);
        Gauge.builder("seatflow.restore.records", status, ServiceStatus::restoredRecords)
                .description("changelog records read by the last restore").register(registry);
        Gauge.builder("seatflow.ready", status, s -> s.isReady() ? 1 : 0).register(registry);
        lag = MultiGauge.builder("seatflow.consumer.lag").description("records behind the end, per input partition")
                .register(registry);
        skuGauges = List.of(
                sku("seatflow.sku.seats", s -> s.row().seats()),
                sku("seatflow.sku.assigned", s -> s.row().assigned()),
                sku("seatflow.sku.queued", ServiceStatus.SkuSnapshot::queued),
                sku("seatflow.sku.blocked", ServiceStatus.SkuSnapshot::blocked),
                sku("seatflow.sku.available", s -> s.row().available()),
                sku("seatflow.sku.over.allocated", s -> s.row().overAllocated()),
                sku("seatflow.sku.reserved", s -> s.row().reserved()));
        FunctionCounter.builder("seatflow.alerts.produced", status, ServiceStatus::alertsProduced)
                .description("licensing.seats.alert.changed events produced").register(registry);
        alert = MultiGauge.builder("seatflow.sku.alert")
                .description("the SKU's alert level as a state set: 1 for its current level, 0 for the others")
                .register(registry);
        poolSeats = MultiGauge.builder("seatflow.pool.seats").description("seats a pool reserves").register(registry);
        poolAssigned = MultiGauge.builder("seatflow.pool.assigned").description("holders whose pool it is")
                .register(registry);
        poolQueued = MultiGauge.builder("seatflow.pool.queued").description("Queued users whose pool it is")
                .register(registry);
        groupMembers = MultiGauge.builder("seatflow.group.members")
                .description("members of a licensed group, directly or through subgroups").register(registry);
        groupErrors = MultiGauge.builder("seatflow.group.members.with.license.errors")
                .description("members Queued or Blocked for at least one of the group's SKUs").register(registry);
    }

    private SkuGauge sku(String name, ToDoubleFunction<ServiceStatus.SkuSnapshot> value) {
        return new SkuGauge(MultiGauge.builder(name).register(registry), value);
    }

    String scrape() {
        // Partitions and SKUs come and go: re-register the current rows on every scrape.
        lag.register(status.lag().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("partition", e.getKey()), e.getValue()))
                .collect(Collectors.toList()), true);
        var skus = status.skus().values();
        for (SkuGauge g : skuGauges) {
            g.gauge().register(skus.stream()
                    .map(s -> MultiGauge.Row.of(Tags.of("tenant", s.row().tenantId(), "sku", s.row().skuId()),
                            g.value().applyAsDouble(s)))
                    .collect(Collectors.toList()), true);
        }
        alert.register(skus.stream().flatMap(s -> java.util.Arrays.stream(AlertLevel.values())
                        .map(level -> MultiGauge.Row.of(Tags.of("tenant", s.row().tenantId(), "sku", s.row().skuId(),
                                "level", level.name()), s.row().alert() == level ? 1 : 0)))
                .collect(Collectors.toList()), true);
        registerPools(skus);
        var groups = status.groups().values().stream().map(ServiceStatus.GroupSnapshot::row)
                .sorted(Comparator.comparingInt(GroupStatus::membersWithLicenseErrors).reversed()
                        .thenComparing(GroupStatus::tenantId).thenComparing(GroupStatus::groupId))
                .limit(GROUPS_SHOWN).toList();
        groupMembers.register(groups.stream().map(g -> MultiGauge.Row.of(groupTags(g), g.members()))
                .collect(Collectors.toList()), true);
        groupErrors.register(groups.stream().map(g -> MultiGauge.Row.of(groupTags(g), g.membersWithLicenseErrors()))
                .collect(Collectors.toList()), true);
        return registry.scrape();
    }

    private void registerPools(java.util.Collection<ServiceStatus.SkuSnapshot> skus) {
        List<MultiGauge.Row<?>> seats = new java.util.ArrayList<>();
        List<MultiGauge.Row<?>> assigned = new java.util.ArrayList<>();
        List<MultiGauge.Row<?>> queued = new java.util.ArrayList<>();
        for (ServiceStatus.SkuSnapshot s : skus) {
            for (PoolSeats p : s.row().pools()) {
                Tags tags = Tags.of("tenant", s.row().tenantId(), "sku", s.row().skuId(), "pool", p.poolId());
                seats.add(MultiGauge.Row.of(tags, p.seats()));
                assigned.add(MultiGauge.Row.of(tags, p.assigned()));
                queued.add(MultiGauge.Row.of(tags, p.queued()));
            }
        }
        poolSeats.register(seats, true);
        poolAssigned.register(assigned, true);
        poolQueued.register(queued, true);
    }

    private static Tags groupTags(GroupStatus g) {
        return Tags.of("tenant", g.tenantId(), "group", g.groupId());
    }
}

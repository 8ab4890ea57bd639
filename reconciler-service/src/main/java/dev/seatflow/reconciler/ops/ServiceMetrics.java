package dev.seatflow.reconciler.ops;

import dev.seatflow.reconciler.shell.ServiceStatus;
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
                sku("seatflow.sku.over.allocated", s -> s.row().overAllocated()));
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
        return registry.scrape();
    }
}

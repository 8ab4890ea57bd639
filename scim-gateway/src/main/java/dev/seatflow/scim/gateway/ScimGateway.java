package dev.seatflow.scim.gateway;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.scim.directory.Outcome;
import dev.seatflow.scim.directory.ScimRequest;
import dev.seatflow.scim.directory.ScimResponse;
import dev.seatflow.scim.directory.ScimService;
import dev.seatflow.scim.directory.StoreRecord;
import dev.seatflow.scim.directory.TenantDirectory;
import dev.seatflow.scim.protocol.ScimException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCIM gateway: {@code https://host/scim/v2} for identity providers, publishing {@code directory.*} events.
 *
 * <p>Reads are answered from memory, from what is committed. Writes are serialised: one at a time, a request is
 * decided by {@link ScimService} against the committed directory, its events and store records are written in
 * one Kafka transaction, and only after the commit are the records applied to memory and the answer sent. So a
 * 2xx means it is on Kafka, every later request sees it, and concurrent PATCHes of one group cannot lose a
 * member (each is decided on the result of the one before).
 */
public final class ScimGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScimGateway.class);

    private final ScimSettings settings;
    private final TokenFile tokens;
    private final KafkaStore store;
    private final Map<String, TenantDirectory> tenants;
    private final ScimService service;
    private final Clock clock = Clock.systemUTC();
    /** Held by readers of the directories; exclusively while a commit's records are applied. */
    private final ReadWriteLock directories = new ReentrantReadWriteLock();
    /** One write at a time: decide, commit, apply. */
    private final Object writer = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ScimHttpServer http;

    private ScimGateway(ScimSettings settings, TokenFile tokens, KafkaStore store, Map<String, TenantDirectory> tenants) {
        this.settings = settings;
        this.tokens = tokens;
        this.store = store;
        this.tenants = tenants;
        this.service = new ScimService(clock, () -> UUID.randomUUID().toString());
    }

    /** Reads the tokens, creates the topics, restores the store, then serves HTTP on {@link ScimSettings#port()}. */
    public static ScimGateway start(ScimSettings settings, Map<String, Object> kafkaClientProperties) {
        TokenFile tokens = TokenFile.load(settings.tokensFile());
        KafkaStore store = new KafkaStore(settings, kafkaClientProperties);
        try {
            ScimGateway gateway = new ScimGateway(settings, tokens, store, new ConcurrentHashMap<>(store.start()));
            gateway.http = ScimHttpServer.start(settings, gateway);
            log.info("SCIM gateway on http://0.0.0.0:{}/scim/v2: events to {}, resources in {} (transactional id {})",
                    gateway.http.port(), settings.directoryTopic(), settings.storeTopic(), settings.applicationId());
            return gateway;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** {@code http://localhost:<port>/scim/v2}. */
    public String localUrl() {
        return "http://localhost:" + port() + ScimHttpServer.BASE_PATH;
    }

    /** The tenant a bearer token belongs to. */
    java.util.Optional<String> tenantOf(String token) {
        return tokens.tenantOf(token);
    }

    /** Answers one authenticated request of {@code tenant}. */
    ScimResponse handle(String tenant, ScimRequest request) {
        if (store.failure().isPresent()) {
            return ScimResponse.error(ScimException.unavailable("the gateway has stopped: "
                    + store.failure().get().getMessage()));
        }
        if (request.isRead()) {
            directories.readLock().lock();
            try {
                return service.handle(request, tenants.getOrDefault(tenant, new TenantDirectory(tenant))).response();
            } finally {
                directories.readLock().unlock();
            }
        }
        synchronized (writer) {
            TenantDirectory directory = tenants.getOrDefault(tenant, new TenantDirectory(tenant));
            Outcome outcome = service.handle(request, directory);
            if (!outcome.writes()) {
                return outcome.response();
            }
            try {
                store.write(tenant, envelopes(tenant, outcome.events()), outcome.records());
            } catch (KafkaStore.WriteFailedException e) {
                log.warn("{} {} of tenant {}: not written: {}", request.method(), request.path(), tenant, e.getMessage());
                if (store.failure().isPresent()) {
                    stopSoon();
                }
                return ScimResponse.error(ScimException.unavailable(e.getMessage()));
            }
            directories.writeLock().lock();
            try {
                TenantDirectory target = tenants.computeIfAbsent(tenant, TenantDirectory::new);
                for (StoreRecord r : outcome.records()) {
                    target.apply(r);
                }
            } finally {
                directories.writeLock().unlock();
            }
            return outcome.response();
        }
    }

    private List<InboundEvent> envelopes(String tenant, List<DirectoryEvent> events) {
        String time = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        List<InboundEvent> out = new ArrayList<>(events.size());
        for (DirectoryEvent e : events) {
            out.add(new InboundEvent(new Envelope(UUID.randomUUID().toString(), "/scim/" + tenant, tenant, time), e));
        }
        return out;
    }

    private void stopSoon() {
        new Thread(this::close, "seatflow-scim-stop").start();
    }

    /** Blocks until the gateway stops; throws when it stopped because it could no longer write. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
        if (store.failure().isPresent()) {
            throw new IllegalStateException("the SCIM gateway stopped: " + store.failure().get().getMessage(),
                    store.failure().get());
        }
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        synchronized (writer) {
            if (http != null) {
                http.close();
            }
            store.close();
        }
        log.info("SCIM gateway stopped");
        stopped.countDown();
    }
}

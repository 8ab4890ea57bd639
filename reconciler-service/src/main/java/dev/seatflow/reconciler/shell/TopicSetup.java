package dev.seatflow.reconciler.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics Seatflow needs and checks they are co-partitioned: one tenant must live on
 * the same partition number in every topic, or its state and its inputs would part ways.
 */
final class TopicSetup {
    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /** Returns the partition count every topic has. */
    static int ensure(Admin admin, Settings settings, OutputTopics outputs) {
        Map<String, Boolean> topics = new LinkedHashMap<>(); // name -> compacted
        topics.put(settings.directoryTopic(), false);
        topics.put(settings.licensingTopic(), false);
        topics.putAll(outputs.compactedByTopic());

        Map<String, Integer> existing = describe(admin, settings, topics.keySet());
        int partitions = existing.values().stream().findFirst().orElse(settings.partitions());
        List<NewTopic> missing = new ArrayList<>();
        topics.forEach((name, compacted) -> {
            if (!existing.containsKey(name)) {
                NewTopic t = new NewTopic(name, Optional.of(partitions), Optional.of(settings.replicationFactor()));
                if (compacted) {
                    t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                missing.add(t);
            }
        });
        if (!missing.isEmpty()) {
            log.info("creating topics {} with {} partitions", missing.stream().map(NewTopic::name).toList(), partitions);
            try {
                admin.createTopics(missing).all().get(settings.startupTimeoutMs(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                    throw unreachable(settings, e);
                }
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failed(settings, "cannot create topics " + missing.stream().map(NewTopic::name).toList(),
                            e.getCause());
                }
            } catch (TimeoutException e) {
                throw unreachable(settings, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while creating topics", e);
            }
        }
        Map<String, Integer> all = awaitAll(admin, settings, topics.keySet());
        if (all.values().stream().distinct().count() > 1) {
            throw new StartupException("topics are not co-partitioned: every Seatflow topic needs the same partition "
                    + "count so that a tenant lives on one partition everywhere, but found " + all
                    + ". Recreate or expand the odd ones out.", null);
        }
        return all.values().iterator().next();
    }

    /** New topics take a moment to appear in the metadata every broker serves; wait for all of them. */
    private static Map<String, Integer> awaitAll(Admin admin, Settings settings, java.util.Set<String> names) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.startupTimeoutMs());
        long backoffMs = 20;
        while (true) {
            Map<String, Integer> found = describe(admin, settings, names);
            if (found.keySet().containsAll(names)) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                List<String> missing = new ArrayList<>(names);
                missing.removeAll(found.keySet());
                throw new StartupException("topics " + missing + " still do not exist after creating them", null);
            }
            try {
                Thread.sleep(backoffMs); // polling the cluster's metadata; there is nothing to wait on instead
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for topics", e);
            }
            backoffMs = Math.min(backoffMs * 2, 500);
        }
    }

    private static Map<String, Integer> describe(Admin admin, Settings settings, Iterable<String> names) {
        Map<String, Integer> found = new LinkedHashMap<>();
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        try {
            Map<String, org.apache.kafka.common.KafkaFuture<TopicDescription>> futures =
                    admin.describeTopics(list).topicNameValues();
            for (String name : list) {
                try {
                    found.put(name, futures.get(name).get(settings.startupTimeoutMs(), TimeUnit.MILLISECONDS)
                            .partitions().size());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                        throw unreachable(settings, e);
                    }
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw failed(settings, "cannot describe topic " + name, e.getCause());
                    }
                }
            }
        } catch (TimeoutException e) {
            throw unreachable(settings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while describing topics", e);
        }
        return found;
    }

    /**
     * The admin client for the startup checks. Kafka refuses to create a client from settings it cannot use (a
     * truststore that does not load, a malformed JAAS line) with "Failed to create new KafkaAdminClient"; the
     * reason is in the innermost cause.
     */
    static Admin admin(Map<String, Object> config, Settings settings) {
        try {
            return Admin.create(config);
        } catch (KafkaException e) {
            Throwable reason = e;
            while (reason.getCause() != null && reason.getCause() != reason) {
                reason = reason.getCause();
            }
            throw new StartupException("cannot create a Kafka client from these settings: "
                    + settings.redact(String.valueOf(reason.getMessage())) + ": check the KAFKA_* settings "
                    + "(security protocol, SASL, TLS key and trust stores)", e);
        }
    }

    /** Refused credentials or a missing ACL say which setting to fix; anything else says what failed. */
    static StartupException failed(Settings settings, String what, Throwable cause) {
        return new StartupException(AccessFailure.find(cause, settings).map(AccessFailure::message)
                .orElseGet(() -> what + ": " + settings.redact(cause.getMessage())), cause);
    }

    static StartupException unreachable(Settings settings, Exception cause) {
        return new StartupException("cannot reach Kafka at " + settings.bootstrapServers() + " within "
                + settings.startupTimeoutMs() + " ms: check KAFKA_BOOTSTRAP_SERVERS, the network, and the "
                + "security settings (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*)", cause);
    }

    /** The service cannot start; the message says why and what to check. */
    static final class StartupException extends RuntimeException {
        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

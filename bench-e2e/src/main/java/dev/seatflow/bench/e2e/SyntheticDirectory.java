package dev.seatflow.bench.e2e;

import dev.seatflow.events.DirectoryEvent.GroupMemberAdded;
import dev.seatflow.events.DirectoryEvent.GroupMemberRemoved;
import dev.seatflow.events.DirectoryEvent.UserUpserted;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicensingEvent.GroupLicenseAssigned;
import dev.seatflow.events.LicensingEvent.SubscriptionUpserted;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Utils;

/**
 * A seeded, Entra-like directory of several tenants, spread over the partitions, holding about the
 * requested number of memberships. The same seed gives the same directory and the same events.
 *
 * <p>Each tenant has the mix of the JMH benchmarks ({@code bench/SyntheticTenant}): GUID ids, 1,000
 * groups and 10 SKUs, each SKU licensed through one of 10 license groups; every user is in one base
 * license group (70% / 20% / 10%), 20% also in one add-on group, and in 9 of the 990 unlicensed
 * groups, so ~10.2 memberships and ~1.2 entitlements per user; each SKU has seats for 60% of its
 * entitled users; 3% of users lack a usage location and 3% are guests. About 12% of membership
 * events therefore touch a license, as in a real directory where most groups are for access/mail.
 *
 * <p>Tenant ids are chosen so that tenant {@code i} hashes (Kafka's default partitioner) to
 * partition {@code i % partitions}: the load is spread evenly, as it is over many real tenants.
 */
final class SyntheticDirectory {
    static final String DIRECTORY_SOURCE = "/bench/directory-sync";
    static final String LICENSING_SOURCE = "/bench/license-admin";
    /** Events carry a time, as real ones do; the outputs copy it, so their size is realistic. */
    static final String TIME = "2026-11-28T09:00:00Z";
    static final int GROUPS = 1_000;
    static final int SKUS = 10;
    static final int ORDINARY_GROUPS_PER_USER = 9;
    static final double MEMBERSHIPS_PER_USER = 10.2;
    private static final String[] LOCATIONS = {"US", "DE", "GB", "FR", "IN", "JP", "BR", "NL"};

    final List<TenantData> tenants;
    final long memberships;
    final long users;

    private SyntheticDirectory(List<TenantData> tenants) {
        this.tenants = tenants;
        this.memberships = tenants.stream().mapToLong(t -> t.shuffled.length).sum();
        this.users = tenants.stream().mapToLong(t -> t.userIds.length).sum();
    }

    /** About {@code memberships} memberships over {@code tenantCount} tenants. */
    static SyntheticDirectory generate(long seed, long memberships, int tenantCount, int partitions) {
        Random rnd = new Random(seed);
        int usersPerTenant = (int) Math.max(1, Math.ceil(memberships / (tenantCount * MEMBERSHIPS_PER_USER)));
        List<String> ids = tenantIds("tenant-", tenantCount, partitions);
        List<TenantData> tenants = new ArrayList<>();
        for (int i = 0; i < tenantCount; i++) {
            tenants.add(new TenantData(ids.get(i), i % partitions, usersPerTenant, rnd));
        }
        return new SyntheticDirectory(tenants);
    }

    /** {@code count} tenant ids; the i-th hashes to partition {@code i % partitions}. */
    static List<String> tenantIds(String prefix, int count, int partitions) {
        List<String> ids = new ArrayList<>();
        for (int i = 0, candidate = 0; i < count; candidate++) {
            String id = prefix + candidate;
            if (partitionOf(id, partitions) == i % partitions) {
                ids.add(id);
                i++;
            }
        }
        return ids;
    }

    /** Where Kafka's default partitioner puts a record keyed by this tenant id. */
    static int partitionOf(String tenantId, int partitions) {
        return Utils.toPositive(Utils.murmur2(tenantId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    long inputEvents() {
        return licensingEvents() + users + memberships;
    }

    long licensingEvents() {
        return (long) tenants.size() * SKUS * 2;
    }

    /** Per tenant: the subscriptions, then a license on each license group (before its members join). */
    void forEachLicensingEvent(Consumer<InboundEvent> out) {
        for (TenantData t : tenants) {
            for (int s = 0; s < SKUS; s++) {
                out.accept(event(t.id, LICENSING_SOURCE, "sku-" + s, new SubscriptionUpserted(t.skuIds[s],
                        t.seats[s], SubscriptionStatus.Enabled, List.of("EXCHANGE_S_STANDARD", "TEAMS1"))));
            }
            for (int s = 0; s < SKUS; s++) {
                out.accept(event(t.id, LICENSING_SOURCE, "license-" + s,
                        new GroupLicenseAssigned(t.groupIds[s], t.skuIds[s], List.of())));
            }
        }
    }

    /**
     * Per tenant: every user upserted, then every membership added in a seeded random order; the
     * tenants interleaved, so every partition is busy all along.
     */
    void forEachDirectoryEvent(Consumer<InboundEvent> out) {
        int longest = tenants.stream().mapToInt(TenantData::directoryEvents).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (TenantData t : tenants) {
                if (i < t.directoryEvents()) {
                    out.accept(t.directoryEvent(i));
                }
            }
        }
    }

    /**
     * The n-th event of a membership churn over the loaded directory: each membership in turn is
     * removed, then added back; tenants take turns. Event ids start with {@code c-} and hold n.
     */
    InboundEvent churn(long n) {
        TenantData t = tenants.get((int) (n % tenants.size()));
        long k = n / tenants.size();
        long m = t.shuffled[(int) ((k / 2) % t.shuffled.length)];
        String id = "c-" + n;
        return k % 2 == 0
                ? event(t.id, DIRECTORY_SOURCE, id, new GroupMemberRemoved(t.groupIds[groupOf(m)], t.userIds[userOf(m)]))
                : event(t.id, DIRECTORY_SOURCE, id, new GroupMemberAdded(t.groupIds[groupOf(m)], t.userIds[userOf(m)]));
    }

    /** Whether the n-th churn event touches a licensed group, so it has outputs whose latency counts. */
    boolean churnTouchesLicense(long n) {
        TenantData t = tenants.get((int) (n % tenants.size()));
        long k = n / tenants.size();
        return groupOf(t.shuffled[(int) ((k / 2) % t.shuffled.length)]) < SKUS;
    }

    static InboundEvent event(String tenant, String source, String id, InputEvent data) {
        return new InboundEvent(new Envelope(id, source, tenant, TIME), data);
    }

    static String guid(Random rnd) {
        return new UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    static int userOf(long membership) {
        return (int) (membership >>> 32);
    }

    static int groupOf(long membership) {
        return (int) membership;
    }

    /** One tenant: ids, attributes, and every membership as (user << 32 | group), shuffled. */
    static final class TenantData {
        final String id;
        final int partition;
        final String[] userIds;
        final String[] groupIds = new String[GROUPS];
        final String[] skuIds = new String[SKUS];
        final String[] usageLocation;
        final UserType[] userType;
        final int[] seats = new int[SKUS];
        final long[] shuffled;

        TenantData(String id, int partition, int users, Random rnd) {
            this.id = id;
            this.partition = partition;
            userIds = new String[users];
            usageLocation = new String[users];
            userType = new UserType[users];
            for (int i = 0; i < users; i++) {
                userIds[i] = guid(rnd);
            }
            for (int i = 0; i < GROUPS; i++) {
                groupIds[i] = guid(rnd);
            }
            for (int i = 0; i < SKUS; i++) {
                skuIds[i] = guid(rnd);
            }
            int[] entitled = new int[SKUS];
            long[] all = new long[(int) (users * (ORDINARY_GROUPS_PER_USER + 2L))];
            int n = 0;
            for (int u = 0; u < users; u++) {
                int roll = rnd.nextInt(100);
                usageLocation[u] = roll < 3 ? null : LOCATIONS[rnd.nextInt(LOCATIONS.length)];
                userType[u] = roll >= 3 && roll < 6 ? UserType.Guest : UserType.Member;
                int base = rnd.nextInt(100);
                int[] mine = new int[ORDINARY_GROUPS_PER_USER + 2];
                int k = 0;
                mine[k++] = base < 70 ? 0 : base < 90 ? 1 : 2;
                if (rnd.nextInt(100) < 20) {
                    mine[k++] = 3 + rnd.nextInt(SKUS - 3);
                }
                int licensed = k;
                while (k < licensed + ORDINARY_GROUPS_PER_USER) {
                    int g = SKUS + rnd.nextInt(GROUPS - SKUS);
                    if (Arrays.stream(mine, 0, k).noneMatch(x -> x == g)) {
                        mine[k++] = g;
                    }
                }
                for (int i = 0; i < k; i++) {
                    if (mine[i] < SKUS) {
                        entitled[mine[i]]++;
                    }
                    all[n++] = ((long) u << 32) | mine[i];
                }
            }
            shuffled = Arrays.copyOf(all, n);
            for (int j = shuffled.length - 1; j > 0; j--) {
                int r = rnd.nextInt(j + 1);
                long tmp = shuffled[j];
                shuffled[j] = shuffled[r];
                shuffled[r] = tmp;
            }
            for (int s = 0; s < SKUS; s++) {
                seats[s] = entitled[s] * 60 / 100;
            }
        }

        int directoryEvents() {
            return userIds.length + shuffled.length;
        }

        InboundEvent directoryEvent(int i) {
            if (i < userIds.length) {
                return event(id, DIRECTORY_SOURCE, "u-" + i, new UserUpserted(userIds[i], usageLocation[i], userType[i]));
            }
            long m = shuffled[i - userIds.length];
            return event(id, DIRECTORY_SOURCE, "m-" + (i - userIds.length),
                    new GroupMemberAdded(groupIds[groupOf(m)], userIds[userOf(m)]));
        }
    }
}

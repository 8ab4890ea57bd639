package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The merge of the two input topics of one partition, by timestamp, as Kafka Streams does it. */
class PartitionInboxTest {
    private static final Function<PartitionInbox.Side, PartitionInbox.Lag> NEVER_CAUGHT_UP = side -> PartitionInbox.Lag.BEHIND;
    private static final Function<PartitionInbox.Side, PartitionInbox.Lag> ALWAYS_CAUGHT_UP = side -> PartitionInbox.Lag.CAUGHT_UP;
    private static final Function<PartitionInbox.Side, PartitionInbox.Lag> NOT_FETCHED_YET = side -> PartitionInbox.Lag.UNKNOWN;

    private final PartitionInbox inbox = new PartitionInbox(1_000);

    @Test
    void recordsGoInTimestampOrderAcrossBothTopics() {
        inbox.addDirectory(record("directory.changes", 0, 10));
        inbox.addDirectory(record("directory.changes", 1, 30));
        inbox.addLicensing(record("licensing.config", 0, 20));
        inbox.addLicensing(record("licensing.config", 1, 40));

        assertThat(drain(0, ALWAYS_CAUGHT_UP)).containsExactly("d10", "l20", "d30", "l40");
    }

    @Test
    void tiesGoToTheDirectoryFirst() {
        inbox.addLicensing(record("licensing.config", 0, 10));
        inbox.addDirectory(record("directory.changes", 0, 10));

        assertThat(drain(0, ALWAYS_CAUGHT_UP)).containsExactly("d10", "l10");
    }

    @Test
    void oneSideWaitsWhileTheOtherMayStillHaveEarlierRecords() {
        inbox.addDirectory(record("directory.changes", 0, 50));

        assertThat(inbox.next(0, NEVER_CAUGHT_UP)).isNull();
        assertThat(inbox.next(999, NEVER_CAUGHT_UP)).as("records of the other side are on their way").isNull();

        inbox.addLicensing(record("licensing.config", 0, 20));
        assertThat(drain(1_000, NEVER_CAUGHT_UP)).containsExactly("l20");
        // The licensing side is empty again: the directory waits anew.
        assertThat(drain(1_999, NEVER_CAUGHT_UP)).isEmpty();
        assertThat(drain(2_000, NEVER_CAUGHT_UP)).containsExactly("d50");
    }

    @Test
    void oneSideGoesOnAloneOnceTheOtherIsCaughtUp() {
        inbox.addDirectory(record("directory.changes", 0, 50));

        assertThat(drain(0, side -> side == PartitionInbox.Side.LICENSING ? PartitionInbox.Lag.CAUGHT_UP
                : PartitionInbox.Lag.BEHIND)).containsExactly("d50");
    }

    @Test
    void oneSideGoesOnAloneWhenTheOtherCannotBeFetchedWithinTheIdleTime() {
        inbox.addLicensing(record("licensing.config", 0, 50));
        assertThat(inbox.next(100, NEVER_CAUGHT_UP)).isNull();
        assertThat(inbox.next(1_099, NEVER_CAUGHT_UP)).isNull();

        assertThat(drain(1_100, NEVER_CAUGHT_UP)).as("the idle time is the bound").containsExactly("l50");
    }

    @Test
    void aSideNotFetchedYetSinceTheAssignmentIsWaitedForAtMostTheIdleTime() {
        inbox.addDirectory(record("directory.changes", 0, 50));
        assertThat(inbox.next(0, NOT_FETCHED_YET)).isNull();

        assertThat(drain(999, NOT_FETCHED_YET)).as("the lag still unknown").isEmpty();
        assertThat(drain(1_000, NOT_FETCHED_YET)).as("the idle time is up").containsExactly("d50");
    }

    private List<String> drain(long now, Function<PartitionInbox.Side, PartitionInbox.Lag> caughtUp) {
        List<String> out = new ArrayList<>();
        ConsumerRecord<byte[], byte[]> r;
        while ((r = inbox.next(now, caughtUp)) != null) {
            out.add(r.topic().charAt(0) + Long.toString(r.timestamp()));
        }
        return out;
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, long offset, long timestamp) {
        return new ConsumerRecord<>(topic, 0, offset, timestamp, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, 0, null, null, new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
    }
}

package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the merge is told about a side with nothing buffered. */
class PartitionTasksTest {
    private final Settings settings = Settings.forCluster("fake:9092", Map.of("partitions", "1"));
    private final FakeKafka kafka = new FakeKafka(settings);
    private final PartitionTasks tasks = new PartitionTasks(settings, new StateRestorer(kafka.restoreConsumer,
            settings.changelogTopic(), 10, 1_000), new ServiceStatus(), () -> { });

    @Test
    void aSideTheConsumerLastSawCaughtUpIsBehindWhenItsEndOffsetSaysSo() {
        tasks.subscribe(kafka.consumer);
        kafka.assignAll();
        kafka.consumer.poll(java.time.Duration.ZERO); // the assignment: restored, positions at the beginning
        kafka.publishRaw(settings.licensingTopic(), "t", new byte[] {'{', '}'});
        kafka.staleLag = true; // the consumer's lag is from a fetch before that append

        tasks.newPoll();
        assertThat(tasks.lagOf(PartitionInbox.Side.LICENSING, 0)).isEqualTo(PartitionInbox.Lag.BEHIND);
        assertThat(tasks.lagOf(PartitionInbox.Side.DIRECTORY, 0)).isEqualTo(PartitionInbox.Lag.CAUGHT_UP);
    }
}

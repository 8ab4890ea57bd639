package dev.seatflow.reconciler.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The INFO line per interval: what happened in the interval, and where the service stands now. */
class SummaryLogTest {

    @Test
    void aSummaryCountsTheIntervalAndShowsLagPartitionsAndReadiness() {
        ServiceStatus status = new ServiceStatus();
        status.consumed.set(100);
        status.produced.set(40);
        status.committed(100, 5_000_000);
        SummaryLog summary = new SummaryLog(status, 0);
        assertThat(summary.summarize(1_000_000_000L)).isEqualTo(
                "summary 1.0s: consumed=0 rejected=0 produced=0 commits=0 meanCommitMs=0.0 lag=0 partitions=[] ready=false");

        status.consumed.addAndGet(1_200);
        status.rejected.addAndGet(3);
        status.produced.addAndGet(3_400);
        status.committed(600, 2_000_000);
        status.committed(600, 4_000_000);
        status.lag("directory.changes-0", 7);
        status.lag("licensing.config-0", 5);
        status.setAssigned(Set.of(2, 0, 1));
        status.phase(ServiceStatus.Phase.RUNNING);
        status.contact();

        assertThat(summary.summarize(61_000_000_000L)).isEqualTo(
                "summary 60.0s: consumed=1200 rejected=3 produced=3400 commits=2 meanCommitMs=3.0 lag=12 "
                        + "partitions=[0, 1, 2] ready=true");
    }
}

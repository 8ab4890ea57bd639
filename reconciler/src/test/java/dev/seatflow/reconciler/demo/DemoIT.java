package dev.seatflow.reconciler.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.Topics;
import dev.seatflow.testkit.KafkaCluster;
import dev.seatflow.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code demo} against a cluster of the user's: its topics and application id are its own, and each step's change
 * events are printed under that step's heading, before the next heading.
 */
@WithKafka
class DemoIT {

    @Test
    void onAGivenClusterTheDemoKeepsToItsOwnTopicsAndTellsTheStoryInOrder(KafkaCluster kafka) throws Exception {
        String prefix = kafka.uniqueName("seatflow-demo") + ".";
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        new Demo(out, Duration.ZERO, 3, Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SEATFLOW_HTTP_PORT", "0", "SEATFLOW_TOPIC_DIRECTORY", Topics.DIRECTORY_CHANGES), prefix).run();

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("topics and an application id of its own ("
                + prefix + "*"));
        Set<String> topics = kafka.admin().listTopics().names().get();
        assertThat(topics).contains(prefix + Topics.DIRECTORY_CHANGES, prefix + Topics.ASSIGNMENTS)
                .doesNotContain(Topics.DIRECTORY_CHANGES, Topics.LICENSING_CONFIG, Topics.ASSIGNMENTS);

        List<List<String>> sections = sections(lines);
        assertThat(sections).hasSize(4);
        assertThat(sections.get(0).get(0)).startsWith("== Publishing tenant 'contoso'");
        assertThat(events(sections.get(0))).as("the initial tenant's events, all before the first step").hasSizeGreaterThan(300);
        SampleDirectory directory = new SampleDirectory();
        for (int step = 0; step < 3; step++) {
            List<String> section = sections.get(step + 1);
            assertThat(section.get(0)).isEqualTo("== " + directory.step(step).headline() + " ==");
            assertThat(events(section)).as("step %d's own change events under its heading", step).isNotEmpty();
            assertThat(section).as("the seats table after each step").anySatisfy(l -> assertThat(l).contains("SKU"));
        }
        String leaver = directory.step(0).headline().split(" ")[0];
        assertThat(events(sections.get(1))).anySatisfy(l -> assertThat(l).contains(leaver).contains("Removed"));
        assertThat(events(sections.get(2))).allSatisfy(l -> assertThat(l).doesNotContain(leaver + " "));
    }

    /** The output cut at each "== ... ==" heading; each section starts with its heading. */
    private static List<List<String>> sections(List<String> lines) {
        List<List<String>> sections = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("== ")) {
                sections.add(new ArrayList<>());
            }
            if (!sections.isEmpty()) {
                sections.get(sections.size() - 1).add(l);
            }
        }
        return sections;
    }

    /** The change-event lines of a section ("09:14:24  ava.chen  M365_E3  Assigned  <- none"). */
    private static List<String> events(List<String> section) {
        return section.stream().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  .*")).toList();
    }
}

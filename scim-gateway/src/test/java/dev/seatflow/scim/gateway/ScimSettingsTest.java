package dev.seatflow.scim.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScimSettingsTest {

    @Test
    void theConfigFileGivesSettingsAndTheEnvironmentWins() {
        Properties file = new Properties();
        file.setProperty("seatflow.scim.tokens.file", "/etc/seatflow/tokens.properties");
        file.setProperty("seatflow.scim.port", "9000");
        file.setProperty("seatflow.topic.directory", "dir");
        ScimSettings s = ScimSettings.from(file, Map.of("SEATFLOW_SCIM_PORT", "9100",
                "SEATFLOW_SCIM_APPLICATION_ID", "scim-eu", "SEATFLOW_SCIM_BASE_URL", "https://s.example.com/scim/v2/"));
        assertThat(s.tokensFile()).isEqualTo(Path.of("/etc/seatflow/tokens.properties"));
        assertThat(s.port()).isEqualTo(9100);
        assertThat(s.directoryTopic()).isEqualTo("dir");
        assertThat(s.storeTopic()).isEqualTo("scim-eu.resources");
        assertThat(s.baseUrl()).isEqualTo("https://s.example.com/scim/v2");
    }

    @Test
    void defaultsFollowTheContract() {
        ScimSettings s = ScimSettings.of(Map.of());
        assertThat(s.port()).isEqualTo(8081);
        assertThat(s.directoryTopic()).isEqualTo("directory.changes");
        assertThat(s.storeTopic()).isEqualTo("seatflow-scim.resources");
        assertThatThrownBy(s::tokensFile).hasMessageContaining("SEATFLOW_SCIM_TOKENS_FILE");
        assertThatThrownBy(() -> ScimSettings.of(Map.of("scim.port", "eighty")).port())
                .hasMessageContaining("seatflow.scim.port must be a whole number");
    }
}

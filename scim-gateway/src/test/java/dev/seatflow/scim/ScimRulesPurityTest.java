package dev.seatflow.scim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The SCIM rules (packages {@code protocol} and {@code directory}) decide a request from the request and the
 * tenant's resources alone: HTTP, Kafka, files and the clock stay in {@code gateway}, so that the rules are
 * tested as plain functions and the shell stays thin.
 */
class ScimRulesPurityTest {
    private static final JavaClasses RULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seatflow.scim.protocol", "dev.seatflow.scim.directory");

    @Test
    void theRulesDoNoNetworkKafkaOrFileIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "com.sun.net.httpserver..",
                        "java.net..", "java.nio.file..", "dev.seatflow.scim.gateway..")
                .because("the gateway package does the I/O; the rules are request + resources -> outcome")
                .check(RULES);
    }

    @Test
    void theRulesReadNoClockAndDrawNoIds() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .because("time and new ids come in through ScimService's constructor, so tests fix them")
                .check(RULES);
    }
}

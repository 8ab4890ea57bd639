package dev.seatflow.reconciler.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The compiler keeps Kafka and JSON out of the core (its classpath has the event records only).
 * What the JDK itself offers, a clock, randomness, files and sockets, is checked here on the
 * compiled classes: replay and the live service agree only while the core cannot reach any of it.
 */
class CorePurityTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seatflow.reconciler.core");

    @Test
    void coreReadsNoClockAndNoRandomness() {
        ArchRule rule = noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .because("the same input sequence must give the same outputs, byte for byte");
        rule.check(CORE);
    }

    @Test
    void coreDoesNoIo() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..",
                        "java.net..", "java.sql..", "java.lang.reflect..")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "com.fasterxml..")
                .because("the core is a function of state and event; the shell does the I/O");
        rule.check(CORE);
    }
}

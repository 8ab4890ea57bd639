package dev.seatflow.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a real Kafka broker: declare a {@link KafkaCluster} parameter on a test,
 * lifecycle method or constructor. One broker serves the whole test run; see {@link KafkaExtension} for which one.
 *
 * <pre>{@code
 * @WithKafka
 * class ReconcilerIT {
 *     @Test
 *     void reconciles(KafkaCluster kafka) {
 *         String input = kafka.uniqueName("input");
 *         kafka.createTopics(3, input);
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {
}

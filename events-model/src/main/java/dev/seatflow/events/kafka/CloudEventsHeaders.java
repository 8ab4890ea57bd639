package dev.seatflow.events.kafka;

/** The record header that marks a value as a structured-mode CloudEvent (CloudEvents Kafka binding). */
public final class CloudEventsHeaders {
    public static final String CONTENT_TYPE_HEADER = "content-type";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private CloudEventsHeaders() {
    }
}

package dev.seatflow.reconciler.core;

/**
 * What identifies an input event (CloudEvents): its {@code source} and {@code id}. The same id from
 * another source is another event. The dedup window holds these ({@link StateRecord.SeenBlock}).
 */
public record EventKey(String source, String id) {
}

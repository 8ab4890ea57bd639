package dev.seatflow.events.json;

import dev.seatflow.events.InboundEvent;

/**
 * The two input decoders side by side, for the benchmarks: the streaming one that
 * {@link EventCodec#decodeInput} uses and the tree-model one it replaced, which the codec keeps
 * package-private as the tests' reference. This class sits in the codec's package (in the bench
 * module) only to reach that reference.
 */
public final class InputDecoders {

    private InputDecoders() {
    }

    public static InboundEvent streaming(byte[] json) throws InvalidEventException {
        return EventCodec.INSTANCE.decodeInput(json);
    }

    public static InboundEvent tree(byte[] json) throws InvalidEventException {
        return EventCodec.INSTANCE.decodeInputWithTree(json);
    }
}

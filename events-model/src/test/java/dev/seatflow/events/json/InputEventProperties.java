package dev.seatflow.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.events.DirectoryEvent;
import dev.seatflow.events.Envelope;
import dev.seatflow.events.InboundEvent;
import dev.seatflow.events.InputEvent;
import dev.seatflow.events.LicensingEvent;
import dev.seatflow.events.SubscriptionStatus;
import dev.seatflow.events.UserType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InputEventProperties {

    private static final EventCodec CODEC = EventCodec.INSTANCE;

    @Property(tries = 2000)
    void decoding_an_encoded_input_event_gives_back_an_equal_event(@ForAll("inputEvents") InboundEvent e)
            throws InvalidEventException {
        assertThat(CODEC.decodeInput(CODEC.encodeInput(e))).isEqualTo(e);
    }

    @Property(tries = 300)
    void every_encoded_input_event_validates_against_the_schema_of_its_type(@ForAll("inputEvents") InboundEvent e) {
        String json = new String(CODEC.encodeInput(e), StandardCharsets.UTF_8);

        assertThat(Examples.schemaErrors(e.data().type(), json)).isEmpty();
    }

    @Provide
    Arbitrary<InboundEvent> inputEvents() {
        return anyInputEvent();
    }

    /** Any valid input event, of every type, with any text in its strings; shared with {@link InputDecoderProperties}. */
    static Arbitrary<InboundEvent> anyInputEvent() {
        Arbitrary<Envelope> envelopes = Combinators.combine(ids(), ids(), ids(), times()).as(Envelope::new);
        return Combinators.combine(envelopes, data()).as(InboundEvent::new);
    }

    private static Arbitrary<InputEvent> data() {
        Arbitrary<String> optionalIds = ids().injectNull(0.3);
        return Arbitraries.oneOf(
                Combinators.combine(ids(), optionalIds, Arbitraries.of(UserType.class)).as(DirectoryEvent.UserUpserted::new),
                ids().map(DirectoryEvent.UserDeleted::new),
                Combinators.combine(ids(), ids()).as(DirectoryEvent.GroupMemberAdded::new),
                Combinators.combine(ids(), ids()).as(DirectoryEvent.GroupMemberRemoved::new),
                ids().map(DirectoryEvent.GroupDeleted::new),
                Combinators.combine(ids(), ids()).as(DirectoryEvent.GroupSubgroupAdded::new),
                Combinators.combine(ids(), ids()).as(DirectoryEvent.GroupSubgroupRemoved::new),
                Combinators.combine(ids(), counts(), Arbitraries.of(SubscriptionStatus.class),
                        text().list().ofMaxSize(4), counts().injectNull(0.3)).as(LicensingEvent.SubscriptionUpserted::new),
                Combinators.combine(ids(), ids(), ids().list().ofMaxSize(4)).as(LicensingEvent.GroupLicenseAssigned::new),
                Combinators.combine(ids(), ids()).as(LicensingEvent.GroupLicenseRemoved::new),
                Combinators.combine(ids(), ids(), ids().list().ofMaxSize(4)).as(LicensingEvent.UserLicenseAssigned::new),
                Combinators.combine(ids(), ids()).as(LicensingEvent.UserLicenseRemoved::new),
                optionalIds.map(LicensingEvent.TenantSettingsUpserted::new),
                optionalIds.map(LicensingEvent.ReprocessRequested::new),
                Combinators.combine(ids(), ids(), ids(), counts(), Arbitraries.of(true, false))
                        .as(LicensingEvent.PoolUpserted::new),
                ids().map(LicensingEvent.PoolRemoved::new));
    }

    private static Arbitrary<Integer> counts() {
        return Arbitraries.integers().greaterOrEqual(0);
    }

    /** Any text a Java string can hold as valid UTF-16: controls, quotes, backslashes and supplementary characters. */
    private static Arbitrary<String> text() {
        Arbitrary<String> bmp = Arbitraries.strings()
                .withCharRange('\u0000', '\uD7FF')
                .withCharRange('\uE000', '\uFFFD')
                .withChars('"', '\\', '/')
                .ofMaxLength(12);
        return Arbitraries.oneOf(bmp, bmp.map(s -> s + "\uD83D\uDE00"));
    }

    private static Arbitrary<String> ids() {
        return text().filter(s -> !s.isEmpty());
    }

    private static Arbitrary<String> times() {
        Arbitrary<Instant> instants = Combinators.combine(
                        Arbitraries.longs().between(0, 253402300799L), Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        return instants.map(Instant::toString).injectNull(0.3);
    }
}

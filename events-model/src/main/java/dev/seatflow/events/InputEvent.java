package dev.seatflow.events;

/** The {@code data} of an input event: what directory sync or license administration says happened. */
public sealed interface InputEvent permits DirectoryEvent, LicensingEvent {

    /** The CloudEvents {@code type} of this event, e.g. {@code directory.group.member.added}. */
    default String type() {
        return EventType.of(this).type();
    }
}

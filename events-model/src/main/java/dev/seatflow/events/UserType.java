package dev.seatflow.events;

/** Entra's {@code userType}. Enum constants are spelled as on the wire. */
public enum UserType {
    Member,
    Guest
}

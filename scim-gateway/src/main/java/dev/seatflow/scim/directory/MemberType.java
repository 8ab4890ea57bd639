package dev.seatflow.scim.directory;

/** What a group member is: a user, or a group nested in it (contract v2: a subgroup). */
public enum MemberType {
    User,
    Group
}

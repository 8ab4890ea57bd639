package dev.seatflow.scim.protocol;

/**
 * The {@code path} of a PATCH operation: an attribute, optionally narrowed to the values matching
 * {@code valueFilter} and to one {@code subAttribute} of those values ({@code emails[type eq "work"].value}).
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {

    public static PatchPath parse(String path) {
        return FilterParser.parsePath(path);
    }
}

package dev.seatflow.reconciler.shell;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The next input offsets of one partition number ({@code directory.changes} and {@code licensing.config}), -1 for
 * a side never committed. Every transaction writes them to the changelog partition next to the state it changed,
 * so the changelog says which inputs its state contains. A restore reads until the changelog's positions equal the
 * committed offsets: a transaction is committed before all of its markers are written, so for a moment the
 * changelog (read up to its last stable offset) can be behind the offsets, and going on then would skip inputs
 * whose effect the state lacks.
 */
record InputPositions(long directory, long licensing) {
    static final InputPositions NONE = new InputPositions(-1, -1);

    /** The changelog key of these records; a tenant's keys start with a digit, so they never meet. */
    static final byte[] CHANGELOG_KEY = "#input-positions".getBytes(StandardCharsets.UTF_8);
    private static final Pattern VALUE = Pattern.compile(
            "\\{\"kind\":\"input-positions\",\"directory\":(-?\\d+),\"licensing\":(-?\\d+)}");

    InputPositions withDirectory(long offset) {
        return new InputPositions(offset, licensing);
    }

    InputPositions withLicensing(long offset) {
        return new InputPositions(directory, offset);
    }

    static boolean isChangelogKey(byte[] key) {
        return key != null && key.length > 0 && key[0] == '#';
    }

    byte[] changelogValue() {
        return ("{\"kind\":\"input-positions\",\"directory\":" + directory + ",\"licensing\":" + licensing + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static InputPositions fromChangelog(byte[] value) {
        Matcher m = VALUE.matcher(new String(value, StandardCharsets.UTF_8));
        if (!m.matches()) {
            throw new IllegalArgumentException("not an input-positions record: " + new String(value, StandardCharsets.UTF_8));
        }
        return new InputPositions(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public String toString() {
        return "directory " + directory + ", licensing " + licensing;
    }
}

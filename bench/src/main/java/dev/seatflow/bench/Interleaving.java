package dev.seatflow.bench;

import java.util.Arrays;

/**
 * What the one-process before/after harnesses ({@link InterleavedChurn}, {@link InterleavedFanOut})
 * share: their {@code name=value} arguments, and the median they report of each pairwise figure.
 */
final class Interleaving {
    private Interleaving() {
    }

    static String option(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

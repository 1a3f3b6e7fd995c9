package org.betadarts.data;

/** Index lists selecting parts of an image set. */
public final class Splits {
    private Splits() {}

    /** The indices 0..n-1. */
    public static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * Splits 0..n-1, in order, into the first floor(firstPortion * n) indices and the rest.
     * Returns {first, rest}.
     */
    public static int[][] divide(int n, double firstPortion) {
        if (!(firstPortion >= 0 && firstPortion <= 1)) {
            throw new IllegalArgumentException("portion must be in [0,1]: " + firstPortion);
        }
        int cut = (int) Math.floor(firstPortion * n);
        int[] first = new int[cut];
        int[] rest = new int[n - cut];
        for (int i = 0; i < cut; i++) {
            first[i] = i;
        }
        for (int i = cut; i < n; i++) {
            rest[i - cut] = i;
        }
        return new int[][] {first, rest};
    }
}

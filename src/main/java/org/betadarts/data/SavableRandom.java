package org.betadarts.data;

import java.util.Random;

/**
 * A {@link Random} whose whole state is one number that can be read and set, so that a checkpoint
 * can record where a data order stands and a resumed run can continue it exactly. For the same
 * seed it draws the same numbers as {@code new Random(seed)} (same 48-bit generator); only
 * {@link #nextGaussian()} differs: it keeps no second value between calls, so the state stays one number.
 */
public final class SavableRandom extends Random {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    public SavableRandom(long seed) {
        super(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
    }

    /** The generator's state: everything that decides the numbers it draws next. */
    public synchronized long state() {
        return state;
    }

    /** Puts the generator back into a state read by {@link #state()}. */
    public synchronized void setState(long state) {
        if ((state & ~MASK) != 0) {
            throw new IllegalArgumentException("not a 48-bit generator state: " + state);
        }
        this.state = state;
    }

    @Override
    protected synchronized int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    @Override
    public double nextGaussian() {
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        return v1 * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }
}

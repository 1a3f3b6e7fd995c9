package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/** Running sums of tensors that release what they no longer need. */
public final class Sums {
    private Sums() {}

    /**
     * {@code sum + term}, closing both; {@code term} itself when {@code sum} is null (nothing summed
     * yet) and {@code sum} when {@code term} is null (nothing to add).
     */
    public static NDArray plus(NDArray sum, NDArray term) {
        if (sum == null || term == null) {
            return sum == null ? term : sum;
        }
        NDArray next = sum.add(term);
        sum.close();
        term.close();
        return next;
    }
}

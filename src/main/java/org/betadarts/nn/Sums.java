package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/** Running sums of tensors that release what they no longer need. */
public final class Sums {
    private Sums() {}

    /**
     * {@code sum + term}, adding into {@code sum} in place and closing {@code term}; returns
     * {@code term} itself when {@code sum} is null. Both must be fresh results that no backward
     * function keeps (outputs of mul, add, batch norm or convolution are not kept), and not views of
     * tensors used elsewhere; autograd rejects the backward pass otherwise.
     */
    public static NDArray accumulate(NDArray sum, NDArray term) {
        if (sum == null) {
            return term;
        }
        sum.addi(term);
        term.close();
        return sum;
    }
}

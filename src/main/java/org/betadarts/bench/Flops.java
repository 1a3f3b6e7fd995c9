package org.betadarts.bench;

/**
 * Floating-point operations of convolutions and linear layers, split by pass. One multiply-accumulate
 * counts as 2 operations. The backward pass of a layer costs as much as its forward pass for each
 * gradient it computes: one for the input's gradient, one for the weight's.
 */
public record Flops(long forward, long inputGradient, long weightGradient) {
    public static final Flops ZERO = new Flops(0, 0, 0);

    public long total() {
        return forward + inputGradient + weightGradient;
    }

    public Flops plus(Flops o) {
        return new Flops(forward + o.forward, inputGradient + o.inputGradient, weightGradient + o.weightGradient);
    }
}

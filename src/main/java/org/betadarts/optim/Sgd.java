package org.betadarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with PyTorch's semantics: {@code g = grad + wd·w}, {@code buf = μ·buf + g}
 * (or {@code g + μ·buf} for Nesterov), {@code w -= lr·buf}. The learning rate is applied at each step,
 * never folded into the buffer, so a schedule that changes it behaves as in PyTorch. Momentum buffers
 * are created up front, next to the weights, and are exposed for checkpoints.
 */
public final class Sgd {
    private final List<NDArray> params;
    private final List<NDArray> buffers = new ArrayList<>();
    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;

    public Sgd(List<NDArray> params, float momentum, float weightDecay, boolean nesterov) {
        this.params = List.copyOf(params);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        for (NDArray p : this.params) {
            NDArray buf = p.zerosLike();
            NDScope.unregister(buf);
            buffers.add(buf);
        }
    }

    /** Momentum buffers, in parameter order. */
    public List<NDArray> buffers() {
        return buffers;
    }

    /**
     * Moves every parameter to where one plain momentum step would take it,
     * {@code w -= lr·(μ·buf + grad + wd·w)}, leaving the momentum buffers as they are, then zeroes the
     * gradients: the look-ahead weights w' of the unrolled (second-order) architecture gradient.
     */
    public void lookahead(float lr) {
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i);
                NDArray grad = w.getGradient();
                NDArray step = grad.add(w.mul(weightDecay));
                if (momentum != 0) {
                    step.addi(buffers.get(i).mul(momentum));
                }
                w.subi(step.mul(lr));
                grad.subi(grad);
            }
        }
    }

    /** Updates every parameter from its gradient, then zeroes the gradient. */
    public void step(float lr) {
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < params.size(); i++) {
                NDArray w = params.get(i);
                NDArray grad = w.getGradient();
                NDArray g = weightDecay == 0 ? grad : grad.add(w.mul(weightDecay));
                NDArray buf = buffers.get(i);
                if (momentum != 0) {
                    buf.muli(momentum).addi(g);
                    g = nesterov ? g.add(buf.mul(momentum)) : buf;
                }
                w.subi(g.mul(lr));
                grad.subi(grad);
            }
        }
    }
}

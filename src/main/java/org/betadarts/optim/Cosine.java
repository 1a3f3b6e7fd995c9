package org.betadarts.optim;

/** Cosine annealing per epoch, as PyTorch's CosineAnnealingLR with T_max = epochs. */
public final class Cosine {
    private Cosine() {}

    /** The learning rate of epoch {@code epoch} (from 0) of {@code epochs}. */
    public static float lr(float start, float end, int epoch, int epochs) {
        return (float) (end + (start - end) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2);
    }
}

package org.betadarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;

/** Global-norm gradient clipping, as PyTorch's clip_grad_norm_. */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients by {@code maxNorm / (norm + 1e-6)} when their joint L2 norm exceeds
     * {@code maxNorm}.
     *
     * @return the norm before clipping
     */
    public static double clip(List<NDArray> params, double maxNorm) {
        return clip(params, List.of(), maxNorm);
    }

    /**
     * As {@link #clip(List, double)}, with the gradients of {@code alsoCounted} in the norm but left
     * unscaled (the official NAS-Bench-201 search clips {@code model.parameters()}, α among them, and
     * steps the weights only).
     */
    public static double clip(List<NDArray> params, List<NDArray> alsoCounted, double maxNorm) {
        try (NDScope scope = new NDScope()) {
            NDArray total = null;
            for (List<NDArray> group : List.of(params, alsoCounted)) {
                for (NDArray p : group) {
                    NDArray sq = p.getGradient().square().sum();
                    total = total == null ? sq : total.add(sq);
                }
            }
            double norm = Math.sqrt(total.getFloat());
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                for (NDArray p : params) {
                    p.getGradient().muli(coef);
                }
            }
            return norm;
        }
    }
}

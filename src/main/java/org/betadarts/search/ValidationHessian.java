package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.betadarts.data.Batch;
import org.betadarts.nn.HostValues;
import org.betadarts.nn.Losses;
import org.betadarts.nn.Parameters;
import org.betadarts.space.SupernetModel;

/**
 * The collapse indicator of RobustDARTS: the dominant eigenvalue of the Hessian of the validation
 * loss (cross-entropy, no regularizer term) with respect to α, at the current weights, on one fixed
 * validation batch, with the network in inference mode so that measuring changes nothing.
 * See {@link HessianEigen} for the method; α is restored afterwards. The batch's tensors live as
 * long as the search's manager.
 */
public final class ValidationHessian {
    /** Power-iteration steps per measurement. */
    public static final int ITERATIONS = 20;
    /** Finite-difference step along the unit direction. */
    public static final double EPSILON = 1e-2;

    private final SupernetModel net;
    private final Parameters weights;
    private final ArchParams alpha;
    private final NDArray images;
    private final NDArray oneHot;

    public ValidationHessian(SupernetModel net, Parameters weights, ArchParams alpha, Batch batch, int classes) {
        this.net = net;
        this.weights = weights;
        this.alpha = alpha;
        NDManager manager = weights.manager();
        images = HostValues.tensor(manager, batch.images(),
                new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
        oneHot = Losses.oneHot(manager, batch.labels(), classes);
        NDScope.unregister(images, oneHot);
    }

    /** The dominant eigenvalue at the current α. */
    public double dominantEigenvalue() {
        float[] current = alpha.values().clone();
        try {
            return HessianEigen.dominant(this::gradient, current, ITERATIONS, EPSILON, 0);
        } finally {
            System.arraycopy(current, 0, alpha.values(), 0, current.length);
            alpha.upload();
        }
    }

    /** The gradient of the validation loss with respect to α at {@code at}. */
    float[] gradient(float[] at) {
        System.arraycopy(at, 0, alpha.values(), 0, at.length);
        alpha.upload();
        weights.setTrainable(false);
        alpha.setTrainable(true);
        try (NDScope scope = new NDScope()) {
            LossPass.run(net, alpha, images, oneHot, () -> null, false);
        }
        float[] g = alpha.takeGradients();
        alpha.setTrainable(false);
        return g;
    }

}

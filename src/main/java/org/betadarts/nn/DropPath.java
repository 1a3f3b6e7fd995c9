package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Drop-path, as DARTS trains its evaluation networks: in training, each sample's tensor is zeroed with
 * probability {@code probability} and otherwise divided by 1 - probability; in inference (or at
 * probability 0) the input itself is returned. The draws come from the given generator, one per sample.
 */
public final class DropPath implements Module {
    /** Drops nothing. */
    public static final DropPath NONE = new DropPath(0, null);

    private final double probability;
    private final Random random;

    public DropPath(double probability, Random random) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("drop-path probability must be in [0, 1): " + probability);
        }
        this.probability = probability;
        this.random = random;
    }

    public double probability() {
        return probability;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        if (!training || probability == 0) {
            return x;
        }
        int n = Math.toIntExact(x.getShape().get(0));
        float keep = (float) (1 - probability);
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) {
            mask[i] = random.nextDouble() < keep ? 1 / keep : 0;
        }
        // the product keeps the mask for its backward pass: in engine memory, not Java memory (HostValues)
        return Scoped.compute(() -> x.mul(HostValues.tensor(x.getManager(), mask, new Shape(n, 1, 1, 1))
                .toType(x.getDataType(), false)));
    }
}

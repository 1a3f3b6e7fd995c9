package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.io.UserError;

/**
 * PC-DARTS' edge (partial channel connections): the first C/K channels of the input go through the
 * candidates (built for C/K channels) and are mixed as in DARTS; the other channels bypass them
 * (max-pooled 2x2 where the edge halves the size); both parts are concatenated, shuffled in K groups
 * ({@link #shuffle}) and multiplied by the edge's weight, the last column of its row of weights (the
 * edge normalization of PC-DARTS). The first, not random, C/K channels: as the official code.
 */
public final class PartialChannels implements EdgeMixing {
    /** PC-DARTS' K: a quarter of the channels is mixed. */
    public static final int DEFAULT_K = 4;
    private static final Module HALVE = Layers.maxPool(2, 2, 0);

    private final int k;

    public PartialChannels(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1: " + k);
        }
        this.k = k;
    }

    @Override
    public int candidateChannels(int channels) {
        if (channels % k != 0) {
            throw new UserError("pc-darts mixes 1/" + k + " of the channels: every cell's channels must be divisible "
                    + "by " + k + ", not " + channels + " (choose --channels accordingly)");
        }
        return channels / k;
    }

    /**
     * @param weights the candidates' weights (and an auxiliary skip's, see {@link MixedOp}), then the edge's weight
     */
    @Override
    public NDArray forward(MixedOp edge, Feature in, NDArray weights, boolean training) {
        NDArray x = in.value();
        long part = x.getShape().get(1) / k;
        long columns = weights.getShape().get(0);
        // each step in its own scope, which releases what the step before made once it is used
        NDArray mixed = Scoped.compute(() -> edge.weightedSum(new Feature(x.get(new NDIndex(":, 0:{}", part))),
                weights.get(new NDIndex("0:{}", columns - 1)), training, i -> true));
        if (mixed == null) {
            throw new IllegalStateException("a partial-channel edge needs a candidate other than the zero operation");
        }
        boolean halve = mixed.getShape().get(2) != x.getShape().get(2);
        NDArray joined = Scoped.consuming(List.of(mixed), () -> {
            NDArray rest = x.get(new NDIndex(":, {}:", part));
            return mixed.concat(halve ? HALVE.forward(rest, training) : rest, 1);
        });
        NDArray shuffled = Scoped.consuming(List.of(joined), () -> shuffle(joined, k));
        return Scoped.consuming(List.of(shuffled), () -> shuffled.mul(weights.get(columns - 1)));
    }

    /**
     * The channel shuffle of ShuffleNet with {@code groups} groups, as PC-DARTS' {@code channel_shuffle}:
     * (N, C, H, W) seen as (N, groups, C/groups, H, W), the two group axes swapped, flattened back; output
     * channel {@code j·groups + g} is input channel {@code g·(C/groups) + j}.
     */
    public static NDArray shuffle(NDArray x, int groups) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return Scoped.compute(() -> x.reshape(n, groups, c / groups, h, w).transpose(0, 2, 1, 3, 4).reshape(n, c, h, w));
    }
}

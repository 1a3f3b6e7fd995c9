package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.betadarts.nn.HostCopy;
import org.betadarts.nn.Init;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.Softmax;

/**
 * The architecture parameters α of a space: one (edges x ops) tensor per {@link AlphaSpec}. The
 * master copy is a host vector (small: tens to hundreds of numbers) that the α optimizer updates;
 * device tensors mirror it for the forward pass, float32 unless another type is given.
 */
public final class ArchParams {
    private final List<AlphaSpec> specs;
    private final float[] values;
    private final List<NDArray> tensors = new ArrayList<>();
    private float auxiliarySkip;
    /** Op weights fixed for the passes to come (host, in the layout of {@link #values}); null: softmax(α). */
    private float[] fixedOpWeights;

    public ArchParams(List<AlphaSpec> specs, NDManager manager, long seed, double initScale) {
        this(specs, manager, seed, initScale, DataType.FLOAT32);
    }

    public ArchParams(List<AlphaSpec> specs, NDManager manager, long seed, double initScale, DataType dataType) {
        this.specs = List.copyOf(specs);
        int size = 0;
        for (AlphaSpec s : specs) {
            size += s.edges() * s.width();
        }
        values = Init.normal(initScale).values(new Shape(size), new SplittableRandom(seed));
        for (AlphaSpec s : specs) {
            NDArray t = manager.zeros(new Shape(s.edges(), s.width()), dataType);
            NDScope.unregister(t);
            t.setName("alpha." + s.name());
            tensors.add(t);
        }
        upload();
    }

    public List<AlphaSpec> specs() {
        return specs;
    }

    /** All α values, tensor after tensor, row-major: the vector the optimizer updates in place. */
    public float[] values() {
        return values;
    }

    /** The device tensors (raw α). */
    public List<NDArray> tensors() {
        return tensors;
    }

    /** Copies the host values to the device tensors. */
    public void upload() {
        int offset = 0;
        for (NDArray t : tensors) {
            int n = Math.toIntExact(t.getShape().size());
            HostCopy.into(t, Arrays.copyOfRange(values, offset, offset + n));
            offset += n;
        }
    }

    public void setTrainable(boolean trainable) {
        for (NDArray t : tensors) {
            t.setRequiresGradient(trainable);
        }
    }

    /**
     * Sets the weight β of the auxiliary skip path of every mixed edge (0: none), which
     * {@link #opWeights()} appends as a last column outside the softmax.
     */
    public void setAuxiliarySkip(double beta) {
        auxiliarySkip = (float) beta;
    }

    /**
     * Makes {@link #opWeights()} return these values instead of softmax(α) until {@link #releaseOpWeights()}:
     * the weight pass of a perturbed search (SDARTS) or one whose clipping norm counts the op weights'
     * gradient. While α is trainable, its gradient is then the gradient with respect to these op weights
     * (the official code's weight pass computes the gradient of α holding softmax(α)).
     *
     * @param weights one value per α value, in the layout of {@link #values()}
     */
    public void fixOpWeights(float[] weights) {
        if (weights.length != values.length) {
            throw new IllegalArgumentException(weights.length + " op weights for " + values.length + " α values");
        }
        fixedOpWeights = weights.clone();
    }

    /** {@link #opWeights()} is softmax(α) again. */
    public void releaseOpWeights() {
        fixedOpWeights = null;
    }

    /** softmax over each row of α, computed on the host, in the layout of {@link #values()}. */
    public float[] softmaxValues() {
        float[] out = new float[values.length];
        int offset = 0;
        for (AlphaSpec s : specs) {
            for (int e = 0; e < s.edges(); e++) {
                float[] row = Arrays.copyOfRange(values, offset, offset + s.width());
                double[] p = Softmax.of(row);
                for (int i = 0; i < p.length; i++) {
                    out[offset + i] = (float) p[i];
                }
                offset += s.width();
            }
        }
        return out;
    }

    /**
     * softmax(α) over ops (or the fixed op weights, see {@link #fixOpWeights}), one tensor per α, on the
     * device; then β as an extra column when set.
     */
    public List<NDArray> opWeights() {
        int[] offset = {0};
        return tensors.stream().map(t -> {
            NDArray w = fixedOpWeights == null ? t.softmax(1) : fixed(t, offset[0]);
            offset[0] += Math.toIntExact(t.getShape().size());
            if (auxiliarySkip == 0) {
                return w;
            }
            NDArray beta = t.getManager().full(new Shape(t.getShape().get(0), 1), auxiliarySkip);
            NDArray withSkip = w.concat(beta, 1);
            w.close();
            beta.close();
            return withSkip;
        }).toList();
    }

    /** The fixed op weights of tensor {@code t}, which starts at {@code offset}: p + (t − t) when α records gradients. */
    private NDArray fixed(NDArray t, int offset) {
        float[] part = Arrays.copyOfRange(fixedOpWeights, offset, offset + Math.toIntExact(t.getShape().size()));
        NDArray p = t.getManager().create(part, t.getShape()).toType(t.getDataType(), false);
        if (!t.hasGradient()) {
            return p;
        }
        NDArray detached = t.stopGradient();
        NDArray zero = t.sub(detached);
        NDArray w = p.add(zero);
        detached.close();
        zero.close();
        p.close();
        return w;
    }

    /**
     * Copies of the gradients of the device tensors, one per tensor, in the current scope; the
     * gradients themselves are zeroed.
     */
    public List<NDArray> takeGradientTensors() {
        return Gradients.take(tensors);
    }

    /** Tensors shaped like α as one host vector in the order of {@link #values()}. */
    public float[] toHost(List<NDArray> perTensor) {
        float[] host = new float[values.length];
        int offset = 0;
        for (NDArray a : perTensor) {
            float[] part = a.toType(DataType.FLOAT32, false).toFloatArray();
            System.arraycopy(part, 0, host, offset, part.length);
            offset += part.length;
        }
        return host;
    }

    /** Reads the gradients of the device tensors into one host vector, then zeroes them. */
    public float[] takeGradients() {
        try (NDScope scope = new NDScope()) {
            return toHost(takeGradientTensors());
        }
    }

    /** α as matrices (edges x ops), one per tensor. */
    public List<float[][]> matrices() {
        List<float[][]> out = new ArrayList<>();
        int offset = 0;
        for (AlphaSpec s : specs) {
            int ops = s.width();
            float[][] m = new float[s.edges()][ops];
            for (int e = 0; e < s.edges(); e++) {
                System.arraycopy(values, offset, m[e], 0, ops);
                offset += ops;
            }
            out.add(m);
        }
        return out;
    }
}

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
import org.betadarts.method.SearchMethod;
import org.betadarts.method.SearchMethods;
import org.betadarts.nn.HostCopy;
import org.betadarts.nn.HostValues;
import org.betadarts.nn.Init;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.Softmax;

/**
 * The architecture parameters α of a space: one (edges x ops) tensor per {@link AlphaSpec}, then
 * those a search method adds (its extra parameters, such as PC-DARTS' edge parameters). The
 * master copy is a host vector (small: tens to hundreds of numbers) that the α optimizer updates;
 * device tensors mirror it for the forward pass, float32 unless another type is given. The mixing
 * weights of a pass ({@link #opWeights()}) are the search method's ({@link #use}), DARTS' by default.
 */
public final class ArchParams {
    private final List<AlphaSpec> specs;
    private final List<AlphaSpec> extraSpecs;
    private final float[] values;
    /** How many of {@link #values} belong to the space's α (the rest to the extra parameters). */
    private final int opValues;
    private final List<NDArray> tensors = new ArrayList<>();
    private SearchMethod method = SearchMethods.byDefault();
    private float auxiliarySkip;
    /** Op weights fixed for the passes to come (host, in the layout of {@link #values}); null: softmax(α). */
    private float[] fixedOpWeights;

    public ArchParams(List<AlphaSpec> specs, NDManager manager, long seed, double initScale) {
        this(specs, manager, seed, initScale, DataType.FLOAT32);
    }

    public ArchParams(List<AlphaSpec> specs, NDManager manager, long seed, double initScale, DataType dataType) {
        this(specs, List.of(), manager, seed, initScale, dataType);
    }

    /** @param extras the parameters a search method adds, initialised as α (after α, from the same generator) */
    public ArchParams(List<AlphaSpec> specs, List<AlphaSpec> extras, NDManager manager, long seed, double initScale,
                      DataType dataType) {
        this.specs = List.copyOf(specs);
        this.extraSpecs = List.copyOf(extras);
        opValues = size(specs);
        values = Init.normal(initScale).values(new Shape(opValues + size(extras)), new SplittableRandom(seed));
        for (AlphaSpec s : allSpecs()) {
            NDArray t = manager.zeros(new Shape(s.edges(), s.width()), dataType);
            NDScope.unregister(t);
            t.setName("alpha." + s.name());
            tensors.add(t);
        }
        upload();
    }

    private static int size(List<AlphaSpec> specs) {
        int size = 0;
        for (AlphaSpec s : specs) {
            size += s.edges() * s.width();
        }
        return size;
    }

    /** Mixes by {@code method}'s weights from now on. */
    public void use(SearchMethod method) {
        this.method = method;
    }

    /** The space's α tensors. */
    public List<AlphaSpec> specs() {
        return specs;
    }

    /** The search method's extra parameters. */
    public List<AlphaSpec> extraSpecs() {
        return extraSpecs;
    }

    /** The space's α, then the extra parameters: the order of {@link #values()} and {@link #tensors()}. */
    public List<AlphaSpec> allSpecs() {
        List<AlphaSpec> all = new ArrayList<>(specs);
        all.addAll(extraSpecs);
        return all;
    }

    /** How many of {@link #values()} are the space's α (they come first). */
    public int opValueCount() {
        return opValues;
    }

    /**
     * All values, tensor after tensor (α, then the extra parameters), row-major: the vector the
     * optimizer updates in place.
     */
    public float[] values() {
        return values;
    }

    /** The device tensors (raw α, then the extra parameters). */
    public List<NDArray> tensors() {
        return tensors;
    }

    /** The device tensors of the space's α alone: what regularizers act on. */
    public List<NDArray> opTensors() {
        return tensors.subList(0, specs.size());
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
     * @param weights one value per α value of the space, in the layout of {@link #values()}
     */
    public void fixOpWeights(float[] weights) {
        if (weights.length != opValues) {
            throw new IllegalArgumentException(weights.length + " op weights for " + opValues + " α values");
        }
        fixedOpWeights = weights.clone();
    }

    /** {@link #opWeights()} is softmax(α) again. */
    public void releaseOpWeights() {
        fixedOpWeights = null;
    }

    /** softmax over each row of the space's α, computed on the host, in the layout of {@link #values()}. */
    public float[] softmaxValues() {
        float[] out = new float[opValues];
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
     * The mixing weights of a pass, one tensor per α of the space, on the device: the search method's
     * weights from softmax(α) over ops (or from the fixed op weights, see {@link #fixOpWeights}); then
     * the auxiliary skip's weight β as a column when set; then the method's edge weights as a column
     * when it has them.
     */
    public List<NDArray> opWeights() {
        List<NDArray> out = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < specs.size(); i++) {
            NDArray t = tensors.get(i);
            NDArray p = fixedOpWeights == null ? t.softmax(1) : fixed(t, offset);
            offset += Math.toIntExact(t.getShape().size());
            NDArray w = method.opWeights(i, p);
            if (w != p) {
                p.close();
            }
            if (auxiliarySkip != 0) {
                w = withColumn(w, t.getManager().full(new Shape(t.getShape().get(0), 1), auxiliarySkip));
            }
            NDArray edges = method.edgeWeights(i, tensors.subList(specs.size(), tensors.size()));
            if (edges != null) {
                w = withColumn(w, edges);
            }
            out.add(w);
        }
        return out;
    }

    /** {@code w} with {@code column} appended as its last column; closes both. */
    private static NDArray withColumn(NDArray w, NDArray column) {
        NDArray joined = w.concat(column, 1);
        w.close();
        column.close();
        return joined;
    }

    /** The fixed op weights of tensor {@code t}, which starts at {@code offset}: p + (t − t) when α records gradients. */
    private NDArray fixed(NDArray t, int offset) {
        float[] part = Arrays.copyOfRange(fixedOpWeights, offset, offset + Math.toIntExact(t.getShape().size()));
        NDArray p = HostValues.tensor(t.getManager(), part, t.getShape()).toType(t.getDataType(), false);
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

    /** The space's α as matrices (edges x ops), one per tensor. */
    public List<float[][]> matrices() {
        return matrices(specs, 0);
    }

    /** The extra parameters as matrices, one per tensor. */
    public List<float[][]> extraMatrices() {
        return matrices(extraSpecs, opValues);
    }

    private List<float[][]> matrices(List<AlphaSpec> of, int start) {
        List<float[][]> out = new ArrayList<>();
        int offset = start;
        for (AlphaSpec s : of) {
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

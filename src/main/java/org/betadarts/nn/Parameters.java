package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The store of a network's tensors: trainable parameters and state buffers (batch-norm running
 * statistics), each under a dotted name, in creation order. Modules ask it for their tensors when
 * they are built; the optimizer, checkpoints and parameter counts read them back from here.
 *
 * <p>Initial values come from one seeded generator in creation order, so the same seed and the same
 * network always give the same weights, on any device. Tensors are float32 unless another type is
 * given (float64 serves exact gradient checks).
 */
public final class Parameters {
    private final NDManager manager;
    private final DataType dataType;
    private final SplittableRandom random;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> buffers;
    private final String prefix;
    private final Precision precision;

    public Parameters(NDManager manager, long seed) {
        this(manager, seed, DataType.FLOAT32);
    }

    public Parameters(NDManager manager, long seed, DataType dataType) {
        this(manager, dataType, new SplittableRandom(seed), new LinkedHashMap<>(), new LinkedHashMap<>(), "",
                Precision.FP32);
    }

    private Parameters(NDManager manager, DataType dataType, SplittableRandom random, Map<String, NDArray> params,
                       Map<String, NDArray> buffers, String prefix, Precision precision) {
        this.manager = manager;
        this.dataType = dataType;
        this.random = random;
        this.params = params;
        this.buffers = buffers;
        this.prefix = prefix;
        this.precision = precision;
    }

    /** A view of the same store whose names start with {@code name + "."}. */
    public Parameters child(String name) {
        return new Parameters(manager, dataType, random, params, buffers, prefix + name + ".", precision);
    }

    /** The same store, whose convolutions and linear layers built from here on compute in {@code precision}. */
    public Parameters withPrecision(Precision precision) {
        return new Parameters(manager, dataType, random, params, buffers, prefix, precision);
    }

    /** The type the convolutions and linear layers built from this view compute in. */
    public Precision precision() {
        return precision;
    }

    public NDManager manager() {
        return manager;
    }

    /** The type of every tensor in the store. */
    public DataType dataType() {
        return dataType;
    }

    /** A trainable tensor initialized by {@code init}. */
    public NDArray param(String name, Shape shape, Init init) {
        float[] values = init.values(shape, random);
        NDArray array = dataType == DataType.FLOAT32
                ? HostValues.tensor(manager, values, shape)
                : Scoped.compute(() -> HostValues.tensor(manager, values, shape).toType(dataType, false));
        array.setRequiresGradient(true);
        put(params, name, array);
        return array;
    }

    /** A state tensor filled with one value; not trained, but saved with the network. */
    public NDArray buffer(String name, Shape shape, float fill) {
        NDArray array = manager.full(shape, fill, dataType);
        put(buffers, name, array);
        return array;
    }

    private void put(Map<String, NDArray> map, String name, NDArray array) {
        String full = prefix + name;
        if (params.containsKey(full) || buffers.containsKey(full)) {
            throw new IllegalStateException("duplicate tensor name " + full);
        }
        array.setName(full);
        map.put(full, array);
    }

    public Map<String, NDArray> params() {
        return Collections.unmodifiableMap(params);
    }

    public Map<String, NDArray> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /**
     * The buffers created through this view or views below it (their names start with this view's
     * prefix), in creation order; on the root store, every buffer.
     */
    public List<NDArray> ownBuffers() {
        List<NDArray> out = new ArrayList<>();
        buffers.forEach((name, array) -> {
            if (name.startsWith(prefix)) {
                out.add(array);
            }
        });
        return out;
    }

    public List<NDArray> paramList() {
        return new ArrayList<>(params.values());
    }

    /** The number of trainable scalars. */
    public long count() {
        long n = 0;
        for (NDArray a : params.values()) {
            n += a.getShape().size();
        }
        return n;
    }

    /** Turns gradient recording on or off for every trainable tensor. */
    public void setTrainable(boolean trainable) {
        for (NDArray a : params.values()) {
            a.setRequiresGradient(trainable);
        }
    }
}

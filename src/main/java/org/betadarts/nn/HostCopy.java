package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes host values into an existing tensor, in place. Use it instead of DJL's
 * {@code NDArray.set(float[])}, {@code set(Buffer)} and {@code copyTo}: in the PyTorch engine they
 * end in the native {@code torchSet}, whose deprecated libtorch guard (AutoNonVariableTypeMode)
 * prints a long deprecation warning on the process's standard error the first time it runs.
 */
public final class HostCopy {
    private static final NDIndex ALL = new NDIndex("...");

    private HostCopy() {}

    /**
     * Copies {@code values} (as many as the tensor holds, converted to its type) into
     * {@code target}. Grad mode is off during the copy, so a tensor that requires a gradient can
     * be written; it stays a leaf.
     */
    public static void into(NDArray target, float[] values) {
        try (NDArray source = target.getManager().create(values, target.getShape()); NoGrad off = new NoGrad()) {
            target.set(ALL, source);
        }
    }
}

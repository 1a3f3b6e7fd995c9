package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Classification loss and accuracy on (batch, classes) logits. */
public final class Losses {
    private Losses() {}

    /** One-hot rows for integer labels, shape (labels, classes). */
    public static NDArray oneHot(NDManager manager, int[] labels, int classes) {
        float[] v = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            v[i * classes + labels[i]] = 1;
        }
        return HostValues.tensor(manager, v, new Shape(labels.length, classes));
    }

    /** Mean cross-entropy of softmax(logits) against one-hot targets. */
    public static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        long batch = logits.getShape().get(0);
        return HostValues.div(logits.logSoftmax(1).mul(oneHot).sum().neg(), batch);
    }

    /** How many rows have their largest logit at the label. */
    public static int correct(NDArray logits, int[] labels) {
        long[] predicted = logits.argMax(1).toLongArray();
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                n++;
            }
        }
        return n;
    }
}

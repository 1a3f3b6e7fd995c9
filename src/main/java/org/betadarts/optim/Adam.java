package org.betadarts.optim;

/**
 * Adam with PyTorch's semantics on a small host-side vector (architecture parameters):
 * L2 weight decay added to the gradient, bias-corrected moments, eps added after the square root.
 * Its whole state is plain arrays, so a checkpoint can save it exactly.
 */
public final class Adam {
    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final float[] m;
    private final float[] v;
    private long steps;

    public Adam(int size, float lr, float beta1, float beta2, float eps, float weightDecay) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new float[size];
        this.v = new float[size];
    }

    /** Updates {@code w} in place from {@code grad}. */
    public void step(float[] w, float[] grad) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = Math.sqrt(1 - Math.pow(beta2, steps));
        for (int i = 0; i < w.length; i++) {
            float g = grad[i] + weightDecay * w[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double denom = Math.sqrt(v[i]) / bc2 + eps;
            w[i] -= (float) (lr / bc1 * m[i] / denom);
        }
    }

    public float lr() {
        return lr;
    }

    public float[] firstMoment() {
        return m;
    }

    public float[] secondMoment() {
        return v;
    }

    public long steps() {
        return steps;
    }

    /** Sets the whole state, as read from a checkpoint. */
    public void restore(float[] firstMoment, float[] secondMoment, long steps) {
        if (firstMoment.length != m.length || secondMoment.length != v.length || steps < 0) {
            throw new IllegalArgumentException("Adam state of another size");
        }
        System.arraycopy(firstMoment, 0, m, 0, m.length);
        System.arraycopy(secondMoment, 0, v, 0, v.length);
        this.steps = steps;
    }
}

package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/** Small static factories for the layers every search space is made of. */
public final class Layers {
    /** PyTorch's default batch-norm momentum (DJL counts it the other way round: 1 - this). */
    public static final float BN_MOMENTUM = 0.1f;
    public static final float BN_EPS = 1e-5f;

    private Layers() {}

    public static final Module RELU = (x, training) -> Activation.relu(x);

    /** Identity. */
    public static final Module IDENTITY = (x, training) -> x;

    /** 2-D convolution without bias; square kernel, the same stride, padding and dilation on both axes. */
    public static Module conv(Parameters p, int in, int out, int kernel, int stride, int padding,
                              int dilation, int groups) {
        long fanIn = (long) in / groups * kernel * kernel;
        NDArray weight = p.param("weight", new Shape(out, in / groups, kernel, kernel), Init.fanIn(fanIn));
        Shape s = new Shape(stride, stride);
        Shape pad = new Shape(padding, padding);
        Shape dil = new Shape(dilation, dilation);
        DataType compute = p.precision().computeType();
        return (x, training) -> {
            // at stride 1 only the weight gradient of a dilated convolution is slow: the α pass, whose weights are
            // frozen, keeps it there; at stride 2 the even grid alone is a quarter of the work either way
            Casts.Layer layer = DilatedConv.applies(x.getShape().get(2), x.getShape().get(3), kernel, stride, padding,
                    dilation) && (stride == 2 || weight.hasGradient())
                    ? (a, w, b) -> DilatedConv.forward(a, w, kernel, stride, groups)
                    : (a, w, b) -> Conv2d.conv2d(a, w, null, s, pad, dil, groups).head();
            NDArray y = compute == null ? layer.apply(x, weight, null) : Casts.call(x, weight, null, compute, layer);
            LayerTrace.record("conv", x, weight, y);
            return y;
        };
    }

    /** Plain convolution (groups 1, dilation 1). */
    public static Module conv(Parameters p, int in, int out, int kernel, int stride, int padding) {
        return conv(p, in, out, kernel, stride, padding, 1, 1);
    }

    /**
     * Batch norm over channels. Without {@code affine}, gamma and beta stay fixed at 1 and 0 and are
     * not parameters (PyTorch's affine = False).
     */
    public static Scalable batchNorm(Parameters p, int channels, boolean affine) {
        Shape shape = new Shape(channels);
        NDArray gamma;
        NDArray beta;
        if (affine) {
            gamma = p.param("weight", shape, Init.constant(1));
            beta = p.param("bias", shape, Init.constant(0));
        } else {
            gamma = p.buffer("fixed_weight", shape, 1);
            beta = p.buffer("fixed_bias", shape, 0);
        }
        NDArray mean = p.buffer("running_mean", shape, 0);
        NDArray var = p.buffer("running_var", shape, 1);
        return new BatchNormLayer(gamma, beta, affine, mean, var);
    }

    /** ReLU, convolution, batch norm: the basic unit of both search spaces. */
    public static Module reluConvBn(Parameters p, int in, int out, int kernel, int stride, int padding,
                                    boolean affine) {
        return RELU.then(convBn(p, in, out, kernel, stride, padding, affine));
    }

    /** Convolution then batch norm (the ReLU is applied by the caller, who may share it). */
    public static Module convBn(Parameters p, int in, int out, int kernel, int stride, int padding,
                                boolean affine) {
        return conv(p.child("conv"), in, out, kernel, stride, padding)
                .then(batchNorm(p.child("bn"), out, affine));
    }

    /**
     * DARTS' dilated convolution without its leading ReLU: depthwise {@code kernel x kernel} convolution
     * (stride, padding, dilation), pointwise 1x1 convolution to {@code out} channels, batch norm.
     */
    public static Module dilConv(Parameters p, int in, int out, int kernel, int stride, int padding, int dilation,
                                 boolean affine) {
        return conv(p.child("depthwise"), in, in, kernel, stride, padding, dilation, in)
                .then(conv(p.child("pointwise"), in, out, 1, 1, 0))
                .then(batchNorm(p.child("bn"), out, affine));
    }

    /**
     * DARTS' separable convolution without its leading ReLU: two undilated {@link #dilConv} units joined
     * by a ReLU; only the first has the stride, only the second changes the channels.
     */
    public static Module sepConv(Parameters p, int in, int out, int kernel, int stride, int padding, boolean affine) {
        return dilConv(p.child("a"), in, in, kernel, stride, padding, 1, affine)
                .then(RELU)
                .then(dilConv(p.child("b"), in, out, kernel, 1, padding, 1, affine));
    }

    /** Fully connected layer with bias, on (batch, features). */
    public static Module linear(Parameters p, int in, int out) {
        NDArray weight = p.param("weight", new Shape(out, in), Init.fanIn(in));
        NDArray bias = p.param("bias", new Shape(out), Init.fanIn(in));
        DataType compute = p.precision().computeType();
        return (x, training) -> {
            NDArray y = compute == null
                    ? Linear.linear(x, weight, bias).head()
                    : Casts.call(x, weight, bias, compute, (a, w, b) -> Linear.linear(a, w, b).head());
            LayerTrace.record("linear", x, weight, y);
            return y;
        };
    }

    /** Global average pooling to (batch, channels). */
    public static final Module GLOBAL_AVG_POOL = (x, training) -> Pool.globalAvgPool2d(x);

    /** Max pooling; pads with -inf as PyTorch does. */
    public static Module maxPool(int kernel, int stride, int padding) {
        Shape k = new Shape(kernel, kernel);
        Shape s = new Shape(stride, stride);
        Shape pad = new Shape(padding, padding);
        return (x, training) -> Pool.maxPool2d(x, k, s, pad, false);
    }
}

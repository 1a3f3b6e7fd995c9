package org.betadarts.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.betadarts.nn.LayerTrace;

/**
 * Counts the work of the convolutions and linear layers it observes (see {@link LayerTrace}), pass by
 * pass ({@link #take()} ends a pass). The convention:
 * <ul>
 *   <li>forward: 2·MACs per layer call;</li>
 *   <li>backward, only while gradients are recorded: 2·MACs for the weight's gradient when the weight
 *       is trained, and 2·MACs for the input's gradient, except for the layers that read the first
 *       input seen in the pass (the images) unless it is itself trained.</li>
 * </ul>
 * The first, unrecorded run of layers that recomputation runs again ({@code --recompute},
 * {@link LayerTrace#firstRun()}) is not counted: the count is the work of a plain pass, and the
 * recomputation shows in the time only.
 * So an α step (weights frozen) counts forward and input gradients, a weight step forward, input and
 * weight gradients. In an α step the few layers that read the first cell's input before any α
 * weighting (in NAS-Bench-201 the two convolutions on each of the three edges leaving it, about 3% of
 * the layers' work) are counted with an input gradient that autograd does not compute, so the α
 * step's count is a slight upper bound. Batch norm, pooling and element-wise ops are not counted:
 * they are memory-bound and small in FLOPs.
 */
public final class FlopCounter implements LayerTrace.Observer {
    private long forward;
    private long inputGradient;
    private long weightGradient;
    /** The input of the first layer seen since the last {@link #take()}: the images of the pass. */
    private NDArray images;

    @Override
    public void layer(String kind, long macs, NDArray input, NDArray weight) {
        if (images == null) {
            images = input;
        }
        long flops = 2 * macs;
        forward += flops;
        if (JniUtils.isGradMode()) {
            if (input != images || input.hasGradient()) {
                inputGradient += flops;
            }
            if (weight.hasGradient()) {
                weightGradient += flops;
            }
        }
    }

    @Override
    public void firstRun(String kind, long macs, NDArray input, NDArray weight) {
        if (images == null) {
            images = input;
        }
    }

    /** The operations counted since the last call, then starts a new pass from zero. */
    public Flops take() {
        Flops f = new Flops(forward, inputGradient, weightGradient);
        forward = 0;
        inputGradient = 0;
        weightGradient = 0;
        images = null;
        return f;
    }
}

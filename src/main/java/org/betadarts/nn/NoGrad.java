package org.betadarts.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A region of code on this thread in which the engine records nothing for autograd (PyTorch's
 * {@code no_grad}): results keep no graph and intermediate tensors are freed as soon as they are
 * closed. Closing it puts back the recording mode found when it was opened. Grad mode is per thread
 * in libtorch, so open and close it on the same thread.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean before;

    public NoGrad() {
        before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(before);
    }
}

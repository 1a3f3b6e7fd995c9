package org.betadarts.search;

import ai.djl.ndarray.NDArray;

/**
 * The two batches of one search step: a training batch (weights) and a validation batch (α), each
 * images with one-hot targets.
 */
public record StepBatches(NDArray trainImages, NDArray trainTargets, NDArray validImages, NDArray validTargets) {}

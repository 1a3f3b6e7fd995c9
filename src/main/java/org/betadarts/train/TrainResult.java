package org.betadarts.train;

/**
 * The outcome of training a cell, as {@code result.json} holds it.
 *
 * @param parameters trained weights, any auxiliary head excluded
 * @param finalTestAccuracy accuracy on the test images after the last epoch
 * @param bestTestAccuracy the highest test accuracy after any epoch, reached first after {@code bestEpoch}
 */
public record TrainResult(String space, String genotype, long parameters, int epochs, double finalTestAccuracy,
                          double bestTestAccuracy, int bestEpoch, double seconds) {
}

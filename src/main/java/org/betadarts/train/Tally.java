package org.betadarts.train;

/** Loss and correct predictions summed over the batches of an epoch. */
final class Tally {
    private double lossSum;
    private long correct;
    private long count;

    void add(double meanLoss, int correctInBatch, int size) {
        lossSum += meanLoss * size;
        correct += correctInBatch;
        count += size;
    }

    double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}

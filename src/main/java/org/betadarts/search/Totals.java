package org.betadarts.search;

/** Running sums of loss and correct predictions over the batches of an epoch (search and training). */
public final class Totals {
    double lossSum;
    long correct;
    long count;

    public void add(double meanLoss, int correctInBatch, int size) {
        lossSum += meanLoss * size;
        correct += correctInBatch;
        count += size;
    }

    public double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}

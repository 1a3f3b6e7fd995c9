package org.betadarts.search;

/** Running sums of loss and correct predictions over the batches of an epoch. */
final class Totals {
    double lossSum;
    long correct;
    long count;

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

package org.betadarts.search;

/**
 * Where a search stands within an epoch: the steps done, the running totals of its α and weight
 * steps, the seconds spent on it, the updates skipped for non-finite values, and the states of the
 * two data-order generators when the epoch began. Setting those states again and drawing the
 * batches of the steps done puts the data order back exactly where it was.
 */
final class EpochState {
    final int epoch;
    final long weightOrder;
    final long alphaOrder;
    final Totals train = new Totals();
    final Totals arch = new Totals();
    int step;
    double seconds;
    int skipped;

    EpochState(int epoch, long weightOrder, long alphaOrder) {
        this.epoch = epoch;
        this.weightOrder = weightOrder;
        this.alphaOrder = alphaOrder;
    }
}

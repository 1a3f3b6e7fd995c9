package org.betadarts.train;

import org.betadarts.search.Totals;

/**
 * Where a training stands within an epoch: the steps done, the epoch's running totals and seconds,
 * and the states of the data-order and cutout generators when the epoch began (both draw on the
 * prefetch thread, ahead of the steps). Setting those states again and drawing the batches of the
 * steps done puts the data and cutout back exactly where they were.
 */
final class TrainPosition {
    final int epoch;
    final long orderState;
    final long cutoutState;
    final Totals train = new Totals();
    int step;
    double seconds;

    TrainPosition(int epoch, long orderState, long cutoutState) {
        this.epoch = epoch;
        this.orderState = orderState;
        this.cutoutState = cutoutState;
    }
}

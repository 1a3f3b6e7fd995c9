package org.betadarts.space;

/**
 * The size of a network built from a cell: input channels, classes, initial channels C and cells
 * per stage (NAS-Bench-201's N) or layers (the DARTS space's L).
 */
public record NetworkShape(int inputChannels, int classes, int channels, int cells) {
    public NetworkShape {
        if (inputChannels < 1 || classes < 2 || channels < 1 || cells < 1) {
            throw new IllegalArgumentException("invalid network shape " + this);
        }
    }
}

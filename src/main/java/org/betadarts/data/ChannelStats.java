package org.betadarts.data;

/** The per-channel mean and standard deviation of the pixels of an image set, in [0,1] units. */
public record ChannelStats(float[] mean, float[] std) {
    /** Measures every pixel of {@code set}; an empty set gives mean 0 and std 0. */
    public static ChannelStats of(ImageSet set) {
        int c = set.channels();
        int plane = set.height() * set.width();
        long[] sum = new long[c];
        long[] squares = new long[c];
        byte[] pixels = set.pixels();
        for (int i = 0; i < set.size(); i++) {
            for (int ch = 0; ch < c; ch++) {
                int from = (i * c + ch) * plane;
                long s = 0;
                long q = 0;
                for (int k = from; k < from + plane; k++) {
                    int v = pixels[k] & 0xff;
                    s += v;
                    q += v * v;
                }
                sum[ch] += s;
                squares[ch] += q;
            }
        }
        float[] mean = new float[c];
        float[] std = new float[c];
        double n = (double) set.size() * plane;
        for (int ch = 0; ch < c && n > 0; ch++) {
            double m = sum[ch] / n;
            double variance = Math.max(0, squares[ch] / n - m * m);
            mean[ch] = (float) (m / 255);
            std[ch] = (float) (Math.sqrt(variance) / 255);
        }
        return new ChannelStats(mean, std);
    }
}

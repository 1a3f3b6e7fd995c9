package org.betadarts.train;

import java.awt.image.BufferedImage;
import org.betadarts.data.ImageDecoder;
import org.betadarts.io.UserError;

/** Images as a trained model takes them: resized, converted and normalized as in its training. */
final class ModelImages {
    private ModelImages() {}

    /**
     * An image as the network of {@code d} takes it, in [0, 1]: its shorter side scaled to the trained
     * size and the centre cropped, then greyscale (luma) for one-channel models or RGB for three.
     */
    static float[] pixels(BufferedImage image, ModelDescription d) {
        int h = d.height();
        int w = d.width();
        if (h != w) {
            throw new UserError("this model takes " + h + "x" + w + " images; only square sizes are supported");
        }
        int c = d.shape().inputChannels();
        BufferedImage square = ImageDecoder.square(image, h);
        int[] rgb = square.getRGB(0, 0, w, h, null, 0, w);
        int plane = h * w;
        float[] out = new float[c * plane];
        for (int i = 0; i < plane; i++) {
            int r = (rgb[i] >> 16) & 0xff;
            int g = (rgb[i] >> 8) & 0xff;
            int b = rgb[i] & 0xff;
            if (c == 1) {
                out[i] = Math.round(0.299f * r + 0.587f * g + 0.114f * b) / 255f;
            } else if (c == 3) {
                out[i] = r / 255f;
                out[plane + i] = g / 255f;
                out[2 * plane + i] = b / 255f;
            } else {
                throw new UserError("this model takes " + c + "-channel images; only 1 or 3 channels can be read "
                        + "from an image file");
            }
        }
        return out;
    }

    /**
     * Pixel values in [0, 1] of the trained size (channels x height x width) normalized by the training
     * set's mean and std of each channel.
     *
     * @throws IllegalArgumentException if there are not channels x height x width of them
     */
    static float[] normalized(float[] pixels, ModelDescription d) {
        int c = d.shape().inputChannels();
        int h = d.height();
        int w = d.width();
        if (pixels.length != c * h * w) {
            throw new IllegalArgumentException("expected " + c + "x" + h + "x" + w + " = " + c * h * w
                    + " pixel values, got " + pixels.length);
        }
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i / (h * w);
            x[i] = (pixels[i] - d.mean()[ch]) / d.std()[ch];
        }
        return x;
    }
}

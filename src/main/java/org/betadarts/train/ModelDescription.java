package org.betadarts.train;

import java.util.List;
import org.betadarts.space.NetworkShape;

/**
 * What a saved model is, in its {@code model.json}: the cell and network that hold the weights, and
 * what the training data looked like — image size, normalization, class names — so that an image can
 * be prepared the same way before it is classified.
 *
 * @param format always {@value #FORMAT}
 * @param space the search space of the cell
 * @param genotype the cell's text form
 * @param shape input channels, classes, C and cells of the network
 * @param height image height the network was trained on
 * @param width image width the network was trained on
 * @param mean per-channel mean subtracted from pixels in [0,1]
 * @param std per-channel standard deviation the pixels are divided by
 * @param classNames the name of each class, in label order
 * @param parameters the number of trained weights, any auxiliary head excluded
 * @param testAccuracy the accuracy on the test images after the last epoch (null before any)
 */
public record ModelDescription(String format, int version, String space, String genotype, NetworkShape shape,
                               String dataset, int height, int width, float[] mean, float[] std,
                               List<String> classNames, long parameters, Double testAccuracy) {
    public static final String FORMAT = "betadarts-model";
    public static final int VERSION = 1;
}

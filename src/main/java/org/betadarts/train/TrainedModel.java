package org.betadarts.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.betadarts.nn.Devices;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.HostValues;
import org.betadarts.nn.Parameters;
import org.betadarts.space.CellTraining;
import org.betadarts.space.EvalNetwork;
import org.betadarts.space.Genotype;
import org.betadarts.space.Spaces;

/**
 * A trained network ready to classify images. A model directory holds {@value #DESCRIPTION} (a
 * {@link ModelDescription}: the cell, the network's shape, the image size, the normalization and the class
 * names) and {@value #WEIGHTS} (the weights: a {@link org.betadarts.io.TensorFile} with metadata
 * {@code {}}); {@link ModelFiles} reads and writes them, {@link ModelImages} prepares images.
 *
 * <pre>{@code
 * try (TrainedModel model = TrainedModel.load(Path.of("runs/train-1/model"))) {
 *     Prediction best = model.predict(ImageIO.read(new File("shoe.png"))).get(0);
 *     System.out.println(best.name() + " " + best.probability());
 * }
 * }</pre>
 *
 * Not thread-safe: use one model per thread.
 */
public final class TrainedModel implements AutoCloseable {
    public static final String DESCRIPTION = "model.json";
    public static final String WEIGHTS = "weights.bin";
    /** Where {@code train} puts the model inside its run directory. */
    public static final String DIRECTORY = "model";

    private final ModelDescription description;
    private final NDManager manager;
    private final Parameters params;
    private final EvalNetwork net;
    private final boolean ownsManager;

    private TrainedModel(ModelDescription description, NDManager manager, Parameters params, EvalNetwork net,
                         boolean ownsManager) {
        this.description = description;
        this.manager = manager;
        this.params = params;
        this.net = net;
        this.ownsManager = ownsManager;
    }

    /** Loads a model directory (or a training run directory holding one) on the CPU. */
    public static TrainedModel load(Path dir) {
        return load(dir, Devices.cpu());
    }

    /** Loads a model directory (or a training run directory holding one) on {@code device}. */
    public static TrainedModel load(Path dir, Device device) {
        ModelFiles.Contents files = ModelFiles.read(dir);
        ModelDescription d = files.description();
        CellTraining space = Spaces.training(d.space());
        NDManager manager = Devices.manager(device);
        try {
            Parameters params = new Parameters(manager, 0);
            EvalNetwork net = space.build(params, d.shape(), space.parse(d.genotype()), false);
            params.setTrainable(false);
            files.assignTo(params);
            return new TrainedModel(d, manager, params, net, true);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A view of a network being trained: it shares the network's weights, which stay the trainer's to free. */
    static TrainedModel view(ModelDescription description, Parameters params, EvalNetwork net) {
        return new TrainedModel(description, params.manager(), params, net, false);
    }

    public ModelDescription description() {
        return description;
    }

    public List<String> classNames() {
        return description.classNames();
    }

    /**
     * Writes the model directory {@code dir}, which must not exist yet: both files go to a temporary
     * directory beside it that is then renamed, so {@code dir} appears complete or not at all.
     */
    public void save(Path dir) {
        ModelFiles.write(dir, description, params);
    }

    /** Class probabilities of an image, resized, converted and normalized as in training. */
    public float[] probabilities(BufferedImage image) {
        return probabilities(pixels(image));
    }

    /** The classes of an image, most probable first. */
    public List<Prediction> predict(BufferedImage image) {
        return ranked(probabilities(image));
    }

    /** The classes of an image given as {@link #pixels} gives it, most probable first. */
    public List<Prediction> predict(float[] pixels) {
        return ranked(probabilities(pixels));
    }

    /**
     * Class probabilities of one image given as pixel values in [0, 1], channel after channel, each row
     * after row, of the trained size (channels x height x width); the model normalizes them.
     */
    public float[] probabilities(float[] pixels) {
        float[] x = ModelImages.normalized(pixels, description);
        try (NDScope scope = new NDScope()) {
            NDArray images = HostValues.tensor(manager, x, new Shape(1, description.shape().inputChannels(),
                    description.height(), description.width()));
            NDArray logits = net.forward(images, false, DropPath.NONE).logits();
            return logits.softmax(1).toFloatArray();
        }
    }

    /**
     * An image as the network takes it, in [0, 1]: its shorter side scaled to the trained size and the
     * centre cropped, then greyscale (luma) for one-channel models or RGB for three.
     */
    public float[] pixels(BufferedImage image) {
        return ModelImages.pixels(image, description);
    }

    private List<Prediction> ranked(float[] p) {
        List<Prediction> out = new ArrayList<>();
        for (int k = 0; k < p.length; k++) {
            out.add(new Prediction(k, classNames().get(k), p[k]));
        }
        out.sort(Comparator.comparingDouble(Prediction::probability).reversed());
        return out;
    }

    /** The genotype this model was trained from. */
    public Genotype genotype() {
        return Spaces.training(description.space()).parse(description.genotype());
    }

    /** Frees the weights of a loaded model; a view of a network in training leaves them to the trainer. */
    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }
}

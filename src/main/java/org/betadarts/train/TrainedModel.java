package org.betadarts.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.data.ImageDecoder;
import org.betadarts.io.AtomicFiles;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile;
import org.betadarts.io.UserError;
import org.betadarts.nn.Devices;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.HostCopy;
import org.betadarts.nn.HostValues;
import org.betadarts.nn.Parameters;
import org.betadarts.space.CellTraining;
import org.betadarts.space.EvalNetwork;
import org.betadarts.space.Genotype;
import org.betadarts.space.Spaces;

/**
 * A trained network ready to classify images. A model directory holds {@value #DESCRIPTION} (a
 * {@link ModelDescription}: the cell, the network's shape, the image size, the normalization and the class
 * names) and {@value #WEIGHTS} (the weights: a {@link TensorFile} with metadata {@code {}}).
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
        if (!Files.isRegularFile(dir.resolve(DESCRIPTION)) && Files.isRegularFile(dir.resolve(DIRECTORY).resolve(DESCRIPTION))) {
            dir = dir.resolve(DIRECTORY);
        }
        if (!Files.isRegularFile(dir.resolve(DESCRIPTION))) {
            throw new UserError(dir + " is not a model directory: it has no " + DESCRIPTION);
        }
        ModelDescription d = Json.read(dir.resolve(DESCRIPTION), ModelDescription.class);
        if (!ModelDescription.FORMAT.equals(d.format()) || d.version() != ModelDescription.VERSION) {
            throw new UserError(dir.resolve(DESCRIPTION) + " is not a version " + ModelDescription.VERSION + " "
                    + ModelDescription.FORMAT + " description");
        }
        CellTraining space = Spaces.training(d.space());
        Map<String, TensorFile.Tensor> weights =
                TensorFile.read(dir.resolve(WEIGHTS), TensorFile.Kind.WEIGHTS).tensors();
        NDManager manager = Devices.manager(device);
        try {
            Parameters params = new Parameters(manager, 0);
            EvalNetwork net = space.build(params, d.shape(), space.parse(d.genotype()), false);
            params.setTrainable(false);
            assign(tensors(params), weights, dir.resolve(WEIGHTS));
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
        if (Files.exists(dir)) {
            throw new UserError("model directory " + dir + " already exists");
        }
        Path tmp = null;
        try {
            Path parent = dir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".");
            Json.write(tmp.resolve(DESCRIPTION), description);
            Map<String, TensorFile.Tensor> out = new LinkedHashMap<>();
            tensors(params).forEach((name, array) -> out.put(name, host(array)));
            TensorFile.Contents weights = new TensorFile.Contents(Json.MAPPER.createObjectNode(), out);
            AtomicFiles.write(tmp.resolve(WEIGHTS), stream -> TensorFile.write(stream, weights));
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UserError("cannot write model directory " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
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
        int c = description.shape().inputChannels();
        int h = description.height();
        int w = description.width();
        if (pixels.length != c * h * w) {
            throw new IllegalArgumentException("expected " + c + "x" + h + "x" + w + " = " + c * h * w
                    + " pixel values, got " + pixels.length);
        }
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i / (h * w);
            x[i] = (pixels[i] - description.mean()[ch]) / description.std()[ch];
        }
        try (NDScope scope = new NDScope()) {
            NDArray images = HostValues.tensor(manager, x, new Shape(1, c, h, w));
            NDArray logits = net.forward(images, false, DropPath.NONE).logits();
            return logits.softmax(1).toFloatArray();
        }
    }

    /**
     * An image as the network takes it, in [0, 1]: its shorter side scaled to the trained size and the
     * centre cropped, then greyscale (luma) for one-channel models or RGB for three.
     */
    public float[] pixels(BufferedImage image) {
        int h = description.height();
        int w = description.width();
        if (h != w) {
            throw new UserError("this model takes " + h + "x" + w + " images; only square sizes are supported");
        }
        int c = description.shape().inputChannels();
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

    private List<Prediction> ranked(float[] p) {
        List<Prediction> out = new ArrayList<>();
        for (int k = 0; k < p.length; k++) {
            out.add(new Prediction(k, classNames().get(k), p[k]));
        }
        out.sort(Comparator.comparingDouble(Prediction::probability).reversed());
        return out;
    }

    /** The tensors a model saves: every weight and state buffer except those of an auxiliary head. */
    static Map<String, NDArray> tensors(Parameters params) {
        Map<String, NDArray> all = new LinkedHashMap<>();
        params.params().forEach(all::put);
        params.buffers().forEach(all::put);
        all.keySet().removeIf(name -> name.startsWith(EvalNetwork.AUXILIARY + "."));
        return all;
    }

    private static TensorFile.Tensor host(NDArray array) {
        NDArray f = array.toType(DataType.FLOAT32, false);
        float[] data = f.toFloatArray();
        if (f != array) {
            f.close();
        }
        return new TensorFile.Tensor(array.getShape().getShape(), data);
    }

    private static void assign(Map<String, NDArray> targets, Map<String, TensorFile.Tensor> weights, Path file) {
        if (!targets.keySet().equals(weights.keySet())) {
            List<String> missing = new ArrayList<>(targets.keySet());
            missing.removeAll(weights.keySet());
            List<String> extra = new ArrayList<>(weights.keySet());
            extra.removeAll(targets.keySet());
            throw new UserError(file + " does not fit the network: " + (missing.isEmpty() ? "" : "missing "
                    + first(missing)) + (missing.isEmpty() || extra.isEmpty() ? "" : ", ")
                    + (extra.isEmpty() ? "" : "unexpected " + first(extra)));
        }
        for (Map.Entry<String, NDArray> e : targets.entrySet()) {
            TensorFile.Tensor t = weights.get(e.getKey());
            long[] shape = e.getValue().getShape().getShape();
            if (!Arrays.equals(shape, t.shape())) {
                throw new UserError(file + ": tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + ", the network needs " + Arrays.toString(shape));
            }
            HostCopy.into(e.getValue(), t.data());
        }
    }

    private static String first(List<String> names) {
        return names.get(0) + (names.size() > 1 ? " and " + (names.size() - 1) + " more" : "");
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // the failure that brought us here is the one to report
        }
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

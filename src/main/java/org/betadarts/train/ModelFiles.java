package org.betadarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.AtomicFiles;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile;
import org.betadarts.io.UserError;
import org.betadarts.nn.HostCopy;
import org.betadarts.nn.Parameters;
import org.betadarts.space.EvalNetwork;

/**
 * A model directory on disk: {@value TrainedModel#DESCRIPTION} (the {@link ModelDescription}) and
 * {@value TrainedModel#WEIGHTS} (every weight and state buffer of the network but an auxiliary head's,
 * a {@link TensorFile} with metadata {@code {}}), read whole and written whole.
 */
final class ModelFiles {
    /** A model directory whose description has been read. */
    record Contents(Path dir, ModelDescription description) {
        /** Reads the weights into the tensors of {@code params} that a model saves, which they must fit exactly. */
        void assignTo(Parameters params) {
            Path file = dir.resolve(TrainedModel.WEIGHTS);
            assign(tensors(params), TensorFile.read(file, TensorFile.Kind.WEIGHTS).tensors(), file);
        }
    }

    private ModelFiles() {}

    /** Reads the description of a model directory, or of the one inside a training run directory. */
    static Contents read(Path dir) {
        if (!Files.isRegularFile(dir.resolve(TrainedModel.DESCRIPTION))
                && Files.isRegularFile(dir.resolve(TrainedModel.DIRECTORY).resolve(TrainedModel.DESCRIPTION))) {
            dir = dir.resolve(TrainedModel.DIRECTORY);
        }
        Path description = dir.resolve(TrainedModel.DESCRIPTION);
        if (!Files.isRegularFile(description)) {
            throw new UserError(dir + " is not a model directory: it has no " + TrainedModel.DESCRIPTION);
        }
        ModelDescription d = Json.read(description, ModelDescription.class);
        if (!ModelDescription.FORMAT.equals(d.format()) || d.version() != ModelDescription.VERSION) {
            throw new UserError(description + " is not a version " + ModelDescription.VERSION + " "
                    + ModelDescription.FORMAT + " description");
        }
        return new Contents(dir, d);
    }

    /**
     * Writes the model directory {@code dir}, which must not exist yet, atomically: it appears complete
     * or not at all.
     */
    static void write(Path dir, ModelDescription description, Parameters params) {
        if (Files.exists(dir)) {
            throw new UserError("model directory " + dir + " already exists");
        }
        AtomicFiles.writeDirectory(dir, tmp -> {
            Json.write(tmp.resolve(TrainedModel.DESCRIPTION), description);
            Map<String, TensorFile.Tensor> out = new LinkedHashMap<>();
            tensors(params).forEach((name, array) -> out.put(name, host(array)));
            TensorFile.Contents weights = new TensorFile.Contents(Json.MAPPER.createObjectNode(), out);
            AtomicFiles.write(tmp.resolve(TrainedModel.WEIGHTS), stream -> TensorFile.write(stream, weights));
        });
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
}

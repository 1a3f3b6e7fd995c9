package org.betadarts.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile;
import org.betadarts.io.TensorFile.Tensor;
import org.betadarts.io.UserError;
import org.betadarts.search.CheckpointParts;

/**
 * What a training saves in a checkpoint, and how a training takes it back. Tensors: every weight
 * ({@code weight/NAME}) and buffer ({@code buffer/NAME}) of the network and the SGD momentum of every
 * weight ({@code momentum/NAME}). Metadata: layout version, kind, space, genotype, the settings, the
 * position (epochs done, steps done in the next epoch; the learning rate and drop-path probability
 * follow from the epoch), steps per epoch, the data-order and cutout generators' states when that epoch
 * began, the drop-path generator's state at the position (its draws happen inside steps), the epoch's
 * running totals and seconds, and the last and best test accuracy so far with the best one's epoch.
 */
final class TrainCheckpoint {
    static final int LAYOUT = 1;
    static final String KIND = "train";
    private static final String RUN = "training";
    /** Settings that may differ between the run that wrote a checkpoint and the one that reads it. */
    private static final List<String> MOVABLE = List.of("dataDir", "device");

    private TrainCheckpoint() {}

    static TensorFile.Contents capture(Trainer t, TrainPosition at) {
        ObjectNode meta = Json.MAPPER.createObjectNode();
        meta.put("layout", LAYOUT);
        meta.put("kind", KIND);
        meta.put("space", t.cell().space().name());
        meta.put("genotype", t.cell().genotype().text());
        meta.set("config", Json.MAPPER.valueToTree(t.config()));
        meta.put("epoch", at.epoch);
        meta.put("step", at.step);
        meta.put("steps_per_epoch", t.stepsPerEpoch());
        ObjectNode order = meta.putObject("data_order");
        order.put("batches", at.orderState);
        order.put("cutout", at.cutoutState);
        meta.put("drop_path_random", t.dropPathRandom().state());
        meta.set("train", CheckpointParts.totals(at.train));
        meta.put("seconds", at.seconds);
        double[] acc = t.accuracies();
        if (!Double.isNaN(acc[0])) {
            meta.put("last_test_acc", acc[0]);
        }
        if (!Double.isNaN(acc[1])) {
            meta.put("best_test_acc", acc[1]);
        }
        meta.put("best_epoch", (int) acc[2]);
        return new TensorFile.Contents(meta, tensors(t));
    }

    private static Map<String, Tensor> tensors(Trainer t) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        CheckpointParts.putWeights(out, t.weights(), t.sgd());
        return out;
    }

    /**
     * Checks that a checkpoint belongs to this training, then sets the training's whole state from it;
     * returns the position to continue from. A checkpoint that does not fit changes nothing.
     */
    static TrainPosition restore(Trainer t, TensorFile.Contents c, String source) {
        JsonNode meta = c.metadata();
        CheckpointParts.Fields f = new CheckpointParts.Fields(meta, source);
        CheckpointParts.checkKind(f, LAYOUT, KIND, RUN);
        FoundCell cell = t.cell();
        if (!cell.space().name().equals(f.text("space")) || !cell.genotype().text().equals(f.text("genotype"))) {
            throw new UserError("checkpoint " + source + " is from a training of the " + f.text("space") + " cell "
                    + f.text("genotype") + "; this training is of the " + cell.space().name() + " cell "
                    + cell.genotype().text());
        }
        CheckpointParts.checkSettings(f.node("config"), t.config(), TrainConfig.class, MOVABLE, source, RUN);
        int steps = t.stepsPerEpoch();
        if (f.integer("steps_per_epoch") != steps) {
            throw new UserError("checkpoint " + source + " was written with " + f.integer("steps_per_epoch")
                    + " steps per epoch; this data and batch size give " + steps);
        }
        int epochs = t.config().epochs();
        long epoch = f.integer("epoch");
        long step = f.integer("step");
        long bestEpoch = f.integer("best_epoch");
        if (epoch < 0 || epoch > epochs || step < 0 || step >= steps || (epoch == epochs && step > 0)) {
            throw new UserError("checkpoint " + source + " is at epoch " + epoch + ", step " + step
                    + ", outside this training of " + epochs + " epochs of " + steps + " steps");
        }
        if (bestEpoch < 0 || bestEpoch > epoch || (epoch > 0 && !(meta.has("best_test_acc") && meta.has("last_test_acc")))) {
            throw new UserError("checkpoint " + source + " has no consistent best test accuracy for " + epoch
                    + " epochs done");
        }
        CheckpointParts.checkTensors(c.tensors(), tensors(t), source, RUN);
        JsonNode order = f.node("data_order");
        CheckpointParts.Fields orderFields = new CheckpointParts.Fields(order, source);
        long batches = CheckpointParts.randomState(orderFields, "batches");
        long cutout = CheckpointParts.randomState(orderFields, "cutout");
        long dropPath = CheckpointParts.randomState(f, "drop_path_random");

        TrainPosition at = new TrainPosition((int) epoch, batches, cutout);
        at.step = (int) step;
        CheckpointParts.readTotals(f.node("train"), at.train);
        at.seconds = f.node("seconds").asDouble();
        CheckpointParts.takeWeights(c.tensors(), t.weights(), t.sgd());
        t.dropPathRandom().setState(dropPath);
        t.setAccuracies(meta.path("last_test_acc").asDouble(Double.NaN), meta.path("best_test_acc").asDouble(Double.NaN),
                (int) bestEpoch);
        return at;
    }
}

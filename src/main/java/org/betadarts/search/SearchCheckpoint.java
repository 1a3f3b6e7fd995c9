package org.betadarts.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile;
import org.betadarts.io.TensorFile.Tensor;
import org.betadarts.io.UserError;
import org.betadarts.space.AlphaSpec;

/**
 * What a search saves in a checkpoint, and how a search takes it back. Tensors: every weight
 * ({@code weight/NAME}) and buffer ({@code buffer/NAME}) of the supernet, the SGD momentum of every
 * weight ({@code momentum/NAME}), α and a search method's extra parameters ({@code alpha/NAME},
 * edges x ops), Adam's moments ({@code adam/m}, {@code adam/v}) and the regularizer's state
 * ({@code regularizer/KEY}). Metadata: layout version, kind, the settings, the position (epochs done,
 * steps done in the next epoch), steps per epoch, Adam's step count, the data-order generators' states
 * when that epoch began, the perturbation generator's state at the position ({@code perturb_random}:
 * its draws happen inside steps), the search method's generator state at the position
 * ({@code method_random}, GDAS), and the epoch's running totals, seconds and skipped updates so far.
 */
final class SearchCheckpoint {
    static final int LAYOUT = 1;
    static final String KIND = "search";
    /** Settings that may differ between the run that wrote a checkpoint and the one that reads it. */
    private static final List<String> MOVABLE = List.of("dataDir", "device", "recompute");

    private SearchCheckpoint() {}

    static TensorFile.Contents capture(Search s, EpochState at) {
        ObjectNode meta = Json.MAPPER.createObjectNode();
        meta.put("layout", LAYOUT);
        meta.put("kind", KIND);
        meta.put("space", s.space().name());
        meta.set("config", Json.MAPPER.valueToTree(s.config()));
        meta.put("epoch", at.epoch);
        meta.put("step", at.step);
        meta.put("steps_per_epoch", s.stepsPerEpoch());
        meta.put("adam_steps", s.adam().steps());
        ObjectNode order = meta.putObject("data_order");
        order.put("weights", at.weightOrder);
        order.put("alpha", at.alphaOrder);
        meta.put("perturb_random", s.perturbation().randomState());
        s.method().random().ifPresent(r -> meta.put("method_random", r.state()));
        meta.set("train", CheckpointParts.totals(at.train));
        meta.set("arch", CheckpointParts.totals(at.arch));
        meta.put("seconds", at.seconds);
        meta.put("skipped", at.skipped);
        return new TensorFile.Contents(meta, tensors(s));
    }

    private static Map<String, Tensor> tensors(Search s) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        CheckpointParts.putWeights(t, s.weights(), s.sgd());
        float[] alpha = s.alpha().values();
        int offset = 0;
        for (AlphaSpec spec : s.alpha().allSpecs()) {
            float[] part = new float[spec.edges() * spec.width()];
            System.arraycopy(alpha, offset, part, 0, part.length);
            offset += part.length;
            t.put("alpha/" + spec.name(), new Tensor(new long[] {spec.edges(), spec.width()}, part));
        }
        t.put("adam/m", Tensor.of(s.adam().firstMoment().clone()));
        t.put("adam/v", Tensor.of(s.adam().secondMoment().clone()));
        s.regularizer().savedState().forEach((key, value) -> t.put("regularizer/" + key, Tensor.of(value.clone())));
        return t;
    }

    /**
     * Checks that a checkpoint belongs to this search, then sets the search's whole state from it;
     * returns the position to continue from. A checkpoint that does not fit changes nothing.
     */
    static EpochState restore(Search s, TensorFile.Contents c, String source) {
        JsonNode meta = c.metadata();
        CheckpointParts.Fields f = new CheckpointParts.Fields(meta, source);
        CheckpointParts.checkKind(f, LAYOUT, KIND, "search");
        if (!s.space().name().equals(f.text("space"))) {
            throw new UserError("checkpoint " + source + " is from a search of space '" + f.text("space")
                    + "'; this search is of space '" + s.space().name() + "'");
        }
        CheckpointParts.checkSettings(f.node("config"), s.config(), SearchConfig.class, MOVABLE, source, "search");
        int steps = s.stepsPerEpoch();
        if (f.integer("steps_per_epoch") != steps) {
            throw new UserError("checkpoint " + source + " was written with " + f.integer("steps_per_epoch")
                    + " steps per epoch; this data and batch size give " + steps);
        }
        long epoch = f.integer("epoch");
        long step = f.integer("step");
        if (epoch < 0 || epoch > s.config().epochs() || step < 0 || step >= steps || (epoch == s.config().epochs() && step > 0)) {
            throw new UserError("checkpoint " + source + " is at epoch " + epoch + ", step " + step
                    + ", outside this search of " + s.config().epochs() + " epochs of " + steps + " steps");
        }
        CheckpointParts.checkTensors(c.tensors(), tensors(s), source, "search");
        // absent in checkpoints written before perturbations existed: no draws yet
        Long perturbRandom = meta.has("perturb_random") ? CheckpointParts.randomState(f, "perturb_random") : null;
        Long methodRandom = s.method().random().isPresent() ? CheckpointParts.randomState(f, "method_random") : null;

        EpochState at = new EpochState((int) epoch, f.node("data_order").path("weights").asLong(),
                f.node("data_order").path("alpha").asLong());
        at.step = (int) step;
        CheckpointParts.readTotals(f.node("train"), at.train);
        CheckpointParts.readTotals(f.node("arch"), at.arch);
        at.seconds = f.node("seconds").asDouble();
        at.skipped = (int) f.integer("skipped");

        Map<String, Tensor> t = c.tensors();
        CheckpointParts.takeWeights(t, s.weights(), s.sgd());
        float[] alpha = s.alpha().values();
        int offset = 0;
        for (AlphaSpec spec : s.alpha().allSpecs()) {
            float[] part = t.get("alpha/" + spec.name()).data();
            System.arraycopy(part, 0, alpha, offset, part.length);
            offset += part.length;
        }
        s.alpha().upload();
        if (perturbRandom != null) {
            s.perturbation().setRandomState(perturbRandom);
        }
        if (methodRandom != null) {
            s.method().random().get().setState(methodRandom);
        }
        s.adam().restore(t.get("adam/m").data(), t.get("adam/v").data(), f.integer("adam_steps"));
        Map<String, float[]> regularizer = new LinkedHashMap<>();
        t.forEach((name, value) -> {
            if (name.startsWith("regularizer/")) {
                regularizer.put(name.substring("regularizer/".length()), value.data());
            }
        });
        s.regularizer().restoreState(regularizer);
        return at;
    }
}

package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile;
import org.betadarts.io.TensorFile.Tensor;
import org.betadarts.io.UserError;
import org.betadarts.nn.HostCopy;
import org.betadarts.space.AlphaSpec;

/**
 * What a search saves in a checkpoint, and how a search takes it back. Tensors: every weight
 * ({@code weight/NAME}) and buffer ({@code buffer/NAME}) of the supernet, the SGD momentum of every
 * weight ({@code momentum/NAME}), α ({@code alpha/NAME}, edges x ops), Adam's moments
 * ({@code adam/m}, {@code adam/v}) and the regularizer's state ({@code regularizer/KEY}). Metadata:
 * layout version, kind, the settings, the position (epochs done, steps done in the next epoch),
 * steps per epoch, Adam's step count, the data-order generators' states when that epoch began, the
 * perturbation generator's state at the position ({@code perturb_random}: its draws happen inside
 * steps), and the epoch's running totals, seconds and skipped updates so far.
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
        meta.set("train", totals(at.train));
        meta.set("arch", totals(at.arch));
        meta.put("seconds", at.seconds);
        meta.put("skipped", at.skipped);
        return new TensorFile.Contents(meta, tensors(s));
    }

    private static Map<String, Tensor> tensors(Search s) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        s.weights().params().forEach((name, a) -> t.put("weight/" + name, host(a)));
        s.weights().buffers().forEach((name, a) -> t.put("buffer/" + name, host(a)));
        Iterator<NDArray> momentum = s.sgd().buffers().iterator();
        for (String name : s.weights().params().keySet()) {
            t.put("momentum/" + name, host(momentum.next()));
        }
        float[] alpha = s.alpha().values();
        int offset = 0;
        for (AlphaSpec spec : s.alpha().specs()) {
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

    private static Tensor host(NDArray a) {
        return new Tensor(a.getShape().getShape(), a.toFloatArray());
    }

    private static ObjectNode totals(Totals t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("loss_sum", t.lossSum);
        n.put("correct", t.correct);
        n.put("count", t.count);
        return n;
    }

    /**
     * Checks that a checkpoint belongs to this search, then sets the search's whole state from it;
     * returns the position to continue from. A checkpoint that does not fit changes nothing.
     */
    static EpochState restore(Search s, TensorFile.Contents c, String source) {
        JsonNode meta = c.metadata();
        Fields f = new Fields(meta, source);
        if (f.integer("layout") != LAYOUT) {
            throw new UserError("checkpoint " + source + " has layout " + f.integer("layout")
                    + "; this betadarts reads layout " + LAYOUT);
        }
        if (!KIND.equals(f.text("kind"))) {
            throw new UserError("checkpoint " + source + " is from a '" + f.text("kind") + "' run, not from a search");
        }
        if (!s.space().name().equals(f.text("space"))) {
            throw new UserError("checkpoint " + source + " is from a search of space '" + f.text("space")
                    + "'; this search is of space '" + s.space().name() + "'");
        }
        checkSettings(f.node("config"), Json.MAPPER.valueToTree(s.config()), source);
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
        checkTensors(c.tensors(), tensors(s), source);
        // absent in checkpoints written before perturbations existed: no draws yet
        Long perturbRandom = meta.has("perturb_random") ? f.integer("perturb_random") : null;
        if (perturbRandom != null && (perturbRandom < 0 || perturbRandom >= 1L << 48)) {
            throw new UserError("checkpoint " + source + " has a 'perturb_random' outside a 48-bit generator state");
        }

        EpochState at = new EpochState((int) epoch, f.node("data_order").path("weights").asLong(),
                f.node("data_order").path("alpha").asLong());
        at.step = (int) step;
        readTotals(f.node("train"), at.train);
        readTotals(f.node("arch"), at.arch);
        at.seconds = f.node("seconds").asDouble();
        at.skipped = (int) f.integer("skipped");

        Map<String, Tensor> t = c.tensors();
        s.weights().params().forEach((name, a) -> HostCopy.into(a, t.get("weight/" + name).data()));
        s.weights().buffers().forEach((name, a) -> HostCopy.into(a, t.get("buffer/" + name).data()));
        Iterator<NDArray> momentum = s.sgd().buffers().iterator();
        for (String name : s.weights().params().keySet()) {
            HostCopy.into(momentum.next(), t.get("momentum/" + name).data());
        }
        float[] alpha = s.alpha().values();
        int offset = 0;
        for (AlphaSpec spec : s.alpha().specs()) {
            float[] part = t.get("alpha/" + spec.name()).data();
            System.arraycopy(part, 0, alpha, offset, part.length);
            offset += part.length;
        }
        s.alpha().upload();
        if (perturbRandom != null) {
            s.perturbation().setRandomState(perturbRandom);
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

    private static void checkSettings(JsonNode recorded, JsonNode mine, String source) {
        JsonNode theirs;
        try {
            theirs = Json.MAPPER.valueToTree(Json.MAPPER.convertValue(recorded, SearchConfig.class));
        } catch (IllegalArgumentException e) {
            throw new UserError("checkpoint " + source + " holds unreadable settings", e);
        }
        for (Iterator<String> it = mine.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!MOVABLE.contains(key) && !mine.get(key).equals(theirs.get(key))) {
                throw new UserError("checkpoint " + source + " is from a search with other settings: " + key + " "
                        + theirs.get(key) + " there, " + mine.get(key) + " here");
            }
        }
    }

    private static void checkTensors(Map<String, Tensor> theirs, Map<String, Tensor> mine, String source) {
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor other = theirs.get(e.getKey());
            if (other == null) {
                throw new UserError("checkpoint " + source + " does not fit this search: it has no tensor " + e.getKey());
            }
            if (!other.shapeText().equals(e.getValue().shapeText())) {
                throw new UserError("checkpoint " + source + " does not fit this search: " + e.getKey() + " is "
                        + other.shapeText() + " there, " + e.getValue().shapeText() + " here");
            }
        }
        for (String name : theirs.keySet()) {
            if (!mine.containsKey(name)) {
                throw new UserError("checkpoint " + source + " does not fit this search: it has a tensor " + name
                        + " that this search does not");
            }
        }
    }

    private static void readTotals(JsonNode n, Totals t) {
        t.lossSum = n.path("loss_sum").asDouble();
        t.correct = n.path("correct").asLong();
        t.count = n.path("count").asLong();
    }

    /** Required metadata fields, with a one-line error naming the checkpoint when one is missing. */
    private record Fields(JsonNode meta, String source) {
        JsonNode node(String key) {
            JsonNode n = meta.get(key);
            if (n == null || n.isNull()) {
                throw new UserError("checkpoint " + source + " lacks '" + key + "' in its metadata");
            }
            return n;
        }

        long integer(String key) {
            JsonNode n = node(key);
            if (!n.canConvertToLong() || !n.isIntegralNumber()) {
                throw new UserError("checkpoint " + source + " has a non-integer '" + key + "'");
            }
            return n.asLong();
        }

        String text(String key) {
            return node(key).asText();
        }
    }
}

package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile.Tensor;
import org.betadarts.io.UserError;
import org.betadarts.nn.HostCopy;
import org.betadarts.nn.Parameters;
import org.betadarts.optim.Sgd;

/**
 * The parts that search and training checkpoints share: weights, buffers and SGD momentum as named
 * tensors, an epoch's running totals as JSON, and the checks that a checkpoint fits a run (its
 * settings, its tensors' names and shapes, its required metadata fields). {@code run} in messages
 * names the kind of run ("search", "training").
 */
public final class CheckpointParts {
    private CheckpointParts() {}

    /** Every weight ({@code weight/NAME}), buffer ({@code buffer/NAME}) and momentum ({@code momentum/NAME}). */
    public static void putWeights(Map<String, Tensor> t, Parameters weights, Sgd sgd) {
        weights.params().forEach((name, a) -> t.put("weight/" + name, host(a)));
        weights.buffers().forEach((name, a) -> t.put("buffer/" + name, host(a)));
        Iterator<NDArray> momentum = sgd.buffers().iterator();
        for (String name : weights.params().keySet()) {
            t.put("momentum/" + name, host(momentum.next()));
        }
    }

    /** Sets weights, buffers and momentum from tensors put by {@link #putWeights} (checked to fit). */
    public static void takeWeights(Map<String, Tensor> t, Parameters weights, Sgd sgd) {
        weights.params().forEach((name, a) -> HostCopy.into(a, t.get("weight/" + name).data()));
        weights.buffers().forEach((name, a) -> HostCopy.into(a, t.get("buffer/" + name).data()));
        Iterator<NDArray> momentum = sgd.buffers().iterator();
        for (String name : weights.params().keySet()) {
            HostCopy.into(momentum.next(), t.get("momentum/" + name).data());
        }
    }

    private static Tensor host(NDArray a) {
        return new Tensor(a.getShape().getShape(), a.toFloatArray());
    }

    public static ObjectNode totals(Totals t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("loss_sum", t.lossSum);
        n.put("correct", t.correct);
        n.put("count", t.count);
        return n;
    }

    public static void readTotals(JsonNode n, Totals t) {
        t.lossSum = n.path("loss_sum").asDouble();
        t.correct = n.path("correct").asLong();
        t.count = n.path("count").asLong();
    }

    /**
     * Refuses a checkpoint whose recorded settings (read as {@code type}) differ from {@code mine} in a
     * field not named in {@code movable}.
     */
    public static void checkSettings(JsonNode recorded, Object mine, Class<?> type, List<String> movable,
                                     String source, String run) {
        JsonNode theirs;
        try {
            theirs = Json.MAPPER.valueToTree(Json.MAPPER.convertValue(recorded, type));
        } catch (IllegalArgumentException e) {
            throw new UserError("checkpoint " + source + " holds unreadable settings", e);
        }
        JsonNode own = Json.MAPPER.valueToTree(mine);
        for (Iterator<String> it = own.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!movable.contains(key) && !own.get(key).equals(theirs.get(key))) {
                throw new UserError("checkpoint " + source + " is from a " + run + " with other settings: " + key + " "
                        + theirs.get(key) + " there, " + own.get(key) + " here");
            }
        }
    }

    /** Refuses a checkpoint whose tensors differ from {@code mine} in names or shapes. */
    public static void checkTensors(Map<String, Tensor> theirs, Map<String, Tensor> mine, String source, String run) {
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor other = theirs.get(e.getKey());
            if (other == null) {
                throw new UserError("checkpoint " + source + " does not fit this " + run + ": it has no tensor "
                        + e.getKey());
            }
            if (!other.shapeText().equals(e.getValue().shapeText())) {
                throw new UserError("checkpoint " + source + " does not fit this " + run + ": " + e.getKey() + " is "
                        + other.shapeText() + " there, " + e.getValue().shapeText() + " here");
            }
        }
        for (String name : theirs.keySet()) {
            if (!mine.containsKey(name)) {
                throw new UserError("checkpoint " + source + " does not fit this " + run + ": it has a tensor " + name
                        + " that this " + run + " does not");
            }
        }
    }

    /** Checks a checkpoint's layout and kind. */
    public static void checkKind(Fields f, int layout, String kind, String run) {
        if (f.integer("layout") != layout) {
            throw new UserError("checkpoint " + f.source() + " has layout " + f.integer("layout")
                    + "; this betadarts reads layout " + layout);
        }
        if (!kind.equals(f.text("kind"))) {
            throw new UserError("checkpoint " + f.source() + " is from a '" + f.text("kind") + "' run, not from a "
                    + run);
        }
    }

    /** A 48-bit generator state from the metadata, checked. */
    public static long randomState(Fields f, String key) {
        long state = f.integer(key);
        if (state < 0 || state >= 1L << 48) {
            throw new UserError("checkpoint " + f.source() + " has a '" + key + "' outside a 48-bit generator state");
        }
        return state;
    }

    /** Required metadata fields, with a one-line error naming the checkpoint when one is missing. */
    public record Fields(JsonNode meta, String source) {
        public JsonNode node(String key) {
            JsonNode n = meta.get(key);
            if (n == null || n.isNull()) {
                throw new UserError("checkpoint " + source + " lacks '" + key + "' in its metadata");
            }
            return n;
        }

        public long integer(String key) {
            JsonNode n = node(key);
            if (!n.canConvertToLong() || !n.isIntegralNumber()) {
                throw new UserError("checkpoint " + source + " has a non-integer '" + key + "'");
            }
            return n.asLong();
        }

        public String text(String key) {
            return node(key).asText();
        }
    }
}

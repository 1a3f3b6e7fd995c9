package org.betadarts.space.darts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.nn.Parameters;
import org.betadarts.space.CellTraining;
import org.betadarts.space.EvalNetwork;
import org.betadarts.space.Genotype;
import org.betadarts.space.NetworkShape;

/**
 * DARTS-space cells (of darts, darts-8op and the RobustDARTS spaces) trained from scratch: the search's
 * macro network with L = {@link NetworkShape#cells()} cells, each kept edge one op weighted 1, affine
 * batch norm and plain pooling; drop-path on every edge but the identity; optionally the auxiliary head
 * on cell 2L/3. Presets: {@code quick} and {@code darts} (the DARTS paper's CIFAR-10 protocol). One for
 * every DARTS space.
 */
final class DartsTraining implements CellTraining {
    /**
     * The DARTS paper's CIFAR-10 protocol: 20 cells, C=36, 600 epochs, batch 96, SGD momentum 0.9, lr
     * 0.025 cosine to 0, weight decay 3e-4, gradient norm clipped at 5, auxiliary head weighted 0.4,
     * drop-path 0.2 (ramped by epoch), cutout 16, the dataset's crop and flip.
     */
    private static final Map<String, Object> DARTS = Map.ofEntries(Map.entry("epochs", 600),
            Map.entry("batchSize", 96), Map.entry("channels", 36), Map.entry("cells", 20), Map.entry("lr", 0.025),
            Map.entry("nesterov", false), Map.entry("weightDecay", 3e-4), Map.entry("gradClip", 5.0),
            Map.entry("auxiliaryWeight", 0.4), Map.entry("dropPath", 0.2), Map.entry("cutout", 16));
    /** A CPU run of minutes: 5 epochs of a small network on 6,000 Fashion-MNIST images, no auxiliary head. */
    private static final Map<String, Object> QUICK = Map.of("dataset", "fashion-mnist", "maxTrain", 6_000,
            "maxTest", 2_000, "epochs", 5, "channels", 8, "cells", 5, "auxiliaryWeight", 0.0, "cutout", 0);

    @Override
    public String name() {
        return DartsSpace.NAME;
    }

    @Override
    public boolean recognizes(String text) {
        String s = text.strip();
        return s.startsWith("Genotype") || s.startsWith("(") || s.startsWith("{");
    }

    @Override
    public Genotype parse(String text) {
        return DartsGenotype.parse(text);
    }

    @Override
    public boolean hasDropPath() {
        return true;
    }

    @Override
    public EvalNetwork build(Parameters params, NetworkShape shape, Genotype genotype, boolean auxiliary) {
        DartsGenotype g = (DartsGenotype) genotype;
        DartsNetwork net = new DartsNetwork(params, shape, g.plan(false), g.plan(true), true);
        AuxiliaryHead head = auxiliary ? new AuxiliaryHead(params.child(EvalNetwork.AUXILIARY),
                net.outChannels(net.auxiliaryCell()), shape.classes()) : null;
        NDArray normal = ones(params, g.normal().size());
        NDArray reduce = ones(params, g.reduce().size());
        return (images, training, dropPath) -> {
            List<NDArray> aux = new ArrayList<>(1);
            NDArray logits = net.forward(images, normal, reduce, training, dropPath, (index, output) -> {
                if (head != null && training && index == net.auxiliaryCell()) {
                    aux.add(head.forward(output, true));
                }
            });
            return new EvalNetwork.Outputs(logits, aux.isEmpty() ? null : aux.get(0));
        };
    }

    private static NDArray ones(Parameters params, int edges) {
        NDArray ones = params.manager().ones(new Shape(edges, 1), params.dataType());
        NDScope.unregister(ones);
        return ones;
    }

    @Override
    public List<String> presets() {
        return List.of("quick", "darts");
    }

    @Override
    public Map<String, Object> preset(String name) {
        Map<String, Object> preset = new LinkedHashMap<>(DARTS);
        if (name.equals("quick")) {
            preset.putAll(QUICK);
        }
        return preset;
    }
}

package org.betadarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;
import org.betadarts.nn.Parameters;
import org.betadarts.space.Genotype;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.darts.AuxiliaryHead;
import org.betadarts.space.darts.DartsGenotype;
import org.betadarts.space.darts.DartsNetwork;
import org.betadarts.space.darts.DartsSpace;
import org.betadarts.space.darts.RobustDartsSpaces;

/**
 * DARTS-space cells (of darts, darts-8op and the RobustDARTS spaces) trained from scratch: the search's
 * macro network with L = {@link NetworkShape#cells()} cells, each kept edge one op weighted 1, affine
 * batch norm and plain pooling; drop-path on every edge but the identity; optionally the auxiliary head
 * on cell 2L/3. Presets: {@code quick} and {@code darts} (the DARTS paper's CIFAR-10 protocol).
 */
public final class DartsTraining implements TrainableSpace {
    @Override
    public String name() {
        return DartsSpace.NAME;
    }

    @Override
    public boolean trains(String space) {
        return DartsSpace.names().contains(space) || RobustDartsSpaces.names().contains(space);
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
    public TrainConfig preset(String name) {
        return switch (name) {
            case "quick" -> TrainConfig.darts().with(Map.of("dataset", "fashion-mnist", "maxTrain", 6_000,
                    "maxTest", 2_000, "epochs", 5, "channels", 8, "cells", 5, "auxiliaryWeight", 0.0, "cutout", 0));
            case "darts" -> TrainConfig.darts();
            default -> throw new UserError("unknown preset '" + name + "' for " + name() + " cells: expected one of "
                    + presets());
        };
    }
}

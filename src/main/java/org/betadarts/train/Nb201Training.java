package org.betadarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.io.UserError;
import org.betadarts.nn.Parameters;
import org.betadarts.space.Genotype;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.nb201.Nb201Genotype;
import org.betadarts.space.nb201.Nb201Network;
import org.betadarts.space.nb201.Nb201Space;

/**
 * NAS-Bench-201 cells trained from scratch: the search's macro network with one op per edge, each
 * weighted 1, and affine batch norm in the cells, as the benchmark trains them. No auxiliary head, no
 * drop-path. Presets: {@code quick} and {@code nb201} (the benchmark's protocol).
 */
public final class Nb201Training implements TrainableSpace {
    @Override
    public String name() {
        return Nb201Space.NAME;
    }

    @Override
    public boolean recognizes(String text) {
        return text.strip().startsWith("|");
    }

    @Override
    public Genotype parse(String text) {
        return Nb201Genotype.parse(text);
    }

    @Override
    public EvalNetwork build(Parameters params, NetworkShape shape, Genotype genotype, boolean auxiliary) {
        if (auxiliary) {
            throw new UserError("NAS-Bench-201 networks have no auxiliary head: leave --auxiliary-weight at 0");
        }
        List<List<String>> ops = ((Nb201Genotype) genotype).ops().stream().map(List::of).toList();
        Nb201Network net = new Nb201Network(params, shape, ops, true);
        NDArray ones = params.manager().ones(new Shape(ops.size(), 1), params.dataType());
        NDScope.unregister(ones);
        return (images, training, dropPath) -> new EvalNetwork.Outputs(net.forward(images, ones, training));
    }

    @Override
    public List<String> presets() {
        return List.of("quick", "nb201");
    }

    @Override
    public TrainConfig preset(String name) {
        return switch (name) {
            case "quick" -> TrainConfig.quick();
            case "nb201" -> TrainConfig.nb201();
            default -> throw new UserError("unknown preset '" + name + "' for " + name() + " cells: expected one of "
                    + presets());
        };
    }
}

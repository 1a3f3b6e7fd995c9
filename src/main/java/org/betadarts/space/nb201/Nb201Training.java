package org.betadarts.space.nb201;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;
import org.betadarts.nn.Parameters;
import org.betadarts.space.CellTraining;
import org.betadarts.space.EvalNetwork;
import org.betadarts.space.Genotype;
import org.betadarts.space.NetworkShape;

/**
 * NAS-Bench-201 cells trained from scratch: the search's macro network with one op per edge, each
 * weighted 1, and affine batch norm in the cells, as the benchmark trains them. No auxiliary head, no
 * drop-path. Presets: {@code quick} and {@code nb201} (the benchmark's protocol, the base of every preset).
 */
final class Nb201Training implements CellTraining {
    /**
     * A CPU run of minutes: the NAS-Bench-201 protocol with one cell per stage and batches of 128, for
     * 5 epochs on the first 6,000 Fashion-MNIST training images, tested on the first 2,000 test images.
     */
    private static final Map<String, Object> QUICK = Map.of("dataset", "fashion-mnist", "maxTrain", 6_000,
            "maxTest", 2_000, "epochs", 5, "batchSize", 128, "cells", 1);

    @Override
    public String name() {
        return Nb201Space.NAME;
    }

    @Override
    public boolean cellsPerStage() {
        return true;
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
    public Map<String, Object> preset(String name) {
        return name.equals("quick") ? QUICK : Map.of();
    }
}

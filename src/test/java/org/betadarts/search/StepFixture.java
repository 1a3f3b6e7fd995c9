package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.betadarts.method.Darts;
import org.betadarts.method.SearchMethod;
import org.betadarts.nn.Losses;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.betadarts.optim.Sgd;
import org.betadarts.regularize.Regularizer;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.SupernetModel;

/**
 * A supernet for 3 classes with seeded weights and α (init 0.5·N(0,1)), SGD momentum buffers
 * already filled with noise, and two fixed random batches: the state one α step starts from. Two
 * fixtures built alike are identical.
 */
final class StepFixture implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex("...");

    final NDManager m = TestDevice.manager();
    final Parameters weights;
    final SupernetModel net;
    final ArchParams alpha;
    final Sgd sgd;
    final StepBatches batches;
    final float lr;

    /** @param images the shape of each batch; labels cycle through the classes */
    StepFixture(DataType type, Function<Parameters, SupernetModel> build, List<AlphaSpec> specs, Shape images,
                double bufferScale, float lr) {
        this(type, build, specs, new Darts(), images, bufferScale, lr);
    }

    /** @param method the search method whose weights the α pass mixes by and whose parameters it adds */
    StepFixture(DataType type, Function<Parameters, SupernetModel> build, List<AlphaSpec> specs, SearchMethod method,
                Shape images, double bufferScale, float lr) {
        this.lr = lr;
        weights = new Parameters(m, 1, type);
        net = build.apply(weights);
        alpha = new ArchParams(specs, method.extraParams(), m, 2, 0.5, type);
        alpha.use(method);
        sgd = new Sgd(weights.paramList(), 0.9f, 3e-4f, false);
        SplittableRandom r = new SplittableRandom(3);
        for (NDArray buf : sgd.buffers()) {
            buf.set(ALL, random(r, buf.getShape(), bufferScale, type));
        }
        int n = (int) images.get(0);
        int[] train = new int[n];
        int[] valid = new int[n];
        for (int i = 0; i < n; i++) {
            train[i] = i % 3;
            valid[i] = (i + 2) % 3;
        }
        batches = new StepBatches(random(r, images, 1, type), Losses.oneHot(m, train, 3).toType(type, false),
                random(r, images, 1, type), Losses.oneHot(m, valid, 3).toType(type, false));
    }

    private NDArray random(SplittableRandom r, Shape shape, double scale, DataType type) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return m.create(v, shape).toType(type, false);
    }

    AlphaGradient gradient(String order, Regularizer regularizer) {
        return order.equals(Architect.SECOND)
                ? new SecondOrder(net, weights, alpha, regularizer, sgd)
                : new FirstOrder(net, weights, alpha, regularizer);
    }

    /** The α gradient of one step. */
    float[] compute(AlphaGradient g) {
        try (NDScope scope = new NDScope()) {
            return g.compute(batches, lr, 0, 1).gradient();
        }
    }

    /**
     * The unrolled loss L_val(w − lr(μ·buf + ∇w L_train(w, α) + wd·w), α) at α given in exact doubles;
     * the weights are put back afterwards.
     */
    double unrolledLoss(double[] a) {
        try (NDScope scope = new NDScope()) {
            int offset = 0;
            for (NDArray t : alpha.tensors()) {
                int n = (int) t.getShape().size();
                double[] part = new double[n];
                System.arraycopy(a, offset, part, 0, n);
                t.set(ALL, m.create(part, t.getShape()).toType(t.getDataType(), false));
                offset += n;
            }
            List<NDArray> saved = weights.paramList().stream().map(NDArray::duplicate).toList();
            weights.setTrainable(true);
            LossPass.run(net, alpha, batches.trainImages(), batches.trainTargets());
            sgd.lookahead(lr);
            weights.setTrainable(false);
            NDArray logits = net.forward(batches.validImages(), alpha.opWeights(), true);
            double loss = Losses.crossEntropy(logits, batches.validTargets()).toType(DataType.FLOAT64, false).getDouble();
            for (int i = 0; i < saved.size(); i++) {
                weights.paramList().get(i).set(ALL, saved.get(i));
            }
            return loss;
        }
    }

    List<float[]> weightValues() {
        return weights.paramList().stream().map(p -> p.toType(DataType.FLOAT32, false).toFloatArray()).toList();
    }

    /** The weight gradients of one training pass, on top of whatever gradient is left. */
    List<float[]> weightGradients() {
        try (NDScope scope = new NDScope()) {
            weights.setTrainable(true);
            LossPass.run(net, alpha, batches.trainImages(), batches.trainTargets());
            List<float[]> out = new ArrayList<>();
            for (NDArray p : weights.paramList()) {
                out.add(p.getGradient().toType(DataType.FLOAT32, false).toFloatArray());
            }
            weights.setTrainable(false);
            return out;
        }
    }

    @Override
    public void close() {
        m.close();
    }
}

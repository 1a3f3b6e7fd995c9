package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.betadarts.nn.Parameters;
import org.betadarts.optim.Sgd;
import org.betadarts.regularize.Regularizer;
import org.betadarts.space.SupernetModel;

/**
 * The unrolled (second-order) α gradient of DARTS: the gradient of L_val(w', α) + regularizer with
 * w' = w − η(μ·buf + ∇w L_train(w, α) + wd·w) one look-ahead SGD step ({@link Sgd#lookahead}),
 * which is ∇α L_val(w', α) − η ∇²αw L_train(w, α) · v with v = ∇w' L_val(w', α). The mixed second
 * derivative times v is a finite difference of first-order gradients:
 * (∇α L_train(w + r·v, α) − ∇α L_train(w − r·v, α)) / 2r with r = 0.01 / ‖v‖.
 *
 * <p>The weights are copied before the look-ahead and put back exactly afterwards; batch-norm running
 * statistics are left as the forward passes at w, w+ and w− set them (as if w' were a separate copy
 * of the network, as in the reference).
 */
public final class SecondOrder implements AlphaGradient {
    /** r · ‖v‖: the length of the weight perturbation of the finite difference. */
    public static final double RADIUS = 0.01;
    private static final NDIndex ALL = new NDIndex("...");

    private final SupernetModel net;
    private final Parameters weights;
    private final List<NDArray> params;
    private final ArchParams alpha;
    private final Regularizer regularizer;
    private final Sgd sgd;

    /** @param sgd the weights' optimizer: its momentum buffers and weight decay enter the look-ahead */
    public SecondOrder(SupernetModel net, Parameters weights, ArchParams alpha, Regularizer regularizer, Sgd sgd) {
        this.net = net;
        this.weights = weights;
        this.params = weights.paramList();
        this.alpha = alpha;
        this.regularizer = regularizer;
        this.sgd = sgd;
    }

    @Override
    public Result compute(StepBatches b, float lr, int epoch, int epochs) {
        List<NDArray> original = copies(params);
        weights.setTrainable(true);
        alpha.setTrainable(false);
        LossPass.run(net, alpha, b.trainImages(), b.trainTargets());
        sgd.lookahead(lr);

        alpha.setTrainable(true);
        List<NDArray> stats = copies(weights.buffers().values());
        LossPass.Output val = LossPass.run(net, alpha, b.validImages(), b.validTargets(),
                () -> regularizer.alphaLoss(alpha.opTensors(), epoch, epochs));
        assign(weights.buffers().values(), stats);
        List<NDArray> direct = alpha.takeGradientTensors();
        List<NDArray> v = Gradients.take(params);
        weights.setTrainable(false);

        double norm = Math.sqrt(sumOfSquares(v));
        List<NDArray> grad = direct;
        if (norm > 0) {
            double r = RADIUS / norm;
            List<NDArray> plus = trainGradientAt(original, v, r, b);
            List<NDArray> minus = trainGradientAt(original, v, -r, b);
            grad = new ArrayList<>();
            for (int t = 0; t < direct.size(); t++) {
                grad.add(direct.get(t).sub(plus.get(t).sub(minus.get(t)).mul(lr / (2 * r))));
            }
        }
        assign(params, original);
        alpha.setTrainable(false);
        return new Result(alpha.toHost(grad), val.logits(), val.loss());
    }

    /** ∇α L_train at w = original + r·v. */
    private List<NDArray> trainGradientAt(List<NDArray> original, List<NDArray> v, double r, StepBatches b) {
        for (int i = 0; i < params.size(); i++) {
            NDArray shifted = original.get(i).add(v.get(i).mul(r));
            params.get(i).set(ALL, shifted);
            shifted.close();
        }
        LossPass.run(net, alpha, b.trainImages(), b.trainTargets());
        return alpha.takeGradientTensors();
    }

    /** Σ a² over all arrays, read back once. */
    private static double sumOfSquares(List<NDArray> arrays) {
        NDArray total = null;
        for (NDArray a : arrays) {
            NDArray s = a.square().sum();
            total = total == null ? s : total.add(s);
        }
        return total.toType(DataType.FLOAT64, false).getDouble();
    }

    private static List<NDArray> copies(Collection<NDArray> arrays) {
        return arrays.stream().map(NDArray::duplicate).toList();
    }

    private static void assign(Collection<NDArray> targets, List<NDArray> values) {
        int i = 0;
        for (NDArray t : targets) {
            t.set(ALL, values.get(i++));
        }
    }
}

package org.betadarts.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.betadarts.nn.PartialChannels;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.Softmax;

/**
 * PC-DARTS (Xu et al. 2020): partial channel connections ({@link PartialChannels}, K = 4) and edge
 * normalization: every α tensor gets a vector of edge parameters ({@code edge_NAME}, one per edge),
 * and each edge's output is multiplied by the softmax of these over the edges entering the same node.
 * They train with α (the same Adam) and enter the derived cell: an edge's strength is its op's
 * softmax weight times its edge weight. Regularizers act on α alone (the official β-DARTS PC-DARTS
 * model has no edge parameters; β-Decay is defined on the op α of each edge).
 */
public final class PcDarts extends NamedMethod {
    public static final String NAME = "pc-darts";

    private final List<AlphaSpec> alphas;
    private final List<Integer> edgesPerNode;

    /** @param edgesPerNode how many edges (rows of every α tensor, in order) enter each intermediate node */
    public PcDarts(List<AlphaSpec> alphas, List<Integer> edgesPerNode) {
        super(NAME, new PartialChannels(PartialChannels.DEFAULT_K));
        this.alphas = List.copyOf(alphas);
        this.edgesPerNode = List.copyOf(edgesPerNode);
    }

    /**
     * The official PC-DARTS search's settings ({@code train_search.py} of yuhuixu1993/PC-DARTS) that
     * differ from the paper preset: batch 256, lr 0.1, α's lr 6e-4, α frozen for the first 15 epochs.
     * The quick preset keeps its own (its 3,000 images per half would give 11 steps per epoch at 256).
     */
    public static Map<String, Object> presetOverrides(String preset) {
        return preset.equals("paper")
                ? Map.of("batchSize", 256, "lr", 0.1, "archLr", 6e-4, "alphaWarmup", 15)
                : Map.of();
    }

    @Override
    public List<AlphaSpec> extraParams() {
        List<AlphaSpec> out = new ArrayList<>();
        for (AlphaSpec a : alphas) {
            out.add(new AlphaSpec("edge_" + a.name(), a.edges(), List.of("edge")));
        }
        return out;
    }

    @Override
    public NDArray edgeWeights(int index, List<NDArray> extras) {
        NDArray beta = extras.get(index);
        NDList parts = new NDList();
        int start = 0;
        for (int n : edgesPerNode) {
            try (NDArray segment = beta.get(new NDIndex("{}:{}", start, start + n))) {
                parts.add(segment.softmax(0));
            }
            start += n;
        }
        NDArray column = NDArrays.concat(parts, 0);
        parts.close();
        return column;
    }

    @Override
    public List<double[]> edgeWeights(List<float[][]> extras) {
        List<double[]> out = new ArrayList<>();
        for (float[][] beta : extras) {
            double[] w = new double[beta.length];
            int start = 0;
            for (int n : edgesPerNode) {
                float[] segment = new float[n];
                for (int j = 0; j < n; j++) {
                    segment[j] = beta[start + j][0];
                }
                double[] p = Softmax.of(segment);
                System.arraycopy(p, 0, w, start, n);
                start += n;
            }
            out.add(w);
        }
        return out;
    }
}

package org.betadarts.bench;

import static org.betadarts.io.UserError.require;

import org.betadarts.method.SearchMethods;
import org.betadarts.nn.Precision;
import org.betadarts.search.Architect;

/**
 * What a benchmark times: search steps of {@code space} at this network and batch size on random
 * images, {@code warmup} untimed steps (after one more that counts FLOPs), then {@code steps} timed
 * ones, on {@code threads} intra-op threads (0: the engine's default), with the α gradient of
 * {@code order} (first or second) and the search's {@code recompute} setting
 * ({@link org.betadarts.search.RecomputeSetting}), by the search method {@code method}, with the search's
 * {@code precision} (fp32 or bf16).
 */
public record BenchSettings(String space, String order, int batch, int channels, int cells, int imageSize, int inputChannels,
                            int classes, int steps, int warmup, int threads, String recompute, String method,
                            String precision) {
    public BenchSettings {
        Architect.checkOrder(order);
        SearchMethods.check(method);
        require(batch >= 1, "--batch must be at least 1");
        require(channels >= 1, "--channels must be at least 1");
        require(cells >= 1, "-N/--cells-per-stage or --layers must be at least 1");
        require(imageSize >= 4, "--image-size must be at least 4");
        require(inputChannels >= 1, "--input-channels must be at least 1");
        require(classes >= 2, "--classes must be at least 2");
        require(steps >= 1, "--steps must be at least 1");
        require(warmup >= 0, "--warmup must not be negative");
        require(threads >= 0, "--threads must not be negative");
        // every step gets fresh random images, made before the first: they must fit one Java array
        require(2L * (1 + warmup + steps) * batch * inputChannels * imageSize * imageSize <= Integer.MAX_VALUE - 8,
                "--steps, --warmup and --batch ask for more random images than fit in memory at once; "
                        + "time fewer steps");
        Precision.parse(precision);
    }

    /** Every step the run makes: the counting step, the warm-up and the timed ones. */
    public int totalSteps() {
        return 1 + warmup + steps;
    }
}

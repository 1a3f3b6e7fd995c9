package org.betadarts.regularize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.betadarts.io.UserError;

/**
 * Builds a regularizer from its command-line name and weight schedule. Without a schedule each
 * method gets its default: β-Decay, L2 and weight decay the official β-Decay weight
 * {@code slope:0.5} (λ = 0.5 · epoch, so that they differ only in how they shrink α), DARTS- the skip
 * weight {@code linear:1:0}.
 */
public final class Regularizers {
    private record Entry(LambdaSchedule defaultWeight, Function<LambdaSchedule, Regularizer> make) {}

    private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(NoRegularizer.NAME, new Entry(LambdaSchedule.constant(0), w -> new NoRegularizer()));
        TABLE.put(BetaDecay.NAME, new Entry(BetaDecay.DEFAULT_SCHEDULE, BetaDecay::new));
        TABLE.put(L2.NAME, new Entry(BetaDecay.DEFAULT_SCHEDULE, L2::new));
        TABLE.put(WeightDecay.NAME, new Entry(BetaDecay.DEFAULT_SCHEDULE, WeightDecay::new));
        TABLE.put(DartsMinus.NAME, new Entry(DartsMinus.DEFAULT_SCHEDULE, DartsMinus::new));
    }

    private Regularizers() {}

    public static List<String> names() {
        return List.copyOf(TABLE.keySet());
    }

    public static Regularizer create(String name, LambdaSchedule weight) {
        return entry(name).make().apply(weight);
    }

    /** @param weight the schedule's text form, or {@code null} for the method's default */
    public static Regularizer create(String name, String weight) {
        Entry e = entry(name);
        return e.make().apply(weight == null ? e.defaultWeight() : LambdaSchedule.parse(weight));
    }

    private static Entry entry(String name) {
        Entry e = TABLE.get(name);
        if (e == null) {
            throw new UserError("unknown regularizer '" + name + "': expected one of " + names());
        }
        return e;
    }
}

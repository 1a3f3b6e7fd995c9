package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Runs a layer in another number type: casts in, calls, casts the result back to the input's type. */
final class Casts {
    /** A layer of an input, a weight and an optional bias. */
    interface Layer {
        NDArray apply(NDArray x, NDArray weight, NDArray bias);
    }

    private Casts() {}

    static NDArray call(NDArray x, NDArray weight, NDArray bias, DataType compute, Layer layer) {
        if (x.getDataType() == compute || weight.getDataType() == compute) {
            return layer.apply(x, weight, bias);
        }
        return Scoped.compute(() -> layer.apply(x.toType(compute, false), weight.toType(compute, false),
                bias == null ? null : bias.toType(compute, false)).toType(x.getDataType(), false));
    }
}

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
            return layer.apply(x, weight, bias); // a cast would return the same tensor, which must not be closed
        }
        NDArray xc = x.toType(compute, false);
        NDArray wc = weight.toType(compute, false);
        NDArray bc = bias == null ? null : bias.toType(compute, false);
        NDArray yc = layer.apply(xc, wc, bc);
        NDArray y = yc.toType(x.getDataType(), false);
        // autograd keeps what the backward pass needs; the handles here are not needed any more
        xc.close();
        wc.close();
        if (bc != null) {
            bc.close();
        }
        yc.close();
        return y;
    }
}

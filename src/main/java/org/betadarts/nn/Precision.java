package org.betadarts.nn;

import ai.djl.ndarray.types.DataType;
import org.betadarts.io.UserError;

/**
 * The number type convolutions and linear layers compute in. {@code BF16} casts their input and
 * weight to bfloat16 for the call and the result back to float32 (as PyTorch's autocast does for
 * these layers); the weights themselves, batch norm, pooling, α, the losses and the optimizers stay
 * float32, and the gradients reach the float32 weights through the casts.
 */
public enum Precision {
    FP32(null),
    BF16(DataType.BFLOAT16);

    private final DataType computeType;

    Precision(DataType computeType) {
        this.computeType = computeType;
    }

    /** The type the layer computes in, null for the tensors' own type. */
    DataType computeType() {
        return computeType;
    }

    /** fp32 (also for null, the setting of runs from before this option) or bf16. */
    public static Precision parse(String name) {
        if (name == null || name.equals("fp32")) {
            return FP32;
        }
        if (name.equals("bf16")) {
            return BF16;
        }
        throw new UserError("--precision must be fp32 or bf16, not '" + name + "'");
    }
}

package org.betadarts.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.util.List;
import org.betadarts.io.UserError;
import org.betadarts.nn.Devices;
import org.betadarts.nn.HostValues;
import org.betadarts.nn.Precision;

/**
 * Whether the engine can compute in bfloat16: whether its JNI library knows the type and converts
 * between types with a gradient (as PyTorch's {@code Tensor.to} does). DJL 0.36's prebuilt library
 * does neither (it ends the process when asked for bfloat16, and converts without gradient);
 * scripts/device-kit/patch_jni.py adds both to the library the device kit builds. The question is asked once, in a child JVM.
 */
final class Bf16Support {
    private static Boolean available;

    private Bf16Support() {}

    /** @throws UserError for bf16 when the engine cannot compute in it */
    static void check(String precision) {
        if (Precision.parse(precision) == Precision.BF16 && !available()) {
            throw new UserError("--precision bf16: this PyTorch JNI library has no bfloat16 type (DJL 0.36's "
                    + "prebuilt one has none; build DJL's JNI library with scripts/device-kit/patch_jni.py, see the README's GPU "
                    + "section); use --precision fp32");
        }
    }

    private static synchronized boolean available() {
        if (available == null) {
            List<String> command = JavaCommand.likeThisOne();
            command.add(Bf16Support.class.getName());
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                available = p.waitFor() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** The probe: a cast to bfloat16 and back, and its gradient; exits 0 when both work. */
    public static void main(String[] args) {
        try (NDManager m = Devices.manager(Devices.cpu());
             NDArray x = HostValues.tensor(m, new float[] {1.5f}, new Shape(1))) {
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray back = x.toType(DataType.BFLOAT16, false).toType(DataType.FLOAT32, false);
                gc.backward(HostValues.mul(back, 3));
            }
            boolean works = x.getFloat() == 1.5f && x.getGradient().getFloat() == 3f;
            System.exit(works ? 0 : 1);
        } catch (RuntimeException e) {
            System.exit(1);
        }
    }
}

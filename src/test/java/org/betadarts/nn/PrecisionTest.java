package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class PrecisionTest {
    /** Rounds to the nearest bfloat16 (ties to even), as a float. */
    static float bf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(rounded & 0xFFFF0000);
    }

    static float[] abs(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }

    static float[] bf16(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = bf16(v[i]);
        }
        return out;
    }

    private static NDArray conv(NDManager m, Precision precision, float[] x, float[] w, Shape xs, NDArray[] grad) {
        Parameters p = new Parameters(m, 1).withPrecision(precision);
        return run(m, p, Layers.conv(p, 3, 4, 3, 1, 1), x, w, xs, grad);
    }

    private static NDArray run(NDManager m, Parameters p, Module conv, float[] x, float[] w, Shape xs, NDArray[] grad) {
        NDArray weight = p.params().get("weight");
        HostCopy.into(weight, w);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = conv.forward(m.create(x, xs), true);
            gc.backward(y.square().sum());
            grad[0] = weight.getGradient().duplicate();
            return y;
        }
    }

    /**
     * The cast route (input and weight cast to the compute type, the result cast back) on the CPU, with
     * float64 as the compute type: the layer returns float32 values of the float64 convolution, which
     * a plain Java convolution in double precision gives to the last bit. Its gradient needs a JNI
     * library whose casts have one (scripts/device-kit/patch_jni.py): checked where -Dbetadarts.bf16=true.
     */
    @Test
    void castRouteComputesInTheOtherTypeAndReturnsTheInputType() {
        SplittableRandom r = new SplittableRandom(5);
        Shape xs = new Shape(2, 3, 5, 5);
        float[] x = LayersTest.random(r, (int) xs.size());
        float[] w = LayersTest.random(r, 4 * 3 * 3 * 3);
        try (NDManager m = NDManager.newBaseManager()) {
            Parameters p = new Parameters(m, 1);
            NDArray weight = p.param("weight", new Shape(4, 3, 3, 3), Init.constant(0));
            Module conv = (in, training) -> Casts.call(in, weight, null, DataType.FLOAT64,
                    (a, b, c) -> ai.djl.nn.convolutional.Conv2d.conv2d(a, b, null, new Shape(1, 1), new Shape(1, 1),
                            new Shape(1, 1), 1).head());
            HostCopy.into(weight, w);
            NDArray y = conv.forward(m.create(x, xs), false);
            assertEquals(DataType.FLOAT32, y.getDataType());
            float[] expected = convInDouble(x, w);
            float[] got = y.toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[i], got[i], Math.ulp(expected[i]), "output " + i);
            }
        }
    }

    /**
     * A bf16 convolution is the convolution of the bf16-rounded input and weight, its result rounded to
     * bf16 and returned as float32: every output is a bf16 value, within the error of summing the 27
     * products in bf16 (2^-6 of the sum of their magnitudes) of the exact sum, and most differ from the
     * float32 layer's; the weight stays float32 and gets a float32 gradient close to the float32 layer's.
     * Needs a JNI library with bfloat16 (DJL 0.36's prebuilt one ends the process on it): runs where
     * {@code -Dbetadarts.bf16=true} says so, as the device check does.
     */
    @Test
    @EnabledIfSystemProperty(named = "betadarts.bf16", matches = "true")
    void bf16ConvolutionIsTheConvolutionOfRoundedValues() {
        SplittableRandom r = new SplittableRandom(3);
        Shape xs = new Shape(2, 3, 5, 5);
        float[] x = LayersTest.random(r, (int) xs.size());
        float[] w = LayersTest.random(r, 4 * 3 * 3 * 3);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] g32 = new NDArray[1];
            NDArray[] g16 = new NDArray[1];
            float[] y32 = conv(m, Precision.FP32, x, w, xs, g32).toFloatArray();
            NDArray y = conv(m, Precision.BF16, x, w, xs, g16);
            assertEquals(DataType.FLOAT32, y.getDataType());
            assertEquals(DataType.FLOAT32, g16[0].getDataType());
            float[] y16 = y.toFloatArray();
            float[] expected = LayersTest.convReference(bf16(x), bf16(w), 2, 3, 5, 5, 4, 3, 1, 1);
            float[] magnitude = LayersTest.convReference(abs(bf16(x)), abs(bf16(w)), 2, 3, 5, 5, 4, 3, 1, 1);
            int differing = 0;
            for (int i = 0; i < y16.length; i++) {
                assertEquals(0, Float.floatToRawIntBits(y16[i]) & 0xFFFF, "output " + i + " is not a bf16 value");
                assertEquals(expected[i], y16[i], magnitude[i] * 0x1p-6 + 1e-6, "output " + i);
                differing += y16[i] != y32[i] ? 1 : 0;
            }
            assertTrue(differing > y16.length / 2, "bf16 outputs equal the float32 ones: no cast happened");
            float[] a = g32[0].toFloatArray();
            float[] b = g16[0].toFloatArray();
            double scale = 0;
            for (float v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 0.03 * scale, "weight gradient " + i);
            }
        }
    }

    /** Stride 1, padding 1, 3x3 convolution of (2, 3, 5, 5) to 4 channels, every product and sum in double. */
    private static float[] convInDouble(float[] x, float[] w) {
        float[] y = new float[2 * 4 * 5 * 5];
        for (int b = 0; b < 2; b++) {
            for (int o = 0; o < 4; o++) {
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 5; j++) {
                        double s = 0;
                        for (int c = 0; c < 3; c++) {
                            for (int di = 0; di < 3; di++) {
                                for (int dj = 0; dj < 3; dj++) {
                                    int yy = i - 1 + di;
                                    int xx = j - 1 + dj;
                                    if (yy >= 0 && yy < 5 && xx >= 0 && xx < 5) {
                                        s += (double) w[((o * 3 + c) * 3 + di) * 3 + dj] * x[((b * 3 + c) * 5 + yy) * 5 + xx];
                                    }
                                }
                            }
                        }
                        y[((b * 4 + o) * 5 + i) * 5 + j] = (float) s;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void parsesTheTwoNamesAndRejectsOthers() {
        assertEquals(Precision.FP32, Precision.parse(null));
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        assertEquals(Precision.BF16, Precision.parse("bf16"));
        UserError e = assertThrows(UserError.class, () -> Precision.parse("fp16"));
        assertTrue(e.getMessage().contains("--precision must be fp32 or bf16"), e.getMessage());
    }
}

package org.betadarts.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/**
 * The device the engine tests run on: the system property {@code betadarts.test.device} (cpu, gpu or
 * gpu:N; default cpu). Their expected values are hand values or the CPU's, so a run on a GPU
 * compares the GPU with them.
 */
public final class TestDevice {
    public static final String PROPERTY = "betadarts.test.device";

    private TestDevice() {}

    public static Device device() {
        return Devices.parse(System.getProperty(PROPERTY, Devices.CPU));
    }

    /** A base manager on the test device. */
    public static NDManager manager() {
        return Devices.manager(device());
    }
}

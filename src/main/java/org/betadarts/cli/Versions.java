package org.betadarts.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;
import org.betadarts.nn.Devices;

/** Versions recorded in every run directory. */
final class Versions {
    private Versions() {}

    static Map<String, String> all() {
        Map<String, String> v = new LinkedHashMap<>();
        String own = Main.class.getPackage().getImplementationVersion();
        v.put("betadarts", own == null ? "dev" : own);
        v.put("java", System.getProperty("java.version"));
        v.put("djl", Engine.getDjlVersion());
        Engine engine = Devices.engine();
        v.put("engine", engine.getEngineName() + " " + engine.getVersion());
        v.put("threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        v.put("torch_threads", Integer.toString(JniUtils.getNumThreads()));
        return v;
    }
}

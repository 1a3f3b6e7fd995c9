package org.betadarts.cli;

import picocli.CommandLine;

/** The version line: this project's version and the tensor engine's. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"betadarts " + (v == null ? "dev" : v)};
    }
}

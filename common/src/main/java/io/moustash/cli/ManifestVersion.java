package io.moustash.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version}: the version Maven wrote into the tool's jar manifest. */
public final class ManifestVersion implements IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        Package tool = spec == null ? ManifestVersion.class.getPackage() : spec.userObject().getClass().getPackage();
        String version = tool.getImplementationVersion();
        return new String[] {"${COMMAND-NAME} " + (version == null ? "(development build)" : version)
                + " (Moustash; Java ${java.version})"};
    }
}

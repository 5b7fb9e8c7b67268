package dev.otellab.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

import java.util.regex.Pattern;

/**
 * Leaves out the test helpers of core and gui: in a build that packages the modules, the cli's tests
 * see them as test-jars (…-tests.jar), which {@link ImportOption.DoNotIncludeTests} does not know.
 */
public final class DoNotIncludeTestJars implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
        return !location.matches(TEST_JAR);
    }
}

package dev.otellab.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoriesTest {
    private static final Path HOME = Path.of("/home/learner");

    @Test
    void followsXdgVariables() {
        DataDirectories dirs = DataDirectories.fromEnvironment(
                Map.of("XDG_DATA_HOME", "/data", "XDG_CONFIG_HOME", "/conf"), HOME);

        assertThat(dirs.dataDir()).isEqualTo(Path.of("/data/otel-lab-console"));
        assertThat(dirs.configDir()).isEqualTo(Path.of("/conf/otel-lab-console"));
        assertThat(dirs.telemetryStoreDir()).isEqualTo(Path.of("/data/otel-lab-console/telemetry"));
    }

    @Test
    void fallsBackToTheXdgDefaultsUnderHome() {
        DataDirectories dirs = DataDirectories.fromEnvironment(Map.of(), HOME);

        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/learner/.local/share/otel-lab-console"));
        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/learner/.config/otel-lab-console"));
    }

    @Test
    void ignoresRelativeXdgPathsAsTheSpecSays() {
        DataDirectories dirs = DataDirectories.fromEnvironment(Map.of("XDG_DATA_HOME", "relative/dir"), HOME);

        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/learner/.local/share/otel-lab-console"));
    }

    @Test
    void exercisesLiveInTheConfigFolderUnlessTheVariableOrTheOptionPointsElsewhere() {
        assertThat(DataDirectories.fromEnvironment(Map.of(), HOME).exercisesDir())
                .isEqualTo(Path.of("/home/learner/.config/otel-lab-console/exercises"));
        DataDirectories fromVariable = DataDirectories.fromEnvironment(Map.of("LAB_EXERCISES_DIR", "/course/day1"), HOME);
        assertThat(fromVariable.exercisesDir()).isEqualTo(Path.of("/course/day1"));
        assertThat(fromVariable.withExercisesDir(Path.of("/course/day2")).exercisesDir()).isEqualTo(Path.of("/course/day2"));
        assertThat(fromVariable.withExercisesDir(null).exercisesDir()).isEqualTo(Path.of("/course/day1"));
    }
}

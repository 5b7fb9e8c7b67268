package dev.otellab.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one place that knows where the console keeps data and settings: the XDG base
 * directories on Linux ($XDG_DATA_HOME, default ~/.local/share; $XDG_CONFIG_HOME, default
 * ~/.config), each with an "otel-lab-console" folder. A --data-dir option overrides the data
 * folder so runs can be isolated. A trainer's exercise files live in the config folder's
 * "exercises" folder, or where $LAB_EXERCISES_DIR or --exercises-dir point.
 */
public final class DataDirectories {
    public static final String APP_FOLDER = "otel-lab-console";
    public static final String EXERCISES_VARIABLE = "LAB_EXERCISES_DIR";

    private final Path dataDir;
    private final Path configDir;
    private final Path exercisesDir;

    public DataDirectories(Path dataDir, Path configDir) {
        this(dataDir, configDir, null);
    }

    private DataDirectories(Path dataDir, Path configDir, Path exercisesDir) {
        this.dataDir = dataDir;
        this.configDir = configDir;
        this.exercisesDir = exercisesDir;
    }

    /** The user's default folders, from the environment of this process. */
    public static DataDirectories forUser() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The user's default folders, or {@code dataDirOverride} for data when it is given. */
    public static DataDirectories forUser(Path dataDirOverride) {
        DataDirectories defaults = forUser();
        return dataDirOverride == null ? defaults : new DataDirectories(dataDirOverride, defaults.configDir, defaults.exercisesDir);
    }

    /** The same folders, with the trainer's exercises in {@code folder} when it is given. */
    public DataDirectories withExercisesDir(Path folder) {
        return folder == null ? this : new DataDirectories(dataDir, configDir, folder);
    }

    static DataDirectories fromEnvironment(Map<String, String> env, Path home) {
        Path dataHome = xdg(env, "XDG_DATA_HOME", home.resolve(".local").resolve("share"));
        Path configHome = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        String exercises = env.get(EXERCISES_VARIABLE);
        return new DataDirectories(dataHome.resolve(APP_FOLDER), configHome.resolve(APP_FOLDER),
                exercises == null || exercises.isBlank() ? null : Path.of(exercises));
    }

    private static Path xdg(Map<String, String> env, String variable, Path fallback) {
        String value = env.get(variable);
        // The XDG spec says relative paths are invalid and must be ignored.
        return value == null || value.isBlank() || !Path.of(value).isAbsolute() ? fallback : Path.of(value);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path configDir() {
        return configDir;
    }

    /** Where a trainer puts exercise files: the config folder's "exercises", unless pointed elsewhere. */
    public Path exercisesDir() {
        return exercisesDir != null ? exercisesDir : configDir.resolve("exercises");
    }

    /** Grafana's admin password for Docker mode, generated on first use (user-readable only). */
    public Path grafanaAdminPasswordFile() {
        return configDir.resolve("grafana-admin-password");
    }

    /** The embedded telemetry store's folder. */
    public Path telemetryStoreDir() {
        return dataDir.resolve("telemetry");
    }
}

package dev.otellab.lab.remote;

import dev.otellab.lab.RemoteSettings;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** The remote mode's settings port over the remote lab engine and the settings file in the config folder. */
public final class RemoteLabSettings implements RemoteSettings {
    private final Supplier<RemoteLab> lab;
    private final RemoteSettingsStore store;

    /**
     * @param lab   the remote lab engine, made on first use (the window makes it when the form first needs it)
     * @param store where the settings are kept
     */
    public RemoteLabSettings(Supplier<RemoteLab> lab, RemoteSettingsStore store) {
        this.lab = lab;
        this.store = store;
    }

    @Override
    public LgtmEndpoints current() {
        return lab.get().endpoints();
    }

    @Override
    public List<Check> test(LgtmEndpoints candidate) {
        return lab.get().test(candidate).stream()
                .map(result -> new Check(result.backend().displayName(), result.ok(), result.message()))
                .toList();
    }

    @Override
    public void save(LgtmEndpoints next) throws IOException {
        store.save(next);
        lab.get().configure(next);
    }

    @Override
    public Path file() {
        return store.file();
    }
}

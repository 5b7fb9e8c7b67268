package dev.otellab.stack;

/** How Grafana reads its provisioning files. */
final class GrafanaProvisioning {
    private GrafanaProvisioning() {
    }

    /**
     * Grafana expands $NAME and ${NAME} in provisioning files from its environment and turns "$$"
     * into a literal "$": this is the value Grafana ends up with.
     */
    static String unescape(String provisioned) {
        return provisioned.replace("$$", "$");
    }
}

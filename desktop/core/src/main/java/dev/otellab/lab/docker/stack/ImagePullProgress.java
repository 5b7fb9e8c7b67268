package dev.otellab.lab.docker.stack;

/**
 * Where the pull of one image stands: layers known and finished, bytes downloaded of the bytes
 * announced so far (the engine announces a layer's size only once its download starts), and the
 * engine's last status line.
 */
public record ImagePullProgress(String image, int layers, int layersDone, long bytesDownloaded, long bytesTotal,
                                String status, boolean done) {

    /** 0..1 by bytes when sizes are known, else by layers. */
    public double fraction() {
        if (done) {
            return 1.0;
        }
        if (bytesTotal > 0) {
            return Math.min(1.0, (double) bytesDownloaded / bytesTotal);
        }
        return layers == 0 ? 0.0 : (double) layersDone / layers;
    }
}

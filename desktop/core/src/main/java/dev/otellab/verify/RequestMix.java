package dev.otellab.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * How many requests of each kind a run sends. A share above zero always yields at least one
 * request, so "5% failing" of 10 requests still tests the failure path; the slow requests give
 * way when the rounded counts would not fit.
 */
public record RequestMix(int normal, int slow, int failing) {

    public static RequestMix of(int total, double slowShare, double errorShare) {
        int failing = share(total, errorShare);
        int slow = Math.min(share(total, slowShare), total - failing);
        return new RequestMix(total - failing - slow, slow, failing);
    }

    public int total() {
        return normal + slow + failing;
    }

    /**
     * The order of sending: the slow and failing requests (alternating) spread evenly among
     * the normal ones, so every part of the run sees some of each.
     */
    public List<RequestKind> order() {
        List<RequestKind> deliberate = new ArrayList<>(slow + failing);
        for (int i = 0; i < Math.max(slow, failing); i++) {
            if (i < failing) {
                deliberate.add(RequestKind.FAILING);
            }
            if (i < slow) {
                deliberate.add(RequestKind.SLOW);
            }
        }
        int total = total();
        int bad = deliberate.size();
        List<RequestKind> order = new ArrayList<>(total);
        int placed = 0;
        for (int i = 0; i < total; i++) {
            // position i takes a deliberate request when the even spacing of bad over total steps over it
            boolean deliberateHere = (long) (i + 1) * bad / total > (long) i * bad / total;
            order.add(deliberateHere ? deliberate.get(placed++) : RequestKind.NORMAL);
        }
        return order;
    }

    private static int share(int total, double share) {
        if (share <= 0) {
            return 0;
        }
        return (int) Math.min(total, Math.max(1, Math.round(total * share)));
    }
}

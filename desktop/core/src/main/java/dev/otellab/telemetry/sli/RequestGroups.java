package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.model.SliPoint;

/**
 * Requests, errors and nearest-rank durations (p50, p95, p99) of the groups of an SLI report. A
 * group is a route slot and a step slot: route slots {@code 0..routes-1} are the routes (indexes of
 * {@link RequestColumns#routes()}) and slot {@code routes} all of them; step slots {@code 0..steps-1} are the steps and slot {@code steps}
 * the whole range. Each request counts in four groups: its route's step, its route, its step, all.
 */
final class RequestGroups {
    private static final double[] PERCENTILES = {50, 95, 99};

    private final int routes;
    private final int steps;
    private final int[] requests;
    private final long[] errors;
    private final int[] ranks; // PERCENTILES.length per group: the 1-based rank of each percentile
    private final long[] durations; // the duration at each of those ranks

    RequestGroups(int routes, int steps) {
        this.routes = routes;
        this.steps = steps;
        long size = (long) (routes + 1) * (steps + 1);
        if (size * PERCENTILES.length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Too many routes and steps (" + routes + " × " + steps + ")");
        }
        requests = new int[(int) size];
        errors = new long[(int) size];
        ranks = new int[(int) size * PERCENTILES.length];
        durations = new long[(int) size * PERCENTILES.length];
    }

    int steps() {
        return steps;
    }

    /** The route slot of all routes together. */
    int allRoutes() {
        return routes;
    }

    int requests(int group) {
        return requests[group];
    }

    int group(int routeSlot, int stepSlot) {
        return routeSlot * (steps + 1) + stepSlot;
    }

    /** Counts a request in its four groups; returns the group of its route and step. */
    int add(int route, int step, boolean error) {
        int own = group(route, step);
        count(own, error);
        count(group(route, steps), error);
        count(group(routes, step), error);
        count(group(routes, steps), error);
        return own;
    }

    /**
     * Sorts the durations of all requests counted ({@code groupOf[i]}: the route-and-step group of the
     * request that took {@code durations[i]}; both arrays are reordered) and keeps, in each group, the
     * durations at its nearest ranks.
     */
    void rankDurations(long[] durations, int[] groupOf) {
        int[] nextRank = new int[requests.length]; // the next rank to keep in each group; 0: none left
        for (int group = 0; group < requests.length; group++) {
            for (int p = 0; p < PERCENTILES.length; p++) {
                ranks[group * PERCENTILES.length + p] = requests[group] == 0 ? 0
                        : SliCalculator.rank(requests[group], PERCENTILES[p]);
            }
            nextRank[group] = ranks[group * PERCENTILES.length];
        }
        RadixSort.sort(durations, groupOf);
        int[] seen = new int[requests.length];
        int stride = steps + 1;
        int allRoutes = routes * stride;
        // The loop runs once per request, mostly before the JIT compiles it: kept to a few bytecodes.
        for (int i = 0; i < durations.length; i++) {
            int own = groupOf[i];
            int route = own / stride;
            int ofRoute = route * stride + steps;
            int ofStep = allRoutes + own - route * stride;
            int ofAll = allRoutes + steps;
            if (++seen[own] == nextRank[own]) {
                keep(own, durations[i], seen, nextRank);
            }
            if (++seen[ofRoute] == nextRank[ofRoute]) {
                keep(ofRoute, durations[i], seen, nextRank);
            }
            if (++seen[ofStep] == nextRank[ofStep]) {
                keep(ofStep, durations[i], seen, nextRank);
            }
            if (++seen[ofAll] == nextRank[ofAll]) {
                keep(ofAll, durations[i], seen, nextRank);
            }
        }
    }

    /** The indicators of a group, as a point at {@code timeUnixNano} over {@code windowNanos}. */
    SliPoint point(int group, long timeUnixNano, long windowNanos) {
        int n = requests[group];
        if (n == 0) {
            return new SliPoint(timeUnixNano, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double errorRatio = (double) errors[group] / n;
        double rate = windowNanos > 0 ? n / (windowNanos / 1e9) : Double.NaN;
        int at = group * PERCENTILES.length;
        return new SliPoint(timeUnixNano, n, errors[group], rate, errorRatio, 1 - errorRatio,
                millis(durations[at]), millis(durations[at + 1]), millis(durations[at + 2]));
    }

    private void count(int group, boolean error) {
        requests[group]++;
        if (error) {
            errors[group]++;
        }
    }

    /** The group has seen its next rank: keeps the duration for each percentile at that rank. */
    private void keep(int group, long duration, int[] seen, int[] nextRank) {
        int at = group * PERCENTILES.length;
        nextRank[group] = 0;
        for (int p = 0; p < PERCENTILES.length; p++) {
            if (ranks[at + p] == seen[group]) {
                durations[at + p] = duration;
            } else if (ranks[at + p] > seen[group] && nextRank[group] == 0) {
                nextRank[group] = ranks[at + p];
            }
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}

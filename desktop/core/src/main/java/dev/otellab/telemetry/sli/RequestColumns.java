package dev.otellab.telemetry.sli;

import dev.otellab.telemetry.query.TimeRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The requests of a range placed in its steps, as parallel columns of primitives, each route named
 * once: request {@code i} started in step {@code steps()[i]} (step {@code s} covers
 * {@code [from + s*step, from + (s+1)*step)}), took {@code durations()[i]}, hit
 * {@code routes().get(routeIndexes()[i])} and failed when {@code errors()[i]}. What a store reads in
 * bulk (it places each request with one division, and no start time is handed over), and what
 * {@link SliCalculator} computes over without an object per request (a command-line JVM interprets
 * its first loops, and objects cost it dearly there). The arrays are shared, not copied: the maker
 * hands them over.
 */
public final class RequestColumns {
    private final int[] steps;
    private final long[] durations;
    private final int[] routeIndexes;
    private final boolean[] errors;
    private final List<String> routes;

    public RequestColumns(int[] steps, long[] durations, int[] routeIndexes, boolean[] errors, List<String> routes) {
        int size = steps.length;
        if (durations.length != size || routeIndexes.length != size || errors.length != size) {
            throw new IllegalArgumentException("The columns have different lengths");
        }
        if (new HashSet<>(routes).size() != routes.size()) {
            throw new IllegalArgumentException("A route is named twice: " + routes);
        }
        this.steps = steps;
        this.durations = durations;
        this.routeIndexes = routeIndexes;
        this.errors = errors;
        this.routes = List.copyOf(routes);
    }

    /** No requests. */
    public static RequestColumns empty() {
        return new RequestColumns(new int[0], new long[0], new int[0], new boolean[0], List.of());
    }

    /** The samples that started in {@code range}, placed in its steps of {@code stepNanos}; the others are left out. */
    public static RequestColumns of(List<RequestSample> samples, TimeRange range, long stepNanos) {
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("The step is a positive number of nanoseconds, got " + stepNanos);
        }
        List<RequestSample> inRange = new ArrayList<>(samples.size());
        for (RequestSample sample : samples) {
            if (range.contains(sample.startUnixNano())) {
                inRange.add(sample);
            }
        }
        int size = inRange.size();
        int[] steps = new int[size];
        long[] durations = new long[size];
        int[] routeIndexes = new int[size];
        boolean[] errors = new boolean[size];
        List<String> routes = new ArrayList<>();
        Map<String, Integer> indexOfRoute = new HashMap<>();
        for (int i = 0; i < size; i++) {
            RequestSample sample = inRange.get(i);
            steps[i] = (int) ((sample.startUnixNano() - range.fromUnixNano()) / stepNanos);
            durations[i] = sample.durationNanos();
            Integer index = indexOfRoute.get(sample.route());
            if (index == null) {
                index = routes.size();
                routes.add(sample.route());
                indexOfRoute.put(sample.route(), index);
            }
            routeIndexes[i] = index;
            errors[i] = sample.error();
        }
        return new RequestColumns(steps, durations, routeIndexes, errors, routes);
    }

    /** The requests of both, {@code first}'s then {@code second}'s, each route named once. */
    public static RequestColumns concat(RequestColumns first, RequestColumns second) {
        int size = first.size() + second.size();
        int[] steps = Arrays.copyOf(first.steps, size);
        System.arraycopy(second.steps, 0, steps, first.size(), second.size());
        long[] durations = Arrays.copyOf(first.durations, size);
        System.arraycopy(second.durations, 0, durations, first.size(), second.size());
        boolean[] errors = Arrays.copyOf(first.errors, size);
        System.arraycopy(second.errors, 0, errors, first.size(), second.size());
        List<String> routes = new ArrayList<>(first.routes);
        Map<String, Integer> indexOfRoute = new HashMap<>();
        for (int route = 0; route < routes.size(); route++) {
            indexOfRoute.put(routes.get(route), route);
        }
        int[] secondToFirst = new int[second.routes.size()]; // second's route indexes in the joined list
        for (int route = 0; route < secondToFirst.length; route++) {
            String name = second.routes.get(route);
            Integer index = indexOfRoute.get(name);
            if (index == null) {
                index = routes.size();
                routes.add(name);
            }
            secondToFirst[route] = index;
        }
        int[] routeIndexes = Arrays.copyOf(first.routeIndexes, size);
        for (int i = 0; i < second.size(); i++) {
            routeIndexes[first.size() + i] = secondToFirst[second.routeIndexes[i]];
        }
        return new RequestColumns(steps, durations, routeIndexes, errors, routes);
    }

    public int size() {
        return steps.length;
    }

    public int[] steps() {
        return steps;
    }

    public long[] durations() {
        return durations;
    }

    public int[] routeIndexes() {
        return routeIndexes;
    }

    public boolean[] errors() {
        return errors;
    }

    public List<String> routes() {
        return routes;
    }
}

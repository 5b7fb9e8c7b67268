package dev.otellab.telemetry.sli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Requests as parallel columns of primitives, each route named once: request {@code i} started at
 * {@code starts()[i]}, took {@code durations()[i]}, hit {@code routes().get(routeIndexes()[i])} and
 * failed when {@code errors()[i]}. What a store reads in bulk, and what {@link SliCalculator} computes
 * over without an object per request (a command-line JVM interprets its first loops, and objects
 * cost it dearly there). The arrays are shared, not copied: the maker hands them over.
 */
public final class RequestColumns {
    private final long[] starts;
    private final long[] durations;
    private final int[] routeIndexes;
    private final boolean[] errors;
    private final List<String> routes;

    public RequestColumns(long[] starts, long[] durations, int[] routeIndexes, boolean[] errors, List<String> routes) {
        int size = starts.length;
        if (durations.length != size || routeIndexes.length != size || errors.length != size) {
            throw new IllegalArgumentException("The columns have different lengths");
        }
        if (new HashSet<>(routes).size() != routes.size()) {
            throw new IllegalArgumentException("A route is named twice: " + routes);
        }
        this.starts = starts;
        this.durations = durations;
        this.routeIndexes = routeIndexes;
        this.errors = errors;
        this.routes = List.copyOf(routes);
    }

    public static RequestColumns of(List<RequestSample> samples) {
        int size = samples.size();
        long[] starts = new long[size];
        long[] durations = new long[size];
        int[] routeIndexes = new int[size];
        boolean[] errors = new boolean[size];
        List<String> routes = new ArrayList<>();
        Map<String, Integer> indexOfRoute = new HashMap<>();
        for (int i = 0; i < size; i++) {
            RequestSample sample = samples.get(i);
            starts[i] = sample.startUnixNano();
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
        return new RequestColumns(starts, durations, routeIndexes, errors, routes);
    }

    /** The requests of both, {@code first}'s then {@code second}'s, each route named once. */
    public static RequestColumns concat(RequestColumns first, RequestColumns second) {
        int size = first.size() + second.size();
        long[] starts = Arrays.copyOf(first.starts, size);
        System.arraycopy(second.starts, 0, starts, first.size(), second.size());
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
        return new RequestColumns(starts, durations, routeIndexes, errors, routes);
    }

    public int size() {
        return starts.length;
    }

    public long[] starts() {
        return starts;
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

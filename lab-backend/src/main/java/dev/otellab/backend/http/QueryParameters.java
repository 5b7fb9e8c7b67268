package dev.otellab.backend.http;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Strict reading of query parameters: unknown, repeated or out-of-range values are a 400. */
final class QueryParameters {

  private final Map<String, List<String>> values;

  private QueryParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Rejects any parameter not in {@code allowed}. */
  static QueryParameters of(Context ctx, Set<String> allowed) {
    Map<String, List<String>> values = ctx.queryParamMap();
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw RequestRejectedException.badRequest(
          "unknown query parameter(s): " + String.join(", ", unknown)
              + (allowed.isEmpty() ? "; this endpoint takes none" : "; allowed: " + String.join(", ", new TreeSet<>(allowed))));
    }
    return new QueryParameters(values);
  }

  Optional<String> single(String name) {
    List<String> given = values.get(name);
    if (given == null || given.isEmpty()) {
      return Optional.empty();
    }
    if (given.size() > 1) {
      throw RequestRejectedException.badRequest("query parameter '" + name + "' given more than once");
    }
    return Optional.of(given.get(0));
  }

  int integer(String name, int min, int max, int defaultValue) {
    return single(name).map(raw -> parseInteger(name, raw, min, max)).orElse(defaultValue);
  }

  Optional<Boolean> bool(String name) {
    return single(name)
        .map(
            raw ->
                switch (raw) {
                  case "true" -> true;
                  case "false" -> false;
                  default ->
                      throw RequestRejectedException.badRequest(
                          "query parameter '" + name + "' must be true or false, was '" + raw + "'");
                });
  }

  /** A decimal number of seconds (e.g. 0.25) within the bounds, as milliseconds. */
  long secondsAsMillis(String name, int maxSeconds, long defaultMillis) {
    return single(name)
        .map(
            raw -> {
              BigDecimal seconds;
              try {
                seconds = new BigDecimal(raw.trim());
              } catch (NumberFormatException e) {
                throw outOfRange(name, raw, "a number of seconds in 0.." + maxSeconds);
              }
              if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
                throw outOfRange(name, raw, "a number of seconds in 0.." + maxSeconds);
              }
              return seconds.movePointRight(3).longValue();
            })
        .orElse(defaultMillis);
  }

  private static int parseInteger(String name, String raw, int min, int max) {
    String expected = "a whole number in " + min + ".." + max;
    if (!raw.matches("-?[0-9]{1,10}")) {
      throw outOfRange(name, raw, expected);
    }
    long value = Long.parseLong(raw);
    if (value < min || value > max) {
      throw outOfRange(name, raw, expected);
    }
    return (int) value;
  }

  private static RequestRejectedException outOfRange(String name, String raw, String expected) {
    return RequestRejectedException.badRequest(
        "query parameter '" + name + "' must be " + expected + ", was '" + raw + "'");
  }
}

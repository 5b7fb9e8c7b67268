package dev.otellab.backend.bench;

/**
 * Counts the spans of an OTLP ExportTraceServiceRequest, or the log records of an
 * ExportLogsServiceRequest, straight from the protobuf bytes: both nest their items the same way
 * (field 1 resource_spans/resource_logs, field 2 scope_spans/scope_logs, field 2 spans/log_records).
 * The benchmark's sink uses it to tell whether every item the server made was exported.
 */
final class OtlpItemCount {

  private static final int RESOURCE_FIELD = 1;
  private static final int SCOPE_FIELD = 2;
  private static final int ITEM_FIELD = 2;
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private OtlpItemCount() {}

  /** Spans or log records in an uncompressed OTLP/HTTP protobuf request body. */
  static long of(byte[] body) {
    long items = 0;
    for (Range resource : fields(body, 0, body.length, RESOURCE_FIELD)) {
      for (Range scope : fields(body, resource.start, resource.end, SCOPE_FIELD)) {
        items += fields(body, scope.start, scope.end, ITEM_FIELD).size();
      }
    }
    return items;
  }

  private record Range(int start, int end) {}

  /** The length-delimited occurrences of {@code field} in body[start, end). */
  private static java.util.List<Range> fields(byte[] body, int start, int end, int field) {
    java.util.List<Range> found = new java.util.ArrayList<>();
    int[] position = {start};
    while (position[0] < end) {
      long tag = varint(body, position);
      int wireType = (int) (tag & 7);
      switch (wireType) {
        case VARINT -> varint(body, position);
        case FIXED64 -> position[0] += 8;
        case FIXED32 -> position[0] += 4;
        case LENGTH_DELIMITED -> {
          int length = (int) varint(body, position);
          if ((tag >>> 3) == field) {
            found.add(new Range(position[0], position[0] + length));
          }
          position[0] += length;
        }
        default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
      }
    }
    if (position[0] != end) {
      throw new IllegalArgumentException("truncated protobuf message");
    }
    return found;
  }

  private static long varint(byte[] body, int[] position) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position[0] >= body.length) {
        throw new IllegalArgumentException("truncated protobuf varint");
      }
      byte b = body[position[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("malformed protobuf varint");
  }
}

package dev.otellab.backend.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OtlpItemCountTest {

  @Test
  void countsTheSpansOfEveryScopeOfEveryResource() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("lab-backend", 3, 2))
            .addResourceSpans(resourceSpans("lab-web", 1, 4))
            .build();

    assertThat(OtlpItemCount.of(request.toByteArray())).isEqualTo(3 * 2 + 4);
  }

  @Test
  void countsLogRecordsTheSameWay() {
    ScopeLogs scope =
        ScopeLogs.newBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("logback"))
            .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("Incoming request")).setTimeUnixNano(1))
            .addLogRecords(LogRecord.newBuilder().setSeverityNumberValue(9).setFlags(1))
            .build();
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(ResourceLogs.newBuilder().setResource(resource("lab-backend")).addScopeLogs(scope).addScopeLogs(scope))
            .build();

    assertThat(OtlpItemCount.of(request.toByteArray())).isEqualTo(4);
  }

  @Test
  void anEmptyRequestHoldsNothing() {
    assertThat(OtlpItemCount.of(new byte[0])).isZero();
  }

  @Test
  void refusesATruncatedBody() {
    byte[] whole = ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans("lab-backend", 1, 3)).build().toByteArray();

    assertThatThrownBy(() -> OtlpItemCount.of(Arrays.copyOf(whole, whole.length - 5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ResourceSpans resourceSpans(String service, int scopes, int spansPerScope) {
    ResourceSpans.Builder resource = ResourceSpans.newBuilder().setResource(resource(service));
    for (int s = 0; s < scopes; s++) {
      ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("scope-" + s));
      for (int i = 0; i < spansPerScope; i++) {
        scope.addSpans(
            Span.newBuilder()
                .setTraceId(ByteString.copyFrom(new byte[16]))
                .setSpanId(ByteString.copyFrom(new byte[8]))
                .setName("GET /api/tasks")
                .setStartTimeUnixNano(1_700_000_000_000_000_000L)
                .setEndTimeUnixNano(1_700_000_000_000_500_000L)
                .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code").setValue(AnyValue.newBuilder().setIntValue(200))));
      }
      resource.addScopeSpans(scope);
    }
    return resource.build();
  }

  private static Resource resource(String service) {
    return Resource.newBuilder()
        .addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue(service)))
        .build();
  }
}

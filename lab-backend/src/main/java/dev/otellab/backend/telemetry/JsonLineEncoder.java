package dev.otellab.backend.telemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One flat JSON object per log line: timestamp, level, logger, thread, message, the MDC (where
 * trace_id and span_id are put by the OpenTelemetry MDC appender), the key-value pairs, and the
 * stack trace if any. Logback's own JsonEncoder nests MDC and pairs and escapes every '/', which
 * makes the lines awkward to grep and to query in Loki.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final byte[] NO_BYTES = new byte[0];
  private static final Set<String> RESERVED =
      Set.of("timestamp", "level", "logger", "thread", "message", "exception");

  private final JsonFactory json = new JsonFactory();

  @Override
  public byte[] headerBytes() {
    return NO_BYTES;
  }

  @Override
  public byte[] footerBytes() {
    return NO_BYTES;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator line = json.createGenerator(out)) {
      line.writeStartObject();
      line.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      line.writeStringField("level", event.getLevel().toString());
      line.writeStringField("logger", event.getLoggerName());
      line.writeStringField("thread", event.getThreadName());
      line.writeStringField("message", event.getFormattedMessage());
      Set<String> written = new HashSet<>(RESERVED);
      for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
        if (written.add(entry.getKey())) {
          line.writeStringField(entry.getKey(), entry.getValue());
        }
      }
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair pair : event.getKeyValuePairs()) {
          if (written.add(pair.key)) {
            writeValue(line, pair.key, pair.value);
          }
        }
      }
      if (event.getThrowableProxy() != null) {
        line.writeStringField("exception", ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      line.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.writeBytes(CoreConstants.LINE_SEPARATOR.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static void writeValue(JsonGenerator line, String key, Object value) throws IOException {
    if (value instanceof Long || value instanceof Integer) {
      line.writeNumberField(key, ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      line.writeNumberField(key, ((Number) value).doubleValue());
    } else if (value instanceof Boolean bool) {
      line.writeBooleanField(key, bool);
    } else {
      line.writeStringField(key, String.valueOf(value));
    }
  }
}

package dev.otellab.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The console's one JSON setup: readers ignore fields they do not know (files written by a newer
 * console, answers of newer backends). Files people open are written indented; readers that must
 * see exactly one document ask for {@link #strictReader()}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** The shared mapper (thread-safe); never reconfigure it: {@link #copy()} to add modules. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes indented, for files a person may open (settings, a bundle's manifest). */
    public static ObjectWriter indented() {
        return MAPPER.writerWithDefaultPrettyPrinter();
    }

    /** Reads one JSON document and fails on anything after it (OTLP/JSON requests). */
    public static ObjectReader strictReader() {
        return MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A mapper with this setup, to extend with serializers (the CLI's --json output). */
    public static ObjectMapper copy() {
        return MAPPER.copy();
    }
}

package dev.otellab.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.otellab.config.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The CLI's one JSON mapper for {@code --json} output. Numbers that are not numbers (an SLI
 * of a step without requests) are written as null, which every JSON reader understands.
 */
final class JsonOutput {
    private static final ObjectMapper MAPPER = Json.copy().registerModule(new SimpleModule()
            .addSerializer(Double.class, new FiniteDouble())
            .addSerializer(Double.TYPE, new FiniteDouble()));

    private JsonOutput() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                generator.writeNull();
            } else {
                generator.writeNumber(value);
            }
        }
    }
}

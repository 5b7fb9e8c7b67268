package dev.otellab.lab.docker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.otellab.config.Json;
import java.io.IOException;

/** The engine's own words from a docker-java error ("Status 500: {"message":"..."}" -> "..."). */
public final class EngineErrors {
    private static final ObjectMapper JSON = Json.mapper();

    private EngineErrors() {
    }

    /** The message of an error the engine reports inside a progress stream (pull, build). */
    public static String streamError(com.github.dockerjava.api.model.ResponseItem item) {
        return item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage() : "the engine reported a failure without a reason: " + item;
    }

    public static String reason(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage().trim();
        int brace = message.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode body = JSON.readTree(message.substring(brace));
                if (body.hasNonNull("message")) {
                    return body.get("message").asText();
                }
            } catch (IOException e) {
                // not a JSON body: keep the message as it is
            }
        }
        return message;
    }
}

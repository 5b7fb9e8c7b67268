package dev.otellab.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.otellab.config.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bundle's table of contents, kept as manifest.json, the bundle's last entry (written once
 * every archive is complete and its checksum known, so a bundle with a manifest was finished).
 */
public record BundleManifest(int formatVersion, Instant created, String consoleVersion, List<BundleArchive> archives) {
    public static final String ENTRY_NAME = "manifest.json";
    public static final String FORMAT = "otel-lab-console image bundle";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern ARCHIVE_NAME = Pattern.compile("images/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BundleManifest {
        archives = List.copyOf(archives);
    }

    /** Every image of every archive, in bundle order. */
    public List<BundleImage> images() {
        return archives.stream().flatMap(archive -> archive.images().stream()).toList();
    }

    /** The archives' stored size: about the bundle's size. */
    public long storedBytes() {
        return archives.stream().mapToLong(BundleArchive::size).sum();
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", formatVersion);
        root.put("created", created.toString());
        root.put("consoleVersion", consoleVersion);
        ArrayNode archiveNodes = root.putArray("archives");
        for (BundleArchive archive : archives) {
            ObjectNode node = archiveNodes.addObject();
            node.put("file", archive.file());
            node.put("size", archive.size());
            node.put("sha256", archive.sha256());
            ArrayNode imageNodes = node.putArray("images");
            for (BundleImage image : archive.images()) {
                imageNodes.addObject().put("name", image.name()).put("id", image.id()).put("size", image.size())
                        .put("purpose", image.purpose());
            }
        }
        try {
            return Json.indented().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    /** Reads manifest.json; {@code source} names the bundle in error messages. */
    static BundleManifest parse(byte[] json, String source) throws BundleException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new BundleException(source + " is not an OTel lab bundle: its manifest.json is not JSON.");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new BundleException(source + " is not an OTel lab bundle: its manifest.json is of another format.");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new BundleException(source + " is a bundle of format version " + root.path("formatVersion").asText("?")
                    + "; this console reads version " + FORMAT_VERSION + " (export the bundle again with this console's version).");
        }
        Fields fields = new Fields(source);
        Instant created = fields.instant(root, "created");
        String consoleVersion = fields.text(root, "consoleVersion");
        List<BundleArchive> archives = new ArrayList<>();
        Set<String> files = new HashSet<>();
        for (JsonNode node : fields.array(root, "archives")) {
            String file = fields.text(node, "file");
            if (!ARCHIVE_NAME.matcher(file).matches() || !files.add(file)) {
                throw fields.damaged("archive name '" + file + "' is not allowed or repeated");
            }
            String sha256 = fields.text(node, "sha256");
            if (!SHA256.matcher(sha256).matches()) {
                throw fields.damaged("the checksum of " + file + " is not a SHA-256");
            }
            List<BundleImage> images = new ArrayList<>();
            for (JsonNode image : fields.array(node, "images")) {
                images.add(new BundleImage(fields.text(image, "name"), fields.text(image, "id"),
                        fields.number(image, "size"), image.path("purpose").asText("")));
            }
            if (images.isEmpty()) {
                throw fields.damaged(file + " lists no image");
            }
            archives.add(new BundleArchive(file, fields.number(node, "size"), sha256, images));
        }
        return new BundleManifest(version, created, consoleVersion, archives);
    }

    /** Required fields, each a clear error naming the bundle and the field when absent. */
    private record Fields(String source) {
        String text(JsonNode node, String name) throws BundleException {
            JsonNode value = node.get(name);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw damaged("'" + name + "' is missing");
            }
            return value.asText();
        }

        long number(JsonNode node, String name) throws BundleException {
            JsonNode value = node.get(name);
            if (value == null || !value.canConvertToLong() || value.asLong() < 0) {
                throw damaged("'" + name + "' is not a size");
            }
            return value.asLong();
        }

        Instant instant(JsonNode node, String name) throws BundleException {
            try {
                return Instant.parse(text(node, name));
            } catch (DateTimeParseException e) {
                throw damaged("'" + name + "' is not a time");
            }
        }

        JsonNode array(JsonNode node, String name) throws BundleException {
            JsonNode value = node.get(name);
            if (value == null || !value.isArray()) {
                throw damaged("'" + name + "' is missing");
            }
            return value;
        }

        BundleException damaged(String problem) {
            return new BundleException(source + " has a damaged manifest.json: " + problem + ".");
        }
    }
}

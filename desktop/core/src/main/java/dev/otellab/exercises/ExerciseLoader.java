package dev.otellab.exercises;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.otellab.presentation.DurationText;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads exercises: the built-in ones (YAML resources listed in {@value #BUILT_IN_INDEX}), then
 * every {@code *.yaml}/{@code *.yml} file in the trainer's folder, in name order. A trainer's
 * exercise with a built-in id replaces the built-in one. A file that cannot be used becomes a
 * {@link LoadProblem} (file and reason) and the others load regardless.
 */
public final class ExerciseLoader {
    public static final String BUILT_IN_FOLDER = "/dev/otellab/exercises/built-in/";
    public static final String BUILT_IN_INDEX = BUILT_IN_FOLDER + "index.txt";
    /** Larger files are refused unread: an exercise is a page of text. */
    static final long MAX_FILE_BYTES = 256 * 1024;

    private final ObjectMapper yaml;

    public ExerciseLoader() {
        SimpleModule durations = new SimpleModule("exercise-durations");
        durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return DurationText.parseRequired(parser.getValueAsString());
            }
        });
        yaml = YAMLMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(durations)
                .build();
    }

    /** The built-in exercises and those in {@code trainerFolder} (which need not exist). */
    public ExerciseCatalog load(Path trainerFolder) {
        Map<String, Exercise> byId = new LinkedHashMap<>();
        List<LoadProblem> problems = new ArrayList<>();
        for (Exercise exercise : builtIn()) {
            byId.put(exercise.id(), exercise);
        }
        Map<String, String> trainerIds = new LinkedHashMap<>();
        for (Path file : exerciseFiles(trainerFolder, problems)) {
            try {
                Exercise exercise = parse(read(file), file.toString());
                String earlier = trainerIds.putIfAbsent(exercise.id(), file.toString());
                if (earlier != null) {
                    problems.add(new LoadProblem(file.toString(), "the id '" + exercise.id() + "' is already used by " + earlier));
                    continue;
                }
                byId.put(exercise.id(), exercise);
            } catch (ExerciseFormatException e) {
                problems.add(new LoadProblem(file.toString(), e.getMessage()));
            }
        }
        return new ExerciseCatalog(List.copyOf(byId.values()), problems);
    }

    /** The exercises that ship with the console; a broken one is a bug of ours, so it fails loudly. */
    public List<Exercise> builtIn() {
        List<Exercise> exercises = new ArrayList<>();
        for (String name : resource(BUILT_IN_INDEX).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            try {
                exercises.add(parse(resource(BUILT_IN_FOLDER + name), Exercise.BUILT_IN));
            } catch (ExerciseFormatException e) {
                throw new IllegalStateException("Built-in exercise " + name + " is malformed: " + e.getMessage(), e);
            }
        }
        return exercises;
    }

    /** One exercise from YAML text; {@code source} names it in messages. */
    public Exercise parse(String text, String source) throws ExerciseFormatException {
        if (text.isBlank()) {
            throw new ExerciseFormatException("the file is empty");
        }
        try {
            JsonNode tree = yaml.readTree(text);
            Optional<String> unknown = UnknownFields.find(tree);
            if (unknown.isPresent()) {
                throw new ExerciseFormatException(unknown.get());
            }
            Exercise exercise = yaml.treeToValue(tree, Exercise.class);
            if (exercise == null) {
                throw new ExerciseFormatException("the file holds no exercise");
            }
            return exercise.withSource(source);
        } catch (JsonProcessingException e) {
            throw new ExerciseFormatException(describe(e));
        }
    }

    private List<Path> exerciseFiles(Path folder, List<LoadProblem> problems) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".");
            }).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(new LoadProblem(folder.toString(), "the folder cannot be read: " + e.getMessage()));
            return List.of();
        }
    }

    private static String read(Path file) throws ExerciseFormatException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ExerciseFormatException("not a regular file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ExerciseFormatException("the file is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExerciseFormatException("the file cannot be read: " + e.getMessage());
        }
    }

    private static String resource(String name) {
        try (InputStream in = ExerciseLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's message turned into one line a trainer understands: where, and what is wrong. */
    static String describe(JsonProcessingException e) {
        String where = location(e);
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return where + cause.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return where + "unknown field '" + unknown.getPropertyName() + "'" + (known.isEmpty() ? "" : " (known here: " + known + ")");
        }
        if (e instanceof InvalidTypeIdException) {
            return where + "the answer kind must be one of: " + String.join(", ", AnswerChecker.KINDS);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() == String.class) {
            return where + "expected text here. A colon followed by a space makes YAML read \"key: value\":"
                    + " put text that contains one in quotes";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
            return where + "'" + format.getValue() + "' is not one of: " + allowed;
        }
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // Jackson names our classes; the trainer knows only the file's fields
        message = message.replaceAll("`?(dev\\.otellab\\.[\\w.$]+|java\\.[\\w.$]+)`?", "value")
                .replaceAll("\\s*\\(.*?\\)", "");
        if (!(e instanceof JsonMappingException)) {
            return where + "not valid YAML: " + message;
        }
        return where + message;
    }

    private static String location(JsonProcessingException e) {
        StringBuilder where = new StringBuilder();
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            where.append("line ").append(location.getLineNr());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            where.append(where.length() > 0 ? ", " : "").append(path);
        }
        return where.length() == 0 ? "" : where + ": ";
    }
}

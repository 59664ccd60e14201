package org.advlens.app.lessons;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a lesson file (JSON, one lesson per file; the format is in {@code docs/lessons.md}) and checks it, so
 * that a teacher's mistake is reported with its line and field, e.g.
 * {@code my-lesson.json, line 14, steps[1].page: unknown page 'atack'; expected one of attack, curves, ...}.
 * Unknown fields are errors too, so that a misspelt field is not silently ignored.
 */
public final class LessonParser {

    /** The largest lesson file read: 256 KiB. */
    static final int MAX_BYTES = 256 * 1024;

    private static final Set<String> LESSON_FIELDS = Set.of("id", "title", "summary", "order", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("title", "text", "citation", "model", "page", "sample",
            "params", "run", "tryIt");
    private static final JsonFactory JSON = new JsonFactory();

    private LessonParser() {
    }

    /** Reads a lesson file. */
    public static Lesson parse(Path file) throws LessonFormatException {
        String source = String.valueOf(file.getFileName());
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new LessonFormatException(source, 0, "", "larger than " + MAX_BYTES / 1024
                        + " KiB; a lesson file is a short JSON text");
            }
            return parse(Files.readString(file), source);
        } catch (IOException e) {
            throw new LessonFormatException(source, 0, "", "cannot read the file: " + e.getMessage());
        }
    }

    /** Reads a lesson from a stream (a bundled resource), named {@code source} in messages. */
    public static Lesson parse(InputStream in, String source) throws LessonFormatException {
        try {
            return parse(new String(in.readNBytes(MAX_BYTES + 1), java.nio.charset.StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new LessonFormatException(source, 0, "", "cannot read it: " + e.getMessage());
        }
    }

    /** Reads a lesson from its JSON text, named {@code source} in messages. */
    public static Lesson parse(String json, String source) throws LessonFormatException {
        JsonTree.Obj root = JsonTree.read(json, source);
        return new Reader(root, source).lesson();
    }

    /** Turns the located tree into a lesson, failing at the first problem with its line and field. */
    private record Reader(JsonTree.Obj root, String source) {

        Lesson lesson() throws LessonFormatException {
            root.onlyFields(LESSON_FIELDS, "", source);
            String id = root.text("id", "", true, source);
            String title = root.text("title", "", true, source);
            String summary = root.text("summary", "", false, source);
            int order = root.whole("order", "", 1000, source);
            JsonTree.Arr steps = root.array("steps", "", source);
            if (steps.items().isEmpty()) {
                throw new LessonFormatException(source, steps.line(), "steps", "a lesson needs at least one step");
            }
            List<LessonStep> out = new ArrayList<>();
            for (int i = 0; i < steps.items().size(); i++) {
                out.add(step(steps.items().get(i), "steps[" + i + "]"));
            }
            try {
                return new Lesson(id, title, summary, order, out, source);
            } catch (IllegalArgumentException e) {
                throw new LessonFormatException(source, root.lineOf("id"), "id", e.getMessage());
            }
        }

        private LessonStep step(JsonTree.Node node, String path) throws LessonFormatException {
            if (!(node instanceof JsonTree.Obj step)) {
                throw new LessonFormatException(source, node.line(), path, "a step must be an object with a title"
                        + " and a text");
            }
            step.onlyFields(STEP_FIELDS, path + ".", source);
            String title = step.text("title", path + ".", true, source);
            String text = step.text("text", path + ".", true, source);
            String citation = step.text("citation", path + ".", false, source);
            String model = step.text("model", path + ".", false, source);
            String pageName = step.text("page", path + ".", false, source);
            String sample = step.text("sample", path + ".", false, source);
            Map<String, String> params = step.scalars("params", path + ".", source);
            String run = step.run(path + ".", source);
            boolean tryIt = step.flag("tryIt", path + ".", source);
            LessonPage page = null;
            if (pageName != null) {
                try {
                    page = LessonPage.fromFileName(pageName);
                } catch (IllegalArgumentException e) {
                    throw new LessonFormatException(source, step.lineOf("page"), path + ".page", e.getMessage());
                }
            }
            try {
                return new LessonStep(title, text, citation, model, page, sample, params, run, tryIt, step.line());
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().startsWith("unknown model") ? "model" : "";
                throw new LessonFormatException(source, field.isEmpty() ? step.line() : step.lineOf(field),
                        path + (field.isEmpty() ? "" : "." + field), e.getMessage());
            }
        }
    }

    /** Syntax errors of the JSON itself, with Jackson's line. */
    static LessonFormatException syntax(JsonParseException e, String source) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return new LessonFormatException(source, line, "", "not valid JSON: " + e.getOriginalMessage());
    }

    static JsonParser open(String json) throws IOException {
        return JSON.createParser(json);
    }

    static boolean isScalar(JsonToken t) {
        return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE;
    }
}

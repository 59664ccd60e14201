package org.advlens.app.lessons;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A JSON document read into a small tree whose every value remembers its line, for lesson-file messages. */
final class JsonTree {

    private JsonTree() {
    }

    /** A value and the line it starts on. */
    sealed interface Node permits Obj, Arr, Scalar {
        int line();
    }

    /** A string, number or boolean, kept as its text. */
    record Scalar(String text, JsonToken token, int line) implements Node {
    }

    record Arr(List<Node> items, int line) implements Node {
    }

    /** An object; {@code lines} has the line of each field's name. */
    record Obj(Map<String, Node> fields, Map<String, Integer> lines, int line) implements Node {

        int lineOf(String field) {
            return lines.getOrDefault(field, line);
        }

        void onlyFields(Set<String> allowed, String path, String source) throws LessonFormatException {
            for (String f : fields.keySet()) {
                if (!allowed.contains(f)) {
                    throw new LessonFormatException(source, lineOf(f), path + f, "unknown field; expected one of "
                            + String.join(", ", new TreeSet<>(allowed)));
                }
            }
        }

        /** A string field; {@code null} when absent and not required. */
        String text(String field, String path, boolean required, String source) throws LessonFormatException {
            Node n = fields.get(field);
            if (n == null) {
                if (required) {
                    throw new LessonFormatException(source, line, path + field, "missing; it is required");
                }
                return null;
            }
            if (!(n instanceof Scalar s) || s.token() != JsonToken.VALUE_STRING) {
                throw new LessonFormatException(source, n.line(), path + field, "must be a string");
            }
            if (required && s.text().isBlank()) {
                throw new LessonFormatException(source, n.line(), path + field, "must not be empty");
            }
            return s.text();
        }

        int whole(String field, String path, int absent, String source) throws LessonFormatException {
            Node n = fields.get(field);
            if (n == null) {
                return absent;
            }
            if (!(n instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
                throw new LessonFormatException(source, n.line(), path + field, "must be a whole number");
            }
            try {
                return Integer.parseInt(s.text());
            } catch (NumberFormatException e) {
                throw new LessonFormatException(source, n.line(), path + field, "must be a whole number, got "
                        + s.text());
            }
        }

        boolean flag(String field, String path, String source) throws LessonFormatException {
            Node n = fields.get(field);
            if (n == null) {
                return false;
            }
            if (!(n instanceof Scalar s) || (s.token() != JsonToken.VALUE_TRUE && s.token() != JsonToken.VALUE_FALSE)) {
                throw new LessonFormatException(source, n.line(), path + field, "must be true or false");
            }
            return s.token() == JsonToken.VALUE_TRUE;
        }

        /** {@code "run": true} is the page's main command, a string names another, false or absent is none. */
        String run(String path, String source) throws LessonFormatException {
            Node n = fields.get("run");
            if (n == null) {
                return null;
            }
            if (n instanceof Scalar s && s.token() == JsonToken.VALUE_TRUE) {
                return LessonStep.MAIN_COMMAND;
            }
            if (n instanceof Scalar s && s.token() == JsonToken.VALUE_FALSE) {
                return null;
            }
            if (n instanceof Scalar s && s.token() == JsonToken.VALUE_STRING && !s.text().isBlank()) {
                return s.text().strip();
            }
            throw new LessonFormatException(source, n.line(), path + "run", "must be true or the name of the page's"
                    + " command, e.g. \"diagnose\"");
        }

        Arr array(String field, String path, String source) throws LessonFormatException {
            Node n = fields.get(field);
            if (n == null) {
                throw new LessonFormatException(source, line, path + field, "missing; it is required");
            }
            if (!(n instanceof Arr a)) {
                throw new LessonFormatException(source, n.line(), path + field, "must be an array");
            }
            return a;
        }

        /** An object of strings, numbers and booleans, as text; empty when absent. */
        Map<String, String> scalars(String field, String path, String source) throws LessonFormatException {
            Node n = fields.get(field);
            Map<String, String> out = new LinkedHashMap<>();
            if (n == null) {
                return out;
            }
            if (!(n instanceof Obj o)) {
                throw new LessonFormatException(source, n.line(), path + field, "must be an object of named values,"
                        + " e.g. {\"attack\": \"pgd\", \"eps\": 0.1}");
            }
            for (Map.Entry<String, Node> e : o.fields().entrySet()) {
                if (!(e.getValue() instanceof Scalar s)) {
                    throw new LessonFormatException(source, e.getValue().line(), path + field + "." + e.getKey(),
                            "must be a string, a number or true/false");
                }
                out.put(e.getKey(), s.text());
            }
            return out;
        }
    }

    /** Reads {@code json}, which must be one object. */
    static Obj read(String json, String source) throws LessonFormatException {
        try (JsonParser p = LessonParser.open(json)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new LessonFormatException(source, 1, "", "a lesson file is one JSON object, {...}");
            }
            Obj root = (Obj) value(p, source);
            if (p.nextToken() != null) {
                throw new LessonFormatException(source, p.currentLocation().getLineNr(), "",
                        "text after the lesson's closing brace");
            }
            return root;
        } catch (JsonParseException e) {
            throw LessonParser.syntax(e, source);
        } catch (IOException e) {
            throw new LessonFormatException(source, 0, "", "cannot read it: " + e.getMessage());
        }
    }

    private static Node value(JsonParser p, String source) throws IOException, LessonFormatException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> fields = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int at = p.currentTokenLocation().getLineNr();
                if (fields.containsKey(name)) {
                    throw new LessonFormatException(source, at, name, "given twice");
                }
                p.nextToken();
                fields.put(name, value(p, source));
                lines.put(name, at);
            }
            return new Obj(fields, lines, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(value(p, source));
            }
            return new Arr(items, line);
        }
        if (LessonParser.isScalar(t)) {
            return new Scalar(p.getText(), t, line);
        }
        throw new LessonFormatException(source, line, "", "null is not allowed; leave the field out instead");
    }
}

package org.advlens.app.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelInfo;

/**
 * The editable input description of a model, as text fields: shape, layout, bounds, per-channel mean and
 * standard deviation, and class names (one per line or comma-separated). {@link #errorProperty()} says what is
 * wrong, or is empty when {@link #toDescription()} would succeed.
 */
public final class DescriptionForm {

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty channels = new SimpleStringProperty(this, "channels", "1");
    private final StringProperty height = new SimpleStringProperty(this, "height", "28");
    private final StringProperty width = new SimpleStringProperty(this, "width", "28");
    private final ObjectProperty<ChannelOrder> layout = new SimpleObjectProperty<>(this, "layout", ChannelOrder.NCHW);
    private final StringProperty lower = new SimpleStringProperty(this, "lower", "0");
    private final StringProperty upper = new SimpleStringProperty(this, "upper", "1");
    private final StringProperty mean = new SimpleStringProperty(this, "mean", "");
    private final StringProperty std = new SimpleStringProperty(this, "std", "");
    private final StringProperty classes = new SimpleStringProperty(this, "classes", "");
    private final StringBinding error;

    public DescriptionForm() {
        error = Bindings.createStringBinding(this::validate, name, channels, height, width, layout, lower, upper,
                mean, std, classes);
    }

    /** Fills the fields from a loaded model. */
    public void fill(ModelInfo info) {
        InputSpec in = info.input();
        name.set(info.name());
        channels.set(Integer.toString(in.channels()));
        height.set(Integer.toString(in.height()));
        width.set(Integer.toString(in.width()));
        layout.set(in.layout());
        lower.set(number(in.lower()));
        upper.set(number(in.upper()));
        mean.set(numbers(in.mean()));
        std.set(numbers(in.std()));
        classes.set(String.join("\n", info.classNames()));
    }

    /**
     * The description the fields describe.
     *
     * @throws IllegalArgumentException naming the field that is wrong and its value
     */
    public ModelDescription toDescription() {
        int c = integer("channels", channels.get());
        int h = integer("height", height.get());
        int w = integer("width", width.get());
        double lo = decimal("lower bound", lower.get());
        double hi = decimal("upper bound", upper.get());
        double[] m = decimals("mean", mean.get());
        double[] s = decimals("std", std.get());
        if (m != null && m.length == 1 && c > 1) {
            m = fill(m[0], c);
        }
        if (s != null && s.length == 1 && c > 1) {
            s = fill(s[0], c);
        }
        InputSpec spec = new InputSpec(c, h, w, layout.get(), lo, hi, m, s);
        return new ModelDescription(name.get(), spec, classNames(classes.get()));
    }

    private String validate() {
        try {
            toDescription();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Class names from text: one per line, or comma-separated on one line. Blank entries are dropped. */
    public static List<String> classNames(String text) {
        if (text == null) {
            return List.of();
        }
        String[] parts = text.contains("\n") ? text.split("\\R") : text.split(",");
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static int integer(String field, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(field + " must be a whole number, got '" + text + "'");
        }
    }

    private static double decimal(String field, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(field + " must be a number, got '" + text + "'");
        }
    }

    /** "0.5, 0.5, 0.5" or blank (none). */
    private static double[] decimals(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split("[,;\\s]+");
        return Arrays.stream(parts).filter(p -> !p.isBlank()).mapToDouble(p -> decimal(field, p)).toArray();
    }

    private static double[] fill(double v, int n) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String numbers(double[] v) {
        if (v == null) {
            return "";
        }
        List<String> s = new ArrayList<>();
        for (double d : v) {
            s.add(number(d));
        }
        return String.join(", ", s);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty channelsProperty() {
        return channels;
    }

    public StringProperty heightProperty() {
        return height;
    }

    public StringProperty widthProperty() {
        return width;
    }

    public ObjectProperty<ChannelOrder> layoutProperty() {
        return layout;
    }

    public StringProperty lowerProperty() {
        return lower;
    }

    public StringProperty upperProperty() {
        return upper;
    }

    public StringProperty meanProperty() {
        return mean;
    }

    public StringProperty stdProperty() {
        return std;
    }

    public StringProperty classesProperty() {
        return classes;
    }

    /** What is wrong with the fields, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }

}

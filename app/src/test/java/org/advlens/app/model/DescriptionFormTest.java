package org.advlens.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.junit.jupiter.api.Test;

class DescriptionFormTest {

    @Test
    void fillThenReadGivesTheSameDescription() {
        // given a model on normalised colour input
        InputSpec in = new InputSpec(3, 32, 32, ChannelOrder.NHWC, 0, 1, new double[] {0.5, 0.4, 0.3},
                new double[] {0.2, 0.2, 0.25});
        ModelInfo info = new ModelInfo("cifar", "", "", ModelFormat.KERAS, in, List.of("cat", "dog"), 10, List.of(),
                true);
        DescriptionForm form = new DescriptionForm();
        // when the form is filled and read back
        form.fill(info);
        ModelDescription d = form.toDescription();
        // then nothing is lost
        assertEquals("", form.errorProperty().get());
        assertEquals(in, d.input());
        assertEquals(List.of("cat", "dog"), d.classes());
        assertEquals("cifar", d.name());
    }

    @Test
    void oneMeanValueIsUsedForEveryChannel() {
        // given a colour model with one mean and one std
        DescriptionForm form = new DescriptionForm();
        form.channelsProperty().set("3");
        form.meanProperty().set("0.5");
        form.stdProperty().set("0.25");
        form.classesProperty().set("a, b, c");
        // then every channel gets them
        ModelDescription d = form.toDescription();
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, d.input().mean(), 0);
        assertEquals(List.of("a", "b", "c"), d.classes());
    }

    @Test
    void mistakesAreNamed() {
        DescriptionForm form = new DescriptionForm();
        form.classesProperty().set("a\nb");
        // when the upper bound is not a number
        form.upperProperty().set("one");
        // then the error names the field and the value
        assertTrue(form.errorProperty().get().contains("upper bound"), form.errorProperty().get());
        // when bounds are reversed
        form.upperProperty().set("-1");
        assertTrue(form.errorProperty().get().contains("lower < upper"), form.errorProperty().get());
        // when there is only one class
        form.upperProperty().set("1");
        form.classesProperty().set("only");
        assertTrue(form.errorProperty().get().contains("two class"), form.errorProperty().get());
    }
}

package org.advlens.app.saliency;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.advlens.app.common.Formats;
import org.advlens.app.common.FormControls;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.ImageRenderer;
import org.advlens.app.common.MapPictures;
import org.advlens.model.InputSpec;
import org.advlens.saliency.SaliencyMap;

/**
 * The saliency view: the form on the left; on the right the display settings (opacity, colouring, clipping)
 * and the maps side by side over the image, each with its scale and, for Integrated Gradients, the
 * completeness error.
 */
public final class SaliencyView extends SplitPane {

    private static final double SIZE = 196;

    private final SaliencyViewModel vm;
    private final FlowPane maps = new FlowPane(12, 12);
    private final Label heading = new Label();

    /** @param export asks the main window for a folder and exports the maps to it */
    public SaliencyView(SaliencyViewModel vm, Runnable export) {
        this.vm = vm;
        getStyleClass().add("saliency-view");
        setId("saliencyView");
        ScrollPane form = new ScrollPane(new SaliencyFormView(vm, export));
        form.setFitToWidth(true);
        form.setMinWidth(250);
        form.setPrefWidth(330);

        heading.setId("saliencyHeading");
        heading.getStyleClass().add("section-title");
        heading.setWrapText(true);
        maps.setId("saliencyMaps");
        maps.setAlignment(Pos.TOP_LEFT);
        VBox right = new VBox(10, displayBar(), heading, maps);
        right.setPadding(new Insets(10));
        ScrollPane result = new ScrollPane(right);
        result.setFitToWidth(true);
        getItems().addAll(form, result);
        setDividerPositions(0.27);
        SplitPane.setResizableWithParent(form, false);

        vm.resultProperty().addListener((o, a, r) -> redraw());
        vm.opacityProperty().addListener((o, a, b) -> redraw());
        vm.colouringProperty().addListener((o, a, b) -> redraw());
        vm.clipPercentileProperty().addListener((o, a, b) -> redraw());
        vm.workspace().imageProperty().addListener((o, a, b) -> redraw());
        vm.workspace().modelInfoProperty().addListener((o, a, b) -> redraw());
        redraw();
    }

    private HBox displayBar() {
        Slider opacity = new Slider(0, 1, vm.opacityProperty().get());
        opacity.valueProperty().bindBidirectional(vm.opacityProperty());
        FormControls.tip("saliencyOpacity", opacity, "How strongly the map covers the image: 0 shows only the"
                + " image, 1 only the map");
        ComboBox<MapPictures.Colouring> colouring = new ComboBox<>();
        colouring.getItems().setAll(MapPictures.Colouring.values());
        colouring.valueProperty().bindBidirectional(vm.colouringProperty());
        colouring.setConverter(new StringConverter<>() {
            @Override
            public String toString(MapPictures.Colouring c) {
                return c == null ? "" : c.label();
            }

            @Override
            public MapPictures.Colouring fromString(String s) {
                return null;
            }
        });
        FormControls.tip("saliencyColouring", colouring, "Colour map: signed maps (gradient, IG) on a diverging"
                + " blue-white-red scale, magnitudes on viridis");
        Slider clip = new Slider(90, 100, vm.clipPercentileProperty().get());
        clip.valueProperty().bindBidirectional(vm.clipPercentileProperty());
        FormControls.tip("saliencyClip", clip, "Values above this percentile of |value| get full colour, so one"
                + " extreme pixel does not wash out the rest");
        Label clipValue = new Label();
        clipValue.textProperty().bind(vm.clipPercentileProperty().asString(Locale.ROOT, "p%.1f"));
        clipValue.setMinWidth(44);
        HBox bar = new HBox(8, FormControls.fieldLabel("Opacity"), opacity, FormControls.fieldLabel("Colours"),
                colouring, FormControls.fieldLabel("Clip at"), clip, clipValue);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("view-toolbar");
        return bar;
    }

    private void redraw() {
        maps.getChildren().clear();
        SaliencyResult r = vm.resultProperty().get();
        ImageItem item = r != null ? r.image() : vm.workspace().image();
        InputSpec spec = r != null ? r.model().input() : vm.workspace().inputSpec();
        if (item != null && spec != null) {
            String caption = r == null ? item.name() : r.className(r.prediction().predicted()) + " — "
                    + Formats.percent(r.prediction().confidence());
            maps.getChildren().add(panel("Image", new ImageView(ImageRenderer.render(item.fitted(), 0, spec.lower(),
                    spec.upper())), caption, "originalCaption", "The image as the model sees it, with its prediction"));
        }
        if (r == null) {
            heading.setText("Choose methods and press Compute maps (Ctrl+R). Maps appear side by side here.");
            return;
        }
        heading.setText("Why " + r.className(r.target()) + "? (target: " + r.targetKind() + ", class "
                + r.target() + ")" + (r.skipped().isEmpty() ? "" : " — skipped: " + String.join(", ", r.skipped())));
        for (SaliencyResult.Entry e : r.maps()) {
            SaliencyMap map = e.map();
            ImageView view = new ImageView(MapPictures.toFx(vm.picture(r, e), map.height(), map.width()));
            String id = "saliencyCaption-" + map.method();
            VBox p = panel(e.displayName(), view, SaliencyViewModel.caption(e, vm.clipPercentileProperty().get()), id,
                    e.displayName() + " " + e.parameters() + (map.signed() ? "; signed" : "; magnitude"));
            ImageView legend = new ImageView(MapPictures.legend(vm.colouringProperty().get().scheme(map.signed()),
                    (int) SIZE, 8));
            legend.setFitWidth(SIZE);
            p.getChildren().add(2, legend);
            p.setId("saliencyPanel-" + map.method());
            maps.getChildren().add(p);
        }
    }

    private static VBox panel(String title, ImageView image, String caption, String captionId, String tip) {
        Label t = new Label(title);
        t.getStyleClass().add("panel-title");
        image.setFitWidth(SIZE);
        image.setFitHeight(SIZE);
        image.setPreserveRatio(true);
        image.setSmooth(false);
        StackPane frame = new StackPane(image);
        frame.getStyleClass().add("image-frame");
        frame.setMinSize(SIZE + 4, SIZE + 4);
        frame.setMaxSize(SIZE + 4, SIZE + 4);
        Tooltip.install(frame, new Tooltip(tip));
        Label c = new Label(caption);
        c.setId(captionId);
        c.getStyleClass().add("caption");
        c.setWrapText(true);
        c.setMaxWidth(SIZE + 8);
        VBox box = new VBox(4, t, frame, c);
        box.setAlignment(Pos.TOP_CENTER);
        box.setMaxWidth(SIZE + 8);
        return box;
    }
}

package org.advlens.app.concepts;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.advlens.app.common.FormControls;
import org.advlens.app.common.ImageRenderer;
import org.advlens.app.common.MapPictures;
import org.advlens.data.Images;
import org.advlens.saliency.relevance.Concept;
import org.advlens.saliency.relevance.ConceptAtlas;
import org.advlens.saliency.relevance.ConceptExplanation;

/**
 * The Concepts view: the settings on the left; the image with its LRP heatmap and the conservation sums; the list
 * of its most relevant concepts (channels of the chosen layer), each with its conditional heatmap; and, for the
 * concept clicked, where in the image it acts and the reference images it stands for, each with the concept's
 * heatmap on it. Red is relevance for the class, blue against it.
 */
public final class ConceptsView extends BorderPane {

    private static final double THUMB = 84;

    private final ConceptsViewModel vm;
    private final ImageView input = view(168, "conceptsInput");
    private final ImageView heatmap = view(168, "conceptsHeatmap");
    private final ImageView conceptMap = view(168, "conceptsConditional");
    private final Label summary = new Label();
    private final Label conceptTitle = new Label();
    private final ListView<Concept> concepts = new ListView<>();
    private final FlowPane references = new FlowPane(8, 8);

    public ConceptsView(ConceptsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("concepts-view");
        setLeft(form());
        setCenter(results());
        vm.resultProperty().addListener((o, a, r) -> show(r));
        vm.selectedConceptProperty().addListener((o, a, i) -> showConcept(i.intValue()));
        concepts.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                vm.selectedConceptProperty().set(i.intValue());
            }
        });
    }

    private ScrollPane form() {
        GridPane g = FormControls.grid();
        int row = 0;
        ComboBox<String> layer = new ComboBox<>(vm.layers());
        layer.valueProperty().bindBidirectional(vm.layerProperty());
        g.addRow(row++, FormControls.fieldLabel("Concept layer"), FormControls.tip("conceptsLayer", layer,
                "The layer whose channels are the concepts"));
        ComboBox<String> composite = new ComboBox<>();
        composite.getItems().setAll(ConceptsViewModel.compositeChoices());
        composite.valueProperty().bindBidirectional(vm.compositeProperty());
        g.addRow(row++, FormControls.fieldLabel("LRP rules"), FormControls.tip("conceptsComposite", composite,
                "lrp-composite: box for the pixels, gamma for convolutions, epsilon for dense layers"));
        g.addRow(row++, FormControls.fieldLabel("Concepts"), FormControls.intSpinner("conceptsTop", 1, 32,
                vm.topConceptsProperty(), "How many of the most relevant channels to show"));
        g.addRow(row++, FormControls.fieldLabel("References"), FormControls.intSpinner("conceptsReferences", 1, 24,
                vm.referencesPerConceptProperty(), "Reference images per concept, by relevance maximisation"));
        g.addRow(row++, FormControls.fieldLabel("Images searched"), FormControls.intSpinner("conceptsSearched", 10,
                1000, vm.imagesSearchedProperty(), "How many bundled test images to search for reference images"));
        Button run = new Button("Find concepts");
        run.setId("runConceptsButton");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelConceptsButton");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        g.add(new HBox(8, run, cancel), 0, row++, 2, 1);
        Label help = new Label("Concept relevance propagation explains the current image's predicted class "
                + "through the channels of one layer. Click a concept to see where it acts in the image and the "
                + "test images in which it carries the most relevance (relevance maximisation). Red: for the "
                + "class; blue: against.");
        help.setWrapText(true);
        help.setMaxWidth(260);
        g.add(help, 0, row, 2, 1);
        ScrollPane scroll = new ScrollPane(g);
        scroll.setFitToWidth(true);
        scroll.setPrefWidth(300);
        return scroll;
    }

    private VBox results() {
        summary.setId("conceptsSummary");
        summary.setWrapText(true);
        summary.setPrefWidth(760);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox top = new VBox(4, new HBox(8, captioned("image", input), captioned("LRP heatmap", heatmap)), summary);
        concepts.setId("conceptsList");
        concepts.setPrefWidth(250);
        concepts.setCellFactory(l -> new ConceptCell());
        conceptTitle.setId("conceptsConceptTitle");
        conceptTitle.getStyleClass().add("section-title");
        references.setId("conceptsReferenceImages");
        references.setPrefWrapLength(560);
        ScrollPane refScroll = new ScrollPane(references);
        refScroll.setFitToWidth(true);
        VBox detail = new VBox(6, conceptTitle, captioned("where it acts in the image", conceptMap),
                new Label("reference images (test images where this concept matters most) and where it acts"),
                refScroll);
        HBox lower = new HBox(12, concepts, detail);
        Label running = new Label("finding concepts…");
        running.visibleProperty().bind(vm.runningProperty());
        VBox box = new VBox(8, new HBox(24, top, running), lower);
        box.setPadding(new Insets(8));
        return box;
    }

    private void show(ConceptsResult r) {
        concepts.getItems().clear();
        references.getChildren().clear();
        if (r == null) {
            input.setImage(null);
            heatmap.setImage(null);
            conceptMap.setImage(null);
            summary.setText("");
            conceptTitle.setText("");
            return;
        }
        ConceptExplanation e = r.entry().explanation();
        input.setImage(ImageRenderer.render(r.image(), 0, r.lower(), r.upper()));
        heatmap.setImage(heat(e.heatmap(), e));
        summary.setText(String.format(Locale.ROOT, "%s explained through layer %s with %s. Relevance (conservation): "
                + "logit %.3f, at the layer %.3f, at the pixels %.3f.", r.className(e.target()), e.layer(), r.composite(),
                e.targetLogit(), e.layerRelevanceSum(), e.inputRelevanceSum()));
        concepts.getItems().setAll(e.concepts());
        int selected = vm.selectedConceptProperty().get();
        if (selected >= 0) {
            concepts.getSelectionModel().select(selected);
            showConcept(selected);
        }
    }

    private void showConcept(int index) {
        ConceptsResult r = vm.resultProperty().get();
        references.getChildren().clear();
        if (r == null || index < 0 || index >= r.entry().explanation().concepts().size()) {
            conceptMap.setImage(null);
            conceptTitle.setText("");
            return;
        }
        concepts.getSelectionModel().select(index);
        ConceptExplanation e = r.entry().explanation();
        Concept c = e.concepts().get(index);
        conceptTitle.setText(String.format(Locale.ROOT, "Channel %d of %s: %.1f%% of the relevance (%.3f)",
                c.channel(), e.layer(), 100 * c.share(), c.relevance()));
        conceptMap.setImage(heat(c.heatmap(), e));
        List<ConceptAtlas.ReferenceImage> refs = r.entry().references().get(index);
        for (ConceptAtlas.ReferenceImage ref : refs) {
            ImageView img = view(THUMB, null);
            img.setImage(ImageRenderer.render(r.references(), ref.index(), r.lower(), r.upper()));
            ImageView map = view(THUMB, null);
            map.setImage(heat(ref.heatmap(), e));
            Label caption = new Label("#" + ref.index() + " " + r.className(ref.target()));
            VBox cell = new VBox(2, new HBox(2, img, map), caption);
            cell.getStyleClass().add("concept-reference");
            references.getChildren().add(cell);
        }
    }

    /** A heatmap summed over channels, scaled so its 99th percentile of |value| is full colour. */
    static Image heat(float[] chw, ConceptExplanation shape) {
        int plane = shape.height() * shape.width();
        float[] sum = new float[plane];
        for (int i = 0; i < chw.length; i++) {
            sum[i % plane] += chw[i];
        }
        double limit = MapPictures.limit(sum, 99);
        for (int i = 0; i < plane; i++) {
            sum[i] = limit > 0 ? (float) (sum[i] / limit) : 0f;
        }
        return ImageRenderer.diverging(sum, shape.height(), shape.width());
    }

    private static ImageView view(double side, String id) {
        ImageView v = new ImageView();
        v.setFitWidth(side);
        v.setFitHeight(side);
        v.setPreserveRatio(true);
        v.setSmooth(false);
        if (id != null) {
            v.setId(id);
        }
        return v;
    }

    private static VBox captioned(String text, ImageView view) {
        VBox b = new VBox(2, new Label(text), view);
        b.setAlignment(Pos.TOP_LEFT);
        return b;
    }

    /** A concept in the list: its conditional heatmap and its channel and share. */
    private final class ConceptCell extends ListCell<Concept> {
        @Override
        protected void updateItem(Concept c, boolean empty) {
            super.updateItem(c, empty);
            ConceptsResult r = vm.resultProperty().get();
            if (empty || c == null || r == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            ImageView v = view(56, null);
            v.setImage(heat(c.heatmap(), r.entry().explanation()));
            setGraphic(v);
            setText(String.format(Locale.ROOT, "channel %d\n%.1f%% of the relevance", c.channel(), 100 * c.share()));
        }
    }
}

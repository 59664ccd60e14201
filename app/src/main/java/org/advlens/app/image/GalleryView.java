package org.advlens.app.image;

import java.util.IdentityHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.advlens.app.common.ErrorBanner;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.ImageRenderer;
import org.advlens.model.InputSpec;

/**
 * The image gallery: bundled samples, a data set's first images and opened files as thumbnails; a click
 * selects the image to attack.
 */
public final class GalleryView extends BorderPane {

    private static final double THUMB = 52;

    private final GalleryViewModel vm;
    private final ToggleGroup group = new ToggleGroup();
    private final Map<ImageItem, ToggleButton> buttons = new IdentityHashMap<>();

    /**
     * @param openImage asks the main window for an image file to open
     * @param openDataset asks the main window for a data set to preview
     */
    public GalleryView(GalleryViewModel vm, Runnable openImage, Runnable openDataset, Runnable openFolder) {
        this.vm = vm;
        getStyleClass().add("gallery-view");
        setId("galleryView");

        Button open = new Button("Open image…");
        open.setId("openImageButton");
        open.setOnAction(e -> openImage.run());
        open.setTooltip(new Tooltip("Open a PNG, JPEG, BMP or GIF file (Ctrl+I); it is resized to the model's input."
                + " You can also drop image files on the window."));
        javafx.scene.control.MenuItem idx = new javafx.scene.control.MenuItem("IDX file…");
        idx.setOnAction(e -> openDataset.run());
        javafx.scene.control.MenuItem folder = new javafx.scene.control.MenuItem("Class folder…");
        folder.setOnAction(e -> openFolder.run());
        javafx.scene.control.MenuButton data = new javafx.scene.control.MenuButton("Data set", null, idx, folder);
        data.setTooltip(new Tooltip("Show the first " + GalleryViewModel.DATASET_PREVIEW + " images of an IDX file"
                + " (labels are found next to it) or of a folder with one sub-folder per class (Ctrl+D)"));
        HBox toolbar = new HBox(6, open, data);
        toolbar.getStyleClass().add("view-toolbar");
        ErrorBanner error = new ErrorBanner(vm.errorProperty(), vm::dismissError);
        error.setId("imageError");
        setTop(new VBox(toolbar, error));

        Label datasetTitle = new Label();
        datasetTitle.textProperty().bind(Bindings.concat("Data set: ", vm.datasetNameProperty()));
        VBox sections = new VBox(6,
                section("Opened images", vm.opened(), "openedTiles"),
                section("Samples", vm.samples(), "sampleTiles"),
                section(datasetTitle, vm.datasetImages(), "datasetTiles"));
        sections.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);
        setPrefWidth(3 * (THUMB + 14) + 44);
        setMinWidth(THUMB * 2 + 40);

        vm.workspace().imageProperty().addListener((o, a, item) -> markSelected(item));
    }

    private VBox section(String title, ObservableList<ImageItem> items, String id) {
        return section(new Label(title), items, id);
    }

    private VBox section(Label title, ObservableList<ImageItem> items, String id) {
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        TilePane tiles = new TilePane(4, 4);
        tiles.setId(id);
        tiles.setPrefColumns(3);
        tiles.setTileAlignment(Pos.TOP_CENTER);
        Runnable fill = () -> {
            tiles.getChildren().forEach(n -> buttons.values().remove(n));
            tiles.getChildren().setAll(items.stream().map(this::thumbnail).toList());
            markSelected(vm.workspace().image());
        };
        items.addListener((ListChangeListener<ImageItem>) c -> fill.run());
        fill.run();
        VBox box = new VBox(4, title, tiles);
        box.visibleProperty().bind(Bindings.isNotEmpty(items));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private ToggleButton thumbnail(ImageItem item) {
        InputSpec spec = vm.workspace().inputSpec();
        double lower = spec == null ? 0 : spec.lower();
        double upper = spec == null ? 1 : spec.upper();
        ImageView view = new ImageView(ImageRenderer.render(item.fitted(), 0, lower, upper));
        view.setFitWidth(THUMB);
        view.setFitHeight(THUMB);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        ToggleButton b = new ToggleButton(shortName(item.name()), view);
        b.setContentDisplay(ContentDisplay.TOP);
        b.getStyleClass().add("thumbnail");
        b.setToggleGroup(group);
        b.setPrefWidth(THUMB + 14);
        b.setMaxWidth(THUMB + 14);
        b.setTooltip(new Tooltip(item.name() + (item.labelled() ? "" : " (no label: the attack uses the model's"
                + " prediction)") + "\n" + item.source()));
        b.setOnAction(e -> {
            vm.select(item);
            b.setSelected(true);
        });
        b.setUserData(item);
        buttons.put(item, b);
        return b;
    }

    private void markSelected(ImageItem item) {
        ToggleButton b = item == null ? null : buttons.get(item);
        if (b != null) {
            b.setSelected(true);
        } else if (group.getSelectedToggle() != null && item != null) {
            group.getSelectedToggle().setSelected(false);
        }
    }

    private static String shortName(String name) {
        return name.length() > 10 ? name.substring(0, 9) + "…" : name;
    }
}

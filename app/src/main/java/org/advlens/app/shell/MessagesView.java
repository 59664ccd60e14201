package org.advlens.app.shell;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import org.advlens.app.common.Icons;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Notices.Notice;

/** The messages panel: every notice of this session, newest first, with its level's icon. */
final class MessagesView extends ListView<Notice> {

    MessagesView(Notices notices) {
        super(notices.log());
        setId("messages");
        setPlaceholder(new Label("No messages"));
        setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Notice n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().removeAll("notice-warning", "notice-error");
                if (empty || n == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setText(String.format("%tT  %s", n.time(), n.line()));
                setTooltip(new Tooltip(n.line()));
                switch (n.level()) {
                    case ERROR -> {
                        setGraphic(Icons.error());
                        getStyleClass().add("notice-error");
                    }
                    case WARNING -> {
                        setGraphic(Icons.warning());
                        getStyleClass().add("notice-warning");
                    }
                    default -> setGraphic(Icons.info());
                }
            }
        });
    }
}

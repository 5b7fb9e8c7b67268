package dev.otellab.ui;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds what a person would see as a broken layout in a shown scene, whatever the view: a
 * label, button or cell whose text is cut with an ellipsis (unless a tooltip gives the whole
 * text), two controls drawn over each other, and a control cut off by its container or the
 * window's edge (scrolled-away parts of a scroll pane, list or table do not count).
 */
public final class LayoutProblems {
    private static final double TOLERANCE = 1.5;

    private final Scene scene;
    private final List<String> problems = new ArrayList<>();
    private final List<Node> leaves = new ArrayList<>();
    private final List<Bounds> leafBounds = new ArrayList<>();

    private LayoutProblems(Scene scene) {
        this.scene = scene;
    }

    /** Every problem in the scene's shown nodes, one line each (empty: none). */
    public static List<String> in(Scene scene) {
        LayoutProblems finder = new LayoutProblems(scene);
        finder.visit(scene.getRoot());
        finder.findOverlaps();
        return List.copyOf(finder.problems);
    }

    private void visit(Node node) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled labeled) {
            checkTruncation(labeled);
        }
        if (isLeafControl(node)) {
            Bounds shown = shownBounds(node);
            if (shown != null) {
                leaves.add(node);
                leafBounds.add(shown);
                checkCutOff(node, shown);
            }
            if (!(node instanceof Cell<?>)) {
                return;
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child);
            }
        }
    }

    private void checkTruncation(Labeled labeled) {
        String text = labeled.getText();
        if (text == null || text.isBlank() || shownBounds(labeled) == null) {
            return;
        }
        String shown = shownText(labeled);
        if (shown == null || shown.equals(text)) {
            return;
        }
        String ellipsis = labeled.getEllipsisString();
        boolean cut = !ellipsis.isEmpty() && shown.contains(ellipsis) && !text.contains(ellipsis)
                || shown.isEmpty() && labeled.getWidth() > 0;
        Tooltip tooltip = labeled.getTooltip();
        boolean explained = tooltip != null && tooltip.getText() != null && tooltip.getText().contains(text.strip());
        if (cut && !explained) {
            problems.add("truncated: " + describe(labeled) + " \"" + text + "\" shows \"" + shown + "\"");
        }
    }

    /** The text the skin draws: the labeled's own Text child (not a graphic's). */
    private static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child != labeled.getGraphic()) {
                return text.getText();
            }
        }
        return null;
    }

    private void checkCutOff(Node node, Bounds shown) {
        Bounds full = node.localToScene(node.getLayoutBounds());
        double sceneWidth = scene.getWidth();
        double sceneHeight = scene.getHeight();
        if (shown.getMinX() < -TOLERANCE || shown.getMaxX() > sceneWidth + TOLERANCE
                || shown.getMinY() < -TOLERANCE || shown.getMaxY() > sceneHeight + TOLERANCE) {
            problems.add("past the window's edge: " + describe(node) + " at " + rect(shown));
            return;
        }
        for (Node ancestor = node.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (ancestor.getClip() == null) {
                continue;
            }
            if (scrolls(ancestor)) {
                return; // content larger than its scroller is what scrolling is for
            }
            Bounds clip = ancestor.localToScene(ancestor.getClip().getBoundsInParent());
            if (full.getMinX() < clip.getMinX() - TOLERANCE || full.getMaxX() > clip.getMaxX() + TOLERANCE
                    || full.getMinY() < clip.getMinY() - TOLERANCE || full.getMaxY() > clip.getMaxY() + TOLERANCE) {
                problems.add("cut off: " + describe(node) + " at " + rect(full) + " by " + describe(ancestor)
                        + " showing " + rect(clip));
                return;
            }
        }
    }

    private void findOverlaps() {
        for (int i = 0; i < leaves.size(); i++) {
            for (int j = i + 1; j < leaves.size(); j++) {
                Node a = leaves.get(i);
                Node b = leaves.get(j);
                if (isAncestor(a, b) || isAncestor(b, a)) {
                    continue;
                }
                Bounds overlap = intersection(leafBounds.get(i), leafBounds.get(j));
                if (overlap != null && overlap.getWidth() > TOLERANCE && overlap.getHeight() > TOLERANCE) {
                    problems.add("overlap: " + describe(a) + " and " + describe(b) + " share " + rect(overlap));
                }
            }
        }
    }

    /** The part of the node the user sees: its scene bounds cut by every clipping ancestor; null when none. */
    private static Bounds shownBounds(Node node) {
        Bounds shown = node.localToScene(node.getLayoutBounds());
        if (shown.getWidth() <= 0 || shown.getHeight() <= 0) {
            return null;
        }
        for (Node ancestor = node.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (!ancestor.isVisible()) {
                return null;
            }
            if (ancestor.getClip() != null) {
                shown = intersection(shown, ancestor.localToScene(ancestor.getClip().getBoundsInParent()));
                if (shown == null) {
                    return null;
                }
            }
        }
        return shown;
    }

    /** A clip that belongs to scrolling (scroll pane viewport, list or table rows, a text area). */
    private static boolean scrolls(Node clipped) {
        Node node = clipped;
        for (int level = 0; level < 3 && node != null; level++, node = node.getParent()) {
            if (node instanceof ScrollPane || node instanceof VirtualFlow<?> || node instanceof TableView<?>
                    || node instanceof ListView<?> || node instanceof TreeView<?> || node instanceof TreeTableView<?>
                    || node instanceof TextArea) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLeafControl(Node node) {
        return node instanceof Labeled || node instanceof TextInputControl || node instanceof ComboBoxBase<?>
                || node instanceof ChoiceBox<?> || node instanceof Slider || node instanceof Spinner<?>;
    }

    private static boolean isAncestor(Node ancestor, Node node) {
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static Bounds intersection(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        if (maxX <= minX || maxY <= minY) {
            return null;
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private static String rect(Bounds bounds) {
        return String.format("(%.0f,%.0f %.0fx%.0f)", bounds.getMinX(), bounds.getMinY(), bounds.getWidth(), bounds.getHeight());
    }

    private static String describe(Node node) {
        StringBuilder text = new StringBuilder(node.getClass().getSimpleName());
        if (node.getId() != null) {
            text.append('#').append(node.getId());
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            text.append(" \"").append(labeled.getText().length() > 40 ? labeled.getText().substring(0, 40) + "…" : labeled.getText())
                    .append('"');
        }
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.getId() != null) {
                text.append(" in #").append(parent.getId());
                break;
            }
        }
        return text.toString();
    }
}

package dev.otellab.ui.common;

import dev.otellab.telemetry.query.TimeRange;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The time range part of a view's form, the same in the Traces, Logs, Map and SLIs views: the
 * choice among the ranges the view offers, the custom bounds as typed, their validation
 * message, the range they describe as of now, and the three values saved between runs. Use on
 * the UI thread; {@link TimeRangeFields} shows it.
 */
public final class TimeRangeForm {
    private static final String CHOICE = "range";
    private static final String FROM = "customFrom";
    private static final String TO = "customTo";

    private final Clock clock;
    private final List<TimeRangeChoice> offered;
    private final TimeRangeChoice fallback;
    private final ObjectProperty<TimeRangeChoice> choice;
    private final StringProperty customFrom = new SimpleStringProperty(this, FROM, "");
    private final StringProperty customTo = new SimpleStringProperty(this, TO, "");
    private final StringBinding problem;

    /**
     * @param offered the choices the view lists
     * @param initial the first choice, and the one a saved choice that is unknown or no longer
     *                offered gives way to
     */
    public TimeRangeForm(Clock clock, List<TimeRangeChoice> offered, TimeRangeChoice initial) {
        this.clock = clock;
        this.offered = List.copyOf(offered);
        this.fallback = initial;
        this.choice = new SimpleObjectProperty<>(this, CHOICE, initial);
        problem = Bindings.createStringBinding(() -> choice.get().problem(clock, customFrom.get(), customTo.get()),
                dependencies());
    }

    /** The range the form describes, as of now; IllegalArgumentException explains bad custom bounds. */
    public TimeRange resolve() {
        return choice.get().resolve(clock, customFrom.get(), customTo.get());
    }

    /** Like {@link #resolve}, for a view that needs a closed range; {@code why} says what needs it. */
    public TimeRange resolveClosed(String why) {
        return choice.get().resolveClosed(clock, customFrom.get(), customTo.get(), why);
    }

    /** Chooses Custom with these bounds, written in {@code zone}. */
    public void showCustom(long fromUnixNano, long toUnixNano, ZoneId zone) {
        customFrom.set(TimeRangeChoice.formatBound(fromUnixNano, zone));
        customTo.set(TimeRangeChoice.formatBound(toUnixNano, zone));
        choice.set(TimeRangeChoice.CUSTOM);
    }

    /** The choice, the custom bounds and {@code more}: what a binding on the whole form depends on. */
    public Observable[] dependencies(Observable... more) {
        Observable[] all = new Observable[3 + more.length];
        all[0] = choice;
        all[1] = customFrom;
        all[2] = customTo;
        System.arraycopy(more, 0, all, 3, more.length);
        return all;
    }

    /** Text that changes whenever the form does: a cache key for what was asked over this range. */
    public String key() {
        return choice.get().name() + ' ' + customFrom.get() + ' ' + customTo.get();
    }

    public void save(Map<String, String> state) {
        state.put(CHOICE, choice.get().name());
        state.put(FROM, customFrom.get());
        state.put(TO, customTo.get());
    }

    /** Puts back the saved bounds and choice; see {@link #restoreChoice}. */
    public void restore(Map<String, String> state) {
        restoreBounds(state);
        restoreChoice(state);
    }

    public void restoreBounds(Map<String, String> state) {
        customFrom.set(state.getOrDefault(FROM, customFrom.get()));
        customTo.set(state.getOrDefault(TO, customTo.get()));
    }

    /**
     * Puts back the saved choice; one this view no longer offers, or an unknown one, gives way to
     * the initial choice. Returns whether the saved choice was a known one.
     */
    public boolean restoreChoice(Map<String, String> state) {
        try {
            TimeRangeChoice saved = TimeRangeChoice.valueOf(state.getOrDefault(CHOICE, choice.get().name()));
            choice.set(offered.contains(saved) ? saved : fallback);
            return true;
        } catch (IllegalArgumentException unknown) {
            choice.set(fallback);
            return false;
        }
    }

    /** The choices the view lists. */
    public List<TimeRangeChoice> choices() {
        return offered;
    }

    public ObjectProperty<TimeRangeChoice> choiceProperty() {
        return choice;
    }

    public StringProperty customFromProperty() {
        return customFrom;
    }

    public StringProperty customToProperty() {
        return customTo;
    }

    /** The custom bounds' validation message, "" when they are fine or not used. */
    public StringBinding problemProperty() {
        return problem;
    }
}

package dev.otellab.lab;

import java.util.List;
import java.util.function.Consumer;

/**
 * Choosing the lab's mode (Embedded, Docker, Remote) in the window: the modes offered and the
 * switch. The window gets it from its lab engine ({@link LabEngine#modeSwitch()}), never by a cast.
 */
public interface ModeSwitch {

    /** The modes the user can choose, in display order. */
    List<LabMode> modes();

    /**
     * Makes {@code mode} current: stops the current lab first (its data stays). Blocks; run it off
     * the UI thread.
     *
     * @throws IllegalStateException when the new mode's engine cannot be made, with the reason
     */
    void select(LabMode mode);

    /** Called with the new mode after each switch, on the switching thread. */
    void addModeListener(Consumer<LabMode> listener);
}

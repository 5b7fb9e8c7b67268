package dev.otellab.ui.traces;

/**
 * One entry of the Attributes field's completion: {@code shown} in the popup (a name, or a value),
 * {@code text} the whole field once it is chosen (what was typed before, then the completed token).
 */
public record AttributeSuggestion(String shown, String text) {
    @Override
    public String toString() {
        return shown;
    }
}

package dev.otellab.ui.shell;

import dev.otellab.ui.common.TimeRangeChoice;

/** A view that can search the traces of one service (the Map view's node click). */
public interface TraceSearchDestination extends ConsoleView {
    void searchService(String service, TimeRangeChoice range);
}

package dev.otellab.telemetry.embedded;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds a list of parameters, collected while a query's SQL was built, to the statement's placeholders. */
final class StatementParameters {
    private StatementParameters() {
    }

    /** Binds {@code parameters} in order from index {@code first}; returns the index after the last one. */
    static int bind(PreparedStatement statement, int first, List<?> parameters) throws SQLException {
        int index = first;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        return index;
    }
}

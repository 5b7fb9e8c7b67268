package dev.otellab.telemetry.embedded;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatementParametersTest {
    @Test
    void bindsTheListFromTheGivenIndexAndReturnsTheNextOne() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
             PreparedStatement statement = connection.prepareStatement("SELECT ?, ?, ?, ?")) {
            statement.setString(1, "first");

            int next = StatementParameters.bind(statement, 2, List.of(7L, "text"));
            statement.setInt(next, 9);

            assertThat(next).isEqualTo(4);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertThat(List.of(rows.getObject(1), rows.getObject(2), rows.getObject(3), rows.getObject(4)))
                        .containsExactly("first", 7, "text", 9);
            }
        }
    }

    @Test
    void aTimeRangeTakesItsFourParametersInTheOrderOfItsSql() throws Exception {
        long slot = 1L << TimeBucket.SHIFT;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM (SELECT ? AS start_ns UNION ALL SELECT ? UNION ALL SELECT ?) WHERE "
                             + TimeBucket.rangeSql("start_ns"))) {
            int next = StatementParameters.bind(statement, 1, List.of(3 * slot - 1, 3 * slot, 5 * slot + 7));

            assertThat(TimeBucket.bindRange(statement, next, 3 * slot, 5 * slot + 8)).isEqualTo(next + 4);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2); // not the one a nanosecond before the range
            }
        }
    }
}

package dev.otellab.ui.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceColorsTest {

    @Test
    void aServiceKeepsItsColorAndServicesDiffer() {
        assertThat(ServiceColors.colorOf("lab-backend")).isEqualTo(ServiceColors.colorOf("lab-backend"));
        assertThat(ServiceColors.colorOf("lab-backend")).isNotEqualTo(ServiceColors.colorOf("notification-service"));
        assertThat(ServiceColors.PALETTE).contains(ServiceColors.colorOf(null), ServiceColors.colorOf(""));
        // Fixed forever: users learn "blue is lab-backend".
        assertThat(ServiceColors.colorOf("lab-backend")).isEqualTo(ServiceColors.PALETTE.get(Math.floorMod("lab-backend".hashCode(), 12)));
    }
}

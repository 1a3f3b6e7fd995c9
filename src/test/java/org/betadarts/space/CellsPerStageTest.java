package org.betadarts.space;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CellsPerStageTest {
    @Test
    void onlyNasBench201CountsItsCellsPerStage() {
        for (String name : Spaces.names()) {
            assertEquals(name.equals("nb201"), Spaces.training(name).cellsPerStage(), name);
        }
    }
}

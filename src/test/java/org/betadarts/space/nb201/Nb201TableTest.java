package org.betadarts.space.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.BitSet;
import org.betadarts.io.UserError;
import org.betadarts.space.nb201.Nb201Table.Row;
import org.junit.jupiter.api.Test;

class Nb201TableTest {
    static final String BETA =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";
    static final String ALL_SKIP =
            "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|";

    private final Nb201Table table = Nb201Table.load();

    @Test
    void loadsOnce() {
        assertSame(table, Nb201Table.load());
        assertEquals(15625, table.size());
    }

    @Test
    void everyCellAppearsExactlyOnce() {
        BitSet seen = new BitSet(Nb201Table.SIZE);
        int[] idx = new int[Nb201Cell.EDGES];
        for (int code = 0; code < Nb201Table.SIZE; code++) {
            for (int e = 0, c = code; e < idx.length; e++, c /= 5) {
                idx[e] = c % 5;
            }
            Row row = table.lookup(Nb201Genotype.ofOpIndices(idx));
            assertTrue(!seen.get(row.index()), "index " + row.index() + " found twice");
            seen.set(row.index());
        }
        assertEquals(Nb201Table.SIZE, seen.cardinality());
    }

    @Test
    void rowIndexIsItsPositionAndArchStringsRoundTrip() {
        for (int i = 0; i < table.size(); i++) {
            Row row = table.row(i);
            assertEquals(i, row.index());
            String arch = row.arch().toArchString();
            assertEquals(arch, Nb201Genotype.parse(arch).toArchString());
            assertEquals(row.arch(), Nb201Genotype.parse(arch));
            assertSame(row, table.lookup(Nb201Genotype.parse(arch)));
        }
    }

    @Test
    void firstRowMatchesTheFile() {
        Row r = table.row(0);
        assertEquals("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
                r.arch().toArchString());
        assertEquals(85.86333333333334, r.cifar10Test(), 0.0);
        assertEquals(0.129306, r.paramsM(), 0.0);
    }

    @Test
    void betaDartsCell() {
        Row r = table.lookup(Nb201Genotype.parse(BETA));
        assertEquals(9930, r.index());
        assertEquals(91.55, r.cifar10Valid(), 0.005);
        assertEquals(94.36, r.cifar10Test(), 0.005);
        assertEquals(73.49, r.cifar100Valid(), 0.005);
        assertEquals(73.51, r.cifar100Test(), 0.005);
        assertEquals(46.37, r.imagenet16Valid(), 0.005);
        assertEquals(46.34, r.imagenet16Test(), 0.005);
        assertEquals(1.288506, r.paramsM(), 1e-9);
        assertEquals(r, table.row(9930));
    }

    @Test
    void allSkipCell() {
        Row r = table.find(Nb201Genotype.parse(ALL_SKIP)).orElseThrow();
        assertEquals(54.30, r.cifar10Test(), 0.005);
        assertEquals(15.61, r.cifar100Test(), 0.005);
        assertEquals(0.073306, r.paramsM(), 1e-9);
    }

    @Test
    void bestTestAccuracies() {
        double c10 = 0;
        double c100 = 0;
        double in16 = 0;
        for (int i = 0; i < table.size(); i++) {
            c10 = Math.max(c10, table.row(i).cifar10Test());
            c100 = Math.max(c100, table.row(i).cifar100Test());
            in16 = Math.max(in16, table.row(i).imagenet16Test());
        }
        assertEquals(94.37, c10, 0.005);
        assertEquals(73.51, c100, 0.005);
        assertEquals(47.31, in16, 0.005);
    }

    @Test
    void formatLabelsEveryValue() {
        String text = table.row(9930).format();
        String[] lines = text.lines().toArray(String[]::new);
        assertEquals(6, lines.length, text);
        assertTrue(lines[0].startsWith("arch") && lines[0].endsWith(BETA), text);
        assertTrue(lines[1].matches("index +9930"), text);
        assertTrue(lines[2].matches("CIFAR-10 valid/test +91\\.55 / 94\\.36"), text);
        assertTrue(lines[3].matches("CIFAR-100 valid/test +73\\.49 / 73\\.51"), text);
        assertTrue(lines[4].matches("ImageNet16-120 valid/test +46\\.37 / 46\\.34"), text);
        assertTrue(lines[5].matches("params +1\\.288506 M"), text);
    }

    @Test
    void indexOutOfRangeIsAUserError() {
        String msg = assertThrows(UserError.class, () -> table.row(15625)).getMessage();
        assertTrue(msg.contains("15625") && msg.contains("0..15624"), msg);
        assertThrows(UserError.class, () -> table.row(-1));
    }

    @Test
    void rejectsAFileWithTheWrongShape() {
        assertThrows(IllegalStateException.class,
                () -> Nb201Table.parse(new BufferedReader(new StringReader("arch,acc\n"))));
        String oneRow = Nb201Table.HEADER + "\n" + ALL_SKIP + ",1,2,3,4,5,6,0.1\n";
        String msg = assertThrows(IllegalStateException.class,
                () -> Nb201Table.parse(new BufferedReader(new StringReader(oneRow)))).getMessage();
        assertTrue(msg.contains("1 rows, expected 15625"), msg);
        String shortRow = Nb201Table.HEADER + "\n" + ALL_SKIP + ",1,2,3\n";
        msg = assertThrows(IllegalStateException.class,
                () -> Nb201Table.parse(new BufferedReader(new StringReader(shortRow)))).getMessage();
        assertTrue(msg.contains("4 fields, expected 8"), msg);
    }
}

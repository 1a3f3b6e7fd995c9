package org.betadarts.space;

/** An edge of a found cell as drawn: from node {@code from} to node {@code to}, with op {@code op}. */
public record CellEdge(int from, int to, String op) {}

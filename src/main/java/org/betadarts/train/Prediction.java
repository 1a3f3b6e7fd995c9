package org.betadarts.train;

/** One class and the probability a model gives it. */
public record Prediction(int label, String name, float probability) {
}

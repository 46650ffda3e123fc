package dev.kiln.contracts.template;

/**
 * One property of a render request (seed 000: {@code properties[]}): the layer it names and the
 * value for that layer's type — {@code text} for text and QR code layers, {@code imageUrl} for image
 * layers, {@code color} for shapes (and, optionally, for text).
 */
public record PropertyValue(String name, String text, String imageUrl, String color) {
}

package dev.responders.glue;

/**
 * One column type rewritten.
 *
 * @param location where the column is: {@code columns}, {@code partition keys}, or a partition's columns
 * @param column   the column's name
 * @param before   its type as the catalog had it
 * @param after    its type with every set as an array
 */
public record ColumnFix(String location, String column, String before, String after) {
}

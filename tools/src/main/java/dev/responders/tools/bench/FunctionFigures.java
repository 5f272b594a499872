package dev.responders.tools.bench;

import java.util.List;

/**
 * One function's figures: its artifact zipped, in bytes, one row per event, and what was re-seeded between runs.
 */
record FunctionFigures(String logicalId, long artifactZippedBytes, List<EventFigures> events,
    String stateBetweenRuns) {
}

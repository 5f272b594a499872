package dev.responders.bluegreen;

/**
 * What {@link LiveColourSetter} did.
 *
 * @param status    {@code FLIPPED}, {@code ALREADY_FLIPPED} or {@code ALREADY_LIVE}
 * @param parameter the marker parameter
 * @param previous  the value before this flip ({@code null} before the first deployment)
 * @param live      the colour live now, as this origin set it
 * @param version   the parameter version that holds {@code live}
 * @param reason    why, in a sentence
 */
public record FlipOutcome(FlipStatus status, String parameter, String previous, Colour live, long version,
    String reason) {
}

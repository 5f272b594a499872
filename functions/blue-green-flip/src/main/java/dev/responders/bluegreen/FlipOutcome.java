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
 * @param byThisInvocation for {@code ALREADY_FLIPPED}: the record names this very job or deployment (a retry of
 *                  the invocation that flipped), not only its pipeline execution
 */
public record FlipOutcome(FlipStatus status, String parameter, String previous, Colour live, long version,
    String reason, boolean byThisInvocation) {
}

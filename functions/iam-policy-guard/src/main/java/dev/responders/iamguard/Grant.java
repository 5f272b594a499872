package dev.responders.iamguard;

/**
 * One restricted action a statement of a policy grants, as the administrator is shown it.
 *
 * @param statement  the statement's position in the document (0-based)
 * @param sid        the statement's Sid, or null
 * @param restricted the restricted pattern it grants (lower case)
 * @param how        which Action or NotAction grants it
 */
record Grant(int statement, String sid, String restricted, String how) {
}

package dev.responders.securityhub;

/** The member account's role could not be assumed (denied, missing, region disabled): nothing was done there. */
final class RoleNotAssumedException extends RuntimeException {

  RoleNotAssumedException(String reason) {
    super(reason);
  }
}

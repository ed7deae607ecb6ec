import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 codes as authenticator apps make them (SHA-1, 6 digits, 30 s). A code is accepted one
 * step either side of now, for clocks that drift, and never twice: callers remember the last step.
 */
const PERIOD_SECONDS = 30;
const ACCEPTED_DRIFT_STEPS = 1;

function totpFor(secretBase32: string, label = 'Refuge'): TOTP {
  return new TOTP({ issuer: 'Refuge', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The URL an authenticator app reads from a QR code. */
export function otpauthUrl(secretBase32: string, username: string): string {
  return totpFor(secretBase32, username).toString();
}

/** The time step a code belongs to, or null when it matches none near now. */
export function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now.getTime(), window: ACCEPTED_DRIFT_STEPS });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The code an authenticator shows at a given time (tests, and nothing else, need to compute one). */
export function totpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

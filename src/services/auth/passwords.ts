import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { RefugeError } from '../../domain/errors.ts';

/** argon2id cost. OWASP's recommendation (m = 19 MiB, t = 2, p = 1) unless a test asks for less. */
export interface PasswordHashing { memoryCost: number; timeCost: number; parallelism: number }
export const OWASP_ARGON2ID: PasswordHashing = Object.freeze({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; bounded so that hashing stays a fixed cost. */
export const MAX_PASSWORD_LENGTH = 1024;

export function checkPasswordPolicy(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new RefugeError('validation', 'password_too_short', `A password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
      [{ field, code: 'too_short', message: `Must be at least ${MIN_PASSWORD_LENGTH} characters.` }]);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new RefugeError('validation', 'password_too_long', `A password must have at most ${MAX_PASSWORD_LENGTH} characters.`,
      [{ field, code: 'too_long', message: `Must be at most ${MAX_PASSWORD_LENGTH} characters.` }]);
  }
}

/** A password people can type and that carries about 120 bits: 24 characters of base64url. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export class PasswordHasher {
  /** Made at once, so that even the first unknown account costs exactly one verification. */
  private readonly dummy: Promise<string>;

  constructor(private readonly cost: PasswordHashing = OWASP_ARGON2ID) {
    this.dummy = this.hash(randomBytes(16).toString('hex'));
  }

  hash(password: string): Promise<string> {
    // 2 is Algorithm.Argon2id (an ambient const enum, which this build cannot import); also the package's default.
    return hash(password, { algorithm: 2, ...this.cost });
  }

  /**
   * With no stored hash (unknown account, or one that signs in only through OpenID Connect) a hash
   * of the same cost is still verified, so the answer takes the same time either way.
   */
  async verify(stored: string | null, password: string): Promise<boolean> {
    if (stored === null) {
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}

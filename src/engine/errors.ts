/**
 * Typed errors a user can cause. Each names the file (when there is one), the field (when there is
 * one) and the fix; front ends print `message` and `fix`, never a stack trace.
 */
export class TierwiseError extends Error {
  /** Machine-readable category, stable across releases. */
  readonly code: string;
  readonly file?: string;
  readonly field?: string;
  /** What the user should do. */
  readonly fix: string;

  constructor(code: string, message: string, fix: string, where: { file?: string; field?: string } = {}) {
    super(message);
    this.name = 'TierwiseError';
    this.code = code;
    this.fix = fix;
    this.file = where.file;
    this.field = where.field;
  }

  /** One line for terminals and notifications: `file: message (field) — fix`. */
  toUserString(): string {
    const where = this.file ? `${this.file}: ` : '';
    const field = this.field ? ` (field \`${this.field}\`)` : '';
    return `${where}${this.message}${field}. Fix: ${this.fix}`;
  }
}

/** True for errors meant to be shown to the user as they are. */
export function isTierwiseError(error: unknown): error is TierwiseError {
  return error instanceof TierwiseError;
}

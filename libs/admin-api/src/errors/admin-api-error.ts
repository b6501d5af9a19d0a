/** One problem with a request, as parseAdminInput reports it. */
export interface AdminApiIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

/**
 * An admin request refused with a status and a machine-readable code; the admin routes'
 * filter answers it as `{ "error": { code, message, issues? } }`. Codes in use:
 * 400 invalid_request, 401 unauthenticated, 403 forbidden, 404 not_found, 409 conflict,
 * 413 payload_too_large.
 */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown[],
  ) {
    super(message);
    this.name = 'AdminApiError';
  }

  static invalid(message: string, issues?: unknown[]): AdminApiError {
    return new AdminApiError(400, 'invalid_request', message, issues);
  }

  static notFound(message: string): AdminApiError {
    return new AdminApiError(404, 'not_found', message);
  }

  static conflict(message: string): AdminApiError {
    return new AdminApiError(409, 'conflict', message);
  }

  static forbidden(message: string): AdminApiError {
    return new AdminApiError(403, 'forbidden', message);
  }

  static unauthenticated(message: string): AdminApiError {
    return new AdminApiError(401, 'unauthenticated', message);
  }

  /** The response body. */
  body(): { readonly error: { code: string; message: string; issues?: unknown[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues === undefined ? {} : { issues: this.issues }),
      },
    };
  }
}

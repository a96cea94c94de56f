/**
 * The one catalogue of errors. Services throw these; one handler renders them as
 * JSON `{ errors: [{ code, message, field }] }` or as an HTML page. Never branch on message text:
 * branch on `code`.
 */
export type ErrorDetail = { code: string; message: string; field?: string };

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: ErrorDetail[];

  constructor(options: {
    code: string;
    message: string;
    status: number;
    field?: string;
    details?: ErrorDetail[];
  }) {
    super(options.message);
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.field = options.field;
    this.details = options.details ?? [
      { code: options.code, message: options.message, ...(options.field ? { field: options.field } : {}) },
    ];
  }
}

/** 400: the request could not be read at all (malformed JSON, invalid UTF-8). */
export class BadRequestError extends AppError {
  constructor(code: string, message: string, field?: string) {
    super({ code, message, status: 400, ...(field ? { field } : {}) });
  }
}

/** 422: the request was read but a field is wrong; `details` lists every field at once. */
export class ValidationError extends AppError {
  constructor(details: ErrorDetail[]) {
    const first = details[0] ?? { code: 'VALIDATION_FAILED', message: 'The request is not valid.' };
    super({
      code: first.code,
      message: first.message,
      status: 422,
      details,
      ...(first.field ? { field: first.field } : {}),
    });
  }

  static field(field: string, code: string, message: string): ValidationError {
    return new ValidationError([{ code, message, field }]);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'UNAUTHORIZED', message = 'A valid API token is required.') {
    super({ code, message, status: 401 });
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'FORBIDDEN', message = 'This token may not do that.') {
    super({ code, message, status: 403 });
  }
}

export class NotFoundError extends AppError {
  constructor(resource: string, message = `No ${resource} was found with that identifier.`) {
    super({ code: `${resource.toUpperCase()}_NOT_FOUND`, message, status: 404 });
  }
}

/** 409: a unique value is taken or the resource changed since the client read it. */
export class ConflictError extends AppError {
  constructor(code: string, message: string, field?: string) {
    super({ code, message, status: 409, ...(field ? { field } : {}) });
  }
}

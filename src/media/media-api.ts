import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, BadRequestError, ValidationError } from '../lib/errors.ts';
import { parseSingle } from '../lib/http/request-input.ts';
import { parseInput } from '../lib/validation.ts';
import { MAX_UPLOAD_BYTES, type Media, mediaListQuerySchema, mediaTextSchema } from './media.ts';
import { mediaJson } from './media-json.ts';
import type { MediaService, MediaUpload } from './media-service.ts';

const MEGABYTE = 1024 * 1024;

const fileTooLarge = () =>
  new AppError({
    code: 'FILE_TOO_LARGE',
    status: 413,
    field: 'file',
    message: `The file is larger than the ${MAX_UPLOAD_BYTES / MEGABYTE} MB an upload may be.`,
  });

/** @fastify/multipart's limit errors in Masthead's catalogue; anything else it raises is a malformed body. */
function uploadError(app: FastifyInstance, error: unknown): unknown {
  const { RequestFileTooLargeError, FilesLimitError, PartsLimitError, FieldsLimitError } =
    app.multipartErrors;
  if (error instanceof AppError) return error;
  if (error instanceof RequestFileTooLargeError) return fileTooLarge();
  if (error instanceof FilesLimitError) {
    return ValidationError.field('file', 'TOO_MANY_FILES', 'Send one file per upload in the field "file".');
  }
  if (error instanceof PartsLimitError || error instanceof FieldsLimitError) {
    return ValidationError.field(
      'body',
      'TOO_MANY_FIELDS',
      'Send only "file", "alt", "caption" and "credit".',
    );
  }
  return new BadRequestError(
    'MALFORMED_MULTIPART',
    'The multipart/form-data body could not be read.',
    'body',
  );
}

/**
 * Reads `multipart/form-data` with one file in `file` and optional `alt`, `caption` and `credit`.
 * The client's file name is kept as a label; its Content-Type is ignored (the bytes decide).
 */
async function readUpload(app: FastifyInstance, request: FastifyRequest): Promise<MediaUpload> {
  if (!request.isMultipart()) {
    throw new AppError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
      field: 'body',
      message: 'Send the image as multipart/form-data, in the field "file".',
    });
  }
  const fields: Record<string, unknown> = {};
  let file: { bytes: Buffer; name: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'file') {
          throw ValidationError.field('file', 'FIELD_INVALID', '"file" must be a file, not a text value.');
        }
        if (part.valueTruncated) {
          throw ValidationError.field(part.fieldname, 'FIELD_TOO_LONG', `"${part.fieldname}" is too long.`);
        }
        fields[part.fieldname] = part.value;
      } else if (part.fieldname !== 'file') {
        part.file.resume();
        throw ValidationError.field(
          part.fieldname,
          'UNKNOWN_FIELD',
          `"${part.fieldname}" is not a field that can be set here: send the image in "file".`,
        );
      } else {
        file = { bytes: await part.toBuffer(), name: part.filename };
      }
    }
  } catch (error) {
    throw uploadError(app, error);
  }
  const text = parseInput(mediaTextSchema, fields);
  if (!file) throw ValidationError.field('file', 'FIELD_REQUIRED', '"file" is required: attach an image.');
  return { bytes: file.bytes, originalName: file.name, text };
}

/**
 * The media library in the Admin API: `POST /media` (multipart upload), `GET /media?q=&page=&limit=`,
 * `GET|PATCH|DELETE /media/:id`. Registered as its own plugin so that multipart parsing exists
 * only here.
 *
 * @example
 * await admin.register(registerMediaApi, { media: services.media });
 */
export async function registerMediaApi(app: FastifyInstance, { media }: { media: MediaService }) {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 8, parts: 10, fieldSize: 10_000 },
  });
  const toJson = (item: Media) => mediaJson(item, media.urlOf);

  app.post('/media', async (request, reply) => {
    const created = await media.upload(await readUpload(app, request));
    return reply.code(201).send({ media: [toJson(created)] });
  });

  app.get('/media', async (request) => {
    const query = parseInput(mediaListQuerySchema, request.query);
    const page = { page: query.page ?? 1, limit: query.limit ?? 30 };
    const result = await media.list({ page, ...(query.q ? { q: query.q } : {}) });
    return { media: result.media.map(toJson), meta: { pagination: result.pagination } };
  });

  app.get<{ Params: { id: string } }>('/media/:id', async (request) => ({
    media: [toJson(await media.get(request.params.id))],
  }));

  app.patch<{ Params: { id: string } }>('/media/:id', async (request) => {
    const input = parseSingle(request.body, 'media', mediaTextSchema);
    return { media: [toJson(await media.update(request.params.id, input))] };
  });

  app.delete<{ Params: { id: string } }>('/media/:id', async (request, reply) => {
    await media.remove(request.params.id);
    return reply.code(204).send();
  });
}

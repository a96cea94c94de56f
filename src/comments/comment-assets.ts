import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const scriptPath = path.join(import.meta.dirname, 'assets', 'comments.js');
const script = readFileSync(scriptPath);
const version = createHash('sha1').update(script).digest('hex').slice(0, 10);

/** The form's progressive enhancement, cached for a year under its content hash. */
export const commentsScriptUrl = `/assets/comments/comments.js?v=${version}`;

export function registerCommentAssets(app: FastifyInstance): void {
  app.get('/assets/comments/comments.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .send(script),
  );
}

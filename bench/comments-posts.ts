import { solveChallenge } from 'altcha-lib/v1';
import type { Masthead } from '../src/masthead.ts';
import type { Post } from './comments-load.ts';
import { commentBody, returningEmail } from './comments-seed.ts';

/** The User-Agent of every benchmark submission, to find the rows it stored. */
export const BENCH_AGENT = 'masthead-comment-bench/1';

/**
 * One distinct comment per challenge, the way readers post: a quarter are replies, half come from
 * returning readers (approved at once; the others are first-time and held), a fifth ask for reply
 * notifications, a few give a website. Each has its own address behind X-Forwarded-For.
 */
export async function buildPosts(
  masthead: Masthead,
  targets: { articleId: string; parentIds: string[] }[],
  count: number,
): Promise<Post[]> {
  const formTime = masthead.comments.service.formTime.sign(new Date(Date.now() - 60_000));
  const posts: Post[] = [];
  for (let offset = 0; offset < count; offset += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, count - offset) }, async (_, j) => {
        const k = offset + j;
        const c = (await masthead.captcha.createChallenge()) as {
          algorithm: string;
          challenge: string;
          maxnumber: number;
          salt: string;
          signature: string;
        };
        const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
        if (!solution) throw new Error('a challenge could not be solved');
        const altcha = Buffer.from(JSON.stringify({ ...c, number: solution.number })).toString('base64');
        const target = targets[k % targets.length] as (typeof targets)[number];
        const isReturning = k % 2 === 0;
        const body = {
          article_id: target.articleId,
          ...(k % 4 === 1 ? { parent_id: target.parentIds[k % target.parentIds.length] } : {}),
          name: `Bench Reader ${k}`,
          email: isReturning ? returningEmail(k >> 1) : `new-${k}@bench.example`,
          ...(k % 8 === 3 ? { url: `https://reader-${k}.example/` } : {}),
          body: `${commentBody(300_000 + k)}\n\n${k}`,
          notify_replies: k % 5 === 0,
          lang: 'en',
          homepage: '',
          form_time: formTime,
          altcha,
        };
        return {
          body: JSON.stringify(body),
          headers: {
            'user-agent': BENCH_AGENT,
            'x-forwarded-for': `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`,
          },
        };
      }),
    );
    posts.push(...batch);
  }
  return posts;
}

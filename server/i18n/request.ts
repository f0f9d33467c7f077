// Which language an answer is written in.
import type { Context } from 'hono';
import type { AppContext, AppEnv } from '../context.js';
import { negotiate, type Lang } from './index.js';

/** The language the request asks for (`Accept-Language`), else English: for answers made before sign-in is read. */
export function askedLanguage(c: Context): Lang {
  return negotiate(c.req.header('accept-language')) ?? 'en';
}

/**
 * The language of an answer to a person. The language the request asks for wins (the page the text is shown
 * on is in that language); without one that visit-kit speaks, the signed-in person's stored preference;
 * else English.
 */
export async function answerLanguage(ctx: AppContext, c: Context<AppEnv>): Promise<Lang> {
  const asked = negotiate(c.req.header('accept-language'));
  if (asked) return asked;
  const p = c.get('principal');
  if (p && p.role !== 'prisoner') {
    const user = await ctx.store.db
      .selectFrom('users')
      .select('language')
      .where('id', '=', p.id)
      .executeTakeFirst()
      .catch(() => undefined);
    if (user) return user.language;
  }
  return 'en';
}

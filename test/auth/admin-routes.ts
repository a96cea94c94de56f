import { type MatrixRequest, type MatrixRow, unique } from './role-matrix.ts';

const body = (key: string, item: Record<string, unknown>) => ({ [key]: [item] });
const get = (url: string) => async (): Promise<MatrixRequest> => ({ method: 'GET', url });

/** Every route of the Admin API with the least role the rules let call it. */
export const adminRoutes: MatrixRow[] = [
  // Articles: anyone writes their own drafts; authors publish their own; editors anything.
  { name: 'GET /articles', least: 'contributor', request: get('/articles') },
  {
    name: 'GET /articles/:ref',
    least: 'contributor',
    request: async (fx) => ({ method: 'GET', url: `/articles/${(await fx.article({ owner: null })).id}` }),
  },
  {
    name: 'POST /articles (a draft)',
    least: 'contributor',
    request: async () => ({
      method: 'POST',
      url: '/articles',
      payload: body('articles', { title: unique('New') }),
    }),
  },
  {
    name: 'POST /articles (already published)',
    least: 'author',
    request: async () => ({
      method: 'POST',
      url: '/articles',
      payload: body('articles', { title: unique('New'), status: 'published' }),
    }),
  },
  {
    name: 'PATCH /articles/:ref (own draft)',
    least: 'contributor',
    request: async (fx, actor) => ({
      method: 'PATCH',
      url: `/articles/${(await fx.article({ owner: actor })).id}`,
      payload: body('articles', { standfirst: 'Revised' }),
    }),
  },
  {
    name: 'PUT /articles/:ref (own published article)',
    least: 'author',
    request: async (fx, actor) => ({
      method: 'PUT',
      url: `/articles/${(await fx.article({ owner: actor, status: 'published' })).id}`,
      payload: body('articles', { standfirst: 'Corrected' }),
    }),
  },
  {
    name: "PATCH /articles/:ref (someone else's draft)",
    least: 'editor',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/articles/${(await fx.article({ owner: fx.other })).id}`,
      payload: body('articles', { standfirst: 'Revised' }),
    }),
  },
  {
    name: 'POST /articles/:ref/publish (own)',
    least: 'author',
    request: async (fx, actor) => ({
      method: 'POST',
      url: `/articles/${(await fx.article({ owner: actor })).id}/publish`,
    }),
  },
  {
    name: "POST /articles/:ref/publish (someone else's)",
    least: 'editor',
    request: async (fx) => ({
      method: 'POST',
      url: `/articles/${(await fx.article({ owner: fx.other })).id}/publish`,
    }),
  },
  {
    name: 'POST /articles/:ref/schedule (own)',
    least: 'author',
    request: async (fx, actor) => ({
      method: 'POST',
      url: `/articles/${(await fx.article({ owner: actor })).id}/schedule`,
      payload: { published_at: new Date(Date.now() + 86_400_000).toISOString() },
    }),
  },
  {
    name: 'POST /articles/:ref/unpublish (own)',
    least: 'author',
    request: async (fx, actor) => ({
      method: 'POST',
      url: `/articles/${(await fx.article({ owner: actor, status: 'published' })).id}/unpublish`,
    }),
  },
  {
    name: 'DELETE /articles/:ref (own draft)',
    least: 'contributor',
    request: async (fx, actor) => ({
      method: 'DELETE',
      url: `/articles/${(await fx.article({ owner: actor })).id}`,
    }),
  },
  {
    name: 'DELETE /articles/:ref (own published article)',
    least: 'author',
    request: async (fx, actor) => ({
      method: 'DELETE',
      url: `/articles/${(await fx.article({ owner: actor, status: 'published' })).id}`,
    }),
  },
  {
    name: "DELETE /articles/:ref (someone else's)",
    least: 'editor',
    request: async (fx) => ({
      method: 'DELETE',
      url: `/articles/${(await fx.article({ owner: fx.other })).id}`,
    }),
  },
  // The editor beside an article (revisions, presence, preview, notes): whoever may edit the article.
  {
    name: 'GET /articles/:ref/revisions (own draft)',
    least: 'contributor',
    readToken: 'refused',
    request: async (fx, actor) => ({
      method: 'GET',
      url: `/articles/${(await fx.article({ owner: actor })).id}/revisions`,
    }),
  },
  {
    name: "GET /articles/:ref/revisions (someone else's)",
    least: 'editor',
    readToken: 'refused',
    request: async (fx) => ({
      method: 'GET',
      url: `/articles/${(await fx.article({ owner: fx.other })).id}/revisions`,
    }),
  },
  {
    name: 'GET /articles/:ref/revisions/:id (own draft)',
    least: 'contributor',
    readToken: 'refused',
    request: async (fx, actor) => {
      const revision = await fx.revision({ owner: actor });
      return { method: 'GET', url: `/articles/${revision.articleId}/revisions/${revision.id}` };
    },
  },
  {
    name: 'POST /articles/:ref/revisions/:id/restore (own draft)',
    least: 'contributor',
    request: async (fx, actor) => {
      const revision = await fx.revision({ owner: actor });
      return { method: 'POST', url: `/articles/${revision.articleId}/revisions/${revision.id}/restore` };
    },
  },
  {
    name: "POST /articles/:ref/revisions/:id/restore (someone else's)",
    least: 'editor',
    request: async (fx) => {
      const revision = await fx.revision({ owner: fx.other });
      return { method: 'POST', url: `/articles/${revision.articleId}/revisions/${revision.id}/restore` };
    },
  },
  {
    name: 'PUT /articles/:ref/presence (own draft)',
    least: 'contributor',
    request: async (fx, actor) => ({
      method: 'PUT',
      url: `/articles/${(await fx.article({ owner: actor })).id}/presence`,
    }),
  },
  {
    name: "PUT /articles/:ref/presence (someone else's)",
    least: 'editor',
    request: async (fx) => ({
      method: 'PUT',
      url: `/articles/${(await fx.article({ owner: fx.other })).id}/presence`,
    }),
  },
  {
    name: 'DELETE /articles/:ref/presence (own draft)',
    least: 'contributor',
    request: async (fx, actor) => ({
      method: 'DELETE',
      url: `/articles/${(await fx.article({ owner: actor })).id}/presence`,
    }),
  },
  {
    name: 'POST /articles/:ref/preview (own draft)',
    least: 'contributor',
    request: async (fx, actor) => ({
      method: 'POST',
      url: `/articles/${(await fx.article({ owner: actor })).id}/preview`,
    }),
  },
  {
    name: "POST /articles/:ref/preview (someone else's)",
    least: 'editor',
    request: async (fx) => ({
      method: 'POST',
      url: `/articles/${(await fx.article({ owner: fx.other })).id}/preview`,
    }),
  },
  {
    name: 'GET /articles/:ref/notes (own draft)',
    least: 'contributor',
    readToken: 'refused',
    request: async (fx, actor) => ({
      method: 'GET',
      url: `/articles/${(await fx.article({ owner: actor })).id}/notes`,
    }),
  },
  {
    name: 'POST /articles/:ref/notes (own published article)',
    least: 'author',
    request: async (fx, actor) => ({
      method: 'POST',
      url: `/articles/${(await fx.article({ owner: actor, status: 'published' })).id}/notes`,
      payload: { notes: [{ kind: 'correction', text: 'A date was wrong.' }] },
    }),
  },
  {
    name: 'DELETE /articles/:ref/notes/:id (own published article)',
    least: 'author',
    request: async (fx, actor) => {
      const note = await fx.note({ owner: actor, status: 'published' });
      return { method: 'DELETE', url: `/articles/${note.articleId}/notes/${note.id}` };
    },
  },
  {
    name: "DELETE /articles/:ref/notes/:id (someone else's)",
    least: 'editor',
    request: async (fx) => {
      const note = await fx.note({ owner: fx.other, status: 'published' });
      return { method: 'DELETE', url: `/articles/${note.articleId}/notes/${note.id}` };
    },
  },
  // Pages: editors'.
  { name: 'GET /pages', least: 'contributor', request: get('/pages') },
  {
    name: 'POST /pages',
    least: 'editor',
    request: async () => ({
      method: 'POST',
      url: '/pages',
      payload: body('pages', { title: unique('Contact') }),
    }),
  },
  {
    name: 'PATCH /pages/:ref',
    least: 'editor',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/pages/${(await fx.page()).id}`,
      payload: body('pages', { standfirst: 'Who we are' }),
    }),
  },
  {
    name: 'POST /pages/:ref/publish',
    least: 'editor',
    request: async (fx) => ({ method: 'POST', url: `/pages/${(await fx.page()).id}/publish` }),
  },
  {
    name: 'DELETE /pages/:ref',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/pages/${(await fx.page()).id}` }),
  },
  // Taxonomy and people: read by all; authors create tags; editors the rest.
  { name: 'GET /categories', least: 'contributor', request: get('/categories') },
  {
    name: 'GET /categories/slug/:slug',
    least: 'contributor',
    request: async (fx) => ({ method: 'GET', url: `/categories/slug/${(await fx.category()).slug}` }),
  },
  {
    name: 'POST /categories',
    least: 'editor',
    request: async () => ({
      method: 'POST',
      url: '/categories',
      payload: body('categories', { name: unique('Sport') }),
    }),
  },
  {
    name: 'PATCH /categories/:ref',
    least: 'editor',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/categories/${(await fx.category()).id}`,
      payload: body('categories', { description: 'Games' }),
    }),
  },
  {
    name: 'DELETE /categories/:ref',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/categories/${(await fx.category()).id}` }),
  },
  { name: 'GET /tags', least: 'contributor', request: get('/tags') },
  {
    name: 'POST /tags',
    least: 'author',
    request: async () => ({
      method: 'POST',
      url: '/tags',
      payload: body('tags', { name: unique('Harbour') }),
    }),
  },
  {
    name: 'PATCH /tags/:ref',
    least: 'editor',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/tags/${(await fx.tag()).id}`,
      payload: body('tags', { description: 'Boats' }),
    }),
  },
  {
    name: 'DELETE /tags/:ref',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/tags/${(await fx.tag()).id}` }),
  },
  { name: 'GET /people', least: 'contributor', request: get('/people') },
  {
    name: 'POST /people',
    least: 'editor',
    request: async () => ({
      method: 'POST',
      url: '/people',
      payload: body('people', { name: unique('Ada') }),
    }),
  },
  {
    name: 'PATCH /people/:ref',
    least: 'editor',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/people/${(await fx.person()).id}`,
      payload: body('people', { bio: 'Reporter' }),
    }),
  },
  {
    name: 'DELETE /people/:ref',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/people/${(await fx.person()).id}` }),
  },
  // Settings: administrators.
  { name: 'GET /settings', least: 'contributor', request: get('/settings') },
  {
    name: 'PATCH /settings',
    least: 'administrator',
    request: async () => ({
      method: 'PATCH',
      url: '/settings',
      payload: { settings: { title: unique('Gazette') } },
    }),
  },
  {
    name: 'PATCH /comments/settings',
    least: 'administrator',
    request: async () => ({ method: 'PATCH', url: '/comments/settings', payload: { max_depth: 3 } }),
  },
  // Newsletters and subscribers: editors.
  { name: 'GET /newsletters', least: 'contributor', request: get('/newsletters') },
  {
    name: 'GET /newsletters/:ref/preview',
    least: 'contributor',
    request: async (fx) => ({ method: 'GET', url: `/newsletters/${(await fx.newsletter()).id}/preview` }),
  },
  {
    name: 'POST /newsletters',
    least: 'editor',
    request: async () => ({
      method: 'POST',
      url: '/newsletters',
      payload: body('newsletters', { name: unique('Evening') }),
    }),
  },
  {
    name: 'PATCH /newsletters/:ref',
    least: 'editor',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/newsletters/${(await fx.newsletter()).id}`,
      payload: body('newsletters', { description: 'Every evening' }),
    }),
  },
  {
    name: 'DELETE /newsletters/:ref',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/newsletters/${(await fx.newsletter()).id}` }),
  },
  {
    name: 'POST /newsletters/:ref/test',
    least: 'editor',
    request: async (fx) => ({
      method: 'POST',
      url: `/newsletters/${(await fx.newsletter()).id}/test`,
      payload: { email: 'desk@news.example' },
    }),
  },
  { name: 'GET /newsletter-sends', least: 'contributor', request: get('/newsletter-sends') },
  { name: 'GET /subscribers', least: 'editor', request: get('/subscribers') },
  {
    name: 'GET /subscribers/:id',
    least: 'editor',
    request: async (fx) => ({ method: 'GET', url: `/subscribers/${(await fx.subscriber()).id}` }),
  },
  { name: 'GET /subscribers/export', least: 'editor', request: get('/subscribers/export') },
  {
    name: 'POST /subscribers/import',
    least: 'editor',
    request: async () => ({
      method: 'POST',
      url: '/subscribers/import',
      payload: `email,name\n${unique('imported').replace(' ', '')}@example.org,Imported\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  {
    name: 'DELETE /subscribers/:id',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/subscribers/${(await fx.subscriber()).id}` }),
  },
  { name: 'GET /suppressions', least: 'editor', request: get('/suppressions') },
  {
    name: 'POST /suppressions',
    least: 'editor',
    request: async () => ({
      method: 'POST',
      url: '/suppressions',
      payload: { email: `${unique('gone').replace(' ', '')}@example.org`, reason: 'bounced' },
    }),
  },
  {
    name: 'DELETE /suppressions/:email',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/suppressions/${await fx.suppression()}` }),
  },
  // Comments: editors moderate.
  { name: 'GET /comments', least: 'editor', request: get('/comments') },
  {
    name: 'GET /comments/:id',
    least: 'editor',
    request: async (fx) => ({ method: 'GET', url: `/comments/${await fx.comment()}` }),
  },
  {
    name: 'PATCH /comments/:id',
    least: 'editor',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/comments/${await fx.comment()}`,
      payload: { status: 'approved' },
    }),
  },
  {
    name: 'POST /comments/bulk',
    least: 'editor',
    request: async (fx) => ({
      method: 'POST',
      url: '/comments/bulk',
      payload: { ids: [await fx.comment()], action: 'spam' },
    }),
  },
  {
    name: 'POST /comments/:id/replies',
    least: 'editor',
    request: async (fx) => ({
      method: 'POST',
      url: `/comments/${await fx.comment()}/replies`,
      payload: { body: 'Thank you for writing.' },
    }),
  },
  {
    name: 'DELETE /comments/:id',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/comments/${await fx.comment()}` }),
  },
  { name: 'GET /comments/settings', least: 'contributor', request: get('/comments/settings') },
  { name: 'GET /comments/bans', least: 'editor', request: get('/comments/bans') },
  {
    name: 'POST /comments/bans',
    least: 'editor',
    request: async () => ({
      method: 'POST',
      url: '/comments/bans',
      payload: { email: `${unique('spammer').replace(' ', '')}@example.org` },
    }),
  },
  {
    name: 'DELETE /comments/bans/:id',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/comments/bans/${await fx.ban()}` }),
  },
  // The media library: anyone uploads; editors change and delete.
  { name: 'GET /media', least: 'contributor', request: get('/media') },
  {
    name: 'POST /media',
    least: 'contributor',
    request: async (fx) => {
      const { payload, contentType } = await fx.upload();
      return { method: 'POST', url: '/media', payload, headers: { 'content-type': contentType } };
    },
  },
  {
    name: 'PATCH /media/:id',
    least: 'editor',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/media/${(await fx.media()).id}`,
      payload: body('media', { alt: 'A blue square' }),
    }),
  },
  {
    name: 'DELETE /media/:id',
    least: 'editor',
    request: async (fx) => ({ method: 'DELETE', url: `/media/${(await fx.media()).id}` }),
  },
  // Staff accounts: administrators only, and no read-only token.
  { name: 'GET /staff', least: 'administrator', readToken: 'refused', request: get('/staff') },
  {
    name: 'GET /staff/:id',
    least: 'administrator',
    readToken: 'refused',
    request: async (fx) => ({ method: 'GET', url: `/staff/${(await fx.staffMember()).id}` }),
  },
  {
    name: 'POST /staff',
    least: 'administrator',
    request: async () => ({
      method: 'POST',
      url: '/staff',
      payload: body('staff', {
        email: `${unique('new').replace(' ', '')}@news.example`,
        name: 'New Hire',
        role: 'contributor',
        password: 'a long enough passphrase for tests',
      }),
    }),
  },
  {
    name: 'PATCH /staff/:id',
    least: 'administrator',
    request: async (fx) => ({
      method: 'PATCH',
      url: `/staff/${(await fx.staffMember()).id}`,
      payload: body('staff', { role: 'editor' }),
    }),
  },
  {
    name: 'DELETE /staff/:id',
    least: 'administrator',
    request: async (fx) => ({ method: 'DELETE', url: `/staff/${(await fx.staffMember()).id}` }),
  },
  {
    name: 'POST /invitations',
    least: 'administrator',
    request: async () => ({
      method: 'POST',
      url: '/invitations',
      payload: body('invitations', {
        email: `${unique('invitee').replace(' ', '')}@news.example`,
        role: 'author',
      }),
    }),
  },
  // API tokens and mail: administrators only, and no read-only token.
  { name: 'GET /tokens', least: 'administrator', readToken: 'refused', request: get('/tokens') },
  {
    name: 'POST /tokens',
    least: 'administrator',
    request: async () => ({
      method: 'POST',
      url: '/tokens',
      payload: body('tokens', { name: unique('Feed') }),
    }),
  },
  {
    name: 'DELETE /tokens/:id',
    least: 'administrator',
    request: async (fx) => ({ method: 'DELETE', url: `/tokens/${(await fx.token()).id}` }),
  },
  { name: 'GET /mail', least: 'administrator', readToken: 'refused', request: get('/mail') },
  {
    name: 'POST /mail/test',
    least: 'administrator',
    request: async () => ({
      method: 'POST',
      url: '/mail/test',
      payload: { to: `${unique('desk').replace(' ', '')}@news.example` },
    }),
  },
  { name: 'GET /mail/outbox', least: 'administrator', readToken: 'refused', request: get('/mail/outbox') },
  // The audit log: administrators only, and no read-only token.
  { name: 'GET /audit', least: 'administrator', readToken: 'refused', request: get('/audit') },
  { name: 'GET /dashboard', least: 'contributor', request: get('/dashboard') },
];

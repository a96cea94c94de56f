import Database from 'better-sqlite3';
const db = new Database('/tmp/seo-x/copy.db');
let s = performance.now();
db.exec("create index articles_sitemap_idx on articles (kind, status, published_at, id, updated_at, created_at, slug, primary_category_id)");
console.log('create index', Math.round(performance.now()-s));
const time = (name, sql, ...p) => { for (let i=0;i<3;i++){ const s=performance.now(); const r=db.prepare(sql).all(...p); console.log(name, Math.round(performance.now()-s),'ms', r.length); } console.log(db.prepare('explain query plan '+sql).all(...p).map(r=>r.detail).join(' | ')); };
time('summary', `select chunk, count(*) n, max(updated_at) from (select updated_at, (row_number() over (order by published_at asc, id asc) - 1) / 50000 as chunk from articles where kind='article' and status='published') group by chunk order by chunk`);
time('entries', "select id, kind, slug, published_at, created_at, updated_at, primary_category_id from articles where kind='article' and status='published' order by published_at, id limit 50000 offset 50000");
time('news', "select id, kind, slug, title, language, published_at, created_at, updated_at, primary_category_id from articles where kind='article' and status='published' and published_at >= ? order by published_at desc, id desc limit 1000", new Date(Date.now()-2*864e5).toISOString());

import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { staffRoles } from './auth/actor.ts';
import { type TokenScope, tokenScopes } from './auth/api-token.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { isContentEmpty, loadDemoContent } from './demo/demo-loader.ts';
import { ensureDemoAdministrator } from './demo/demo-staff.ts';
import { createProgressBar } from './lib/cli-progress.ts';
import { systemClock } from './lib/clock.ts';
import { AppError, BadRequestError } from './lib/errors.ts';
import { parseInput } from './lib/validation.ts';
import { createMasthead, type Masthead } from './masthead.ts';
import { readPassword } from './staff/password-prompt.ts';
import { staffCreateSchema } from './staff/staff-user.ts';
import { sendStatusTable } from './subscribe/send-status.ts';

/** Opens Masthead for one command and always closes it, so the process can exit. */
async function withMasthead<T>(
  work: (masthead: Masthead, config: Config) => Promise<T>,
  logLevel = 'warn',
): Promise<T> {
  const config = loadConfig();
  const masthead = await createMasthead({
    config: {
      ...config,
      logLevel: config.logLevel === 'info' ? (logLevel as Config['logLevel']) : config.logLevel,
    },
  });
  try {
    return await work(masthead, config);
  } finally {
    await masthead.close();
  }
}

const scopeOption = (value: string): TokenScope => {
  if (!(tokenScopes as string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${tokenScopes.join(', ')}`);
  return value as TokenScope;
};

const program = new Command('masthead')
  .description('Masthead: a news publishing platform. Configuration comes from the environment (see README).')
  .showHelpAfterError();

program
  .command('serve')
  .description('apply migrations, then serve the site and APIs (and run the job worker unless --no-worker)')
  .option('--demo', 'load the demo news site first when the database is empty')
  .option('--no-worker', 'do not run jobs in this process (PostgreSQL only; run `masthead worker` instead)')
  .action(async (options: { demo?: boolean; worker: boolean }) => {
    const config = loadConfig();
    const masthead = await createMasthead({ config });
    if (options.demo && (await isContentEmpty(masthead.services))) {
      const summary = await loadDemoContent({
        services: masthead.services,
        mediaDir: config.mediaDir,
        clock: systemClock,
      });
      masthead.logger.info(summary, 'loaded the demo site');
    }
    const demoLogin = options.demo ? await ensureDemoAdministrator(masthead.staff) : null;
    if (options.worker || masthead.database.dialect === 'sqlite') await masthead.startWorker();
    const stop = async (signal: string) => {
      masthead.logger.info({ signal }, 'shutting down');
      await masthead.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    await masthead.app.listen({ host: config.host, port: config.port });
    masthead.logger.info(
      `Masthead is serving ${config.siteUrl} (listening on ${config.host}:${config.port})`,
    );
    if (demoLogin) {
      // Printed once, on the first start: the password is stored only as an argon2id hash.
      console.log(
        `Newsroom: ${new URL('/admin/', config.siteUrl)} — sign in as ${demoLogin.email} with the password ${demoLogin.password}`,
      );
    }
  });

program
  .command('worker')
  .description('run background jobs (scheduled publishing, mail) without serving HTTP; PostgreSQL only')
  .action(async () => {
    const config = loadConfig();
    if (config.databaseUrl.startsWith('sqlite:')) {
      throw new ConfigError(
        'DATABASE_URL',
        'masthead worker needs PostgreSQL: on SQLite, `masthead serve` runs the jobs itself.',
      );
    }
    const masthead = await createMasthead({ config });
    await masthead.startWorker();
    masthead.logger.info('Masthead worker is running');
    // The job queue's timers do not hold the process open on their own: this does, until a signal.
    const keepAlive = setInterval(() => {}, 3_600_000);
    const stop = async () => {
      clearInterval(keepAlive);
      await masthead.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

program
  .command('migrate')
  .description('bring the database schema up to date (serve does this too)')
  .action(async () => {
    await withMasthead(async (masthead) => {
      console.log(`Database schema is up to date (${masthead.database.dialect}).`);
    });
  });

program
  .command('demo')
  .description('fill an empty database with the demo news site, The Aldwyn Courier')
  .action(async () => {
    await withMasthead(async (masthead, config) => {
      const summary = await loadDemoContent({
        services: masthead.services,
        mediaDir: config.mediaDir,
        clock: systemClock,
      });
      console.log(
        `Loaded the demo site: ${summary.articles} articles, ${summary.pages} pages, ${summary.categories} categories, ${summary.authors} authors, ${summary.tags} tags.`,
      );
    });
  });

const token = program.command('token').description('manage Admin API tokens');

token
  .command('create')
  .description('create an Admin API token; it is printed once, on the last line')
  .requiredOption('--name <name>', 'what the token is for, e.g. "newsroom app"')
  .option('--scope <scope>', `what it may do: ${tokenScopes.join(' or ')}`, scopeOption, 'admin')
  .action(async (options: { name: string; scope: TokenScope }) => {
    await withMasthead(async (masthead) => {
      const { token: created, secret } = await masthead.services.tokens.create({
        name: options.name,
        scope: options.scope,
      });
      console.log(`Created ${created.scope} token "${created.name}" (id ${created.id}).`);
      console.log('Store it now: it is shown only once. Send it as "Authorization: Bearer <token>".');
      console.log(secret);
    });
  });

token
  .command('list')
  .description('list tokens (never their secrets)')
  .action(async () => {
    await withMasthead(async (masthead) => {
      const tokens = await masthead.services.tokens.list();
      if (tokens.length === 0)
        console.log('No tokens yet: create one with `masthead token create --name NAME`.');
      for (const t of tokens) {
        const state = t.revokedAt
          ? `revoked ${t.revokedAt.toISOString()}`
          : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`;
        console.log(`${t.id}  ${t.scope.padEnd(5)}  ${t.name}  (${state})`);
      }
    });
  });

token
  .command('revoke')
  .description('revoke a token by id; requests with it are refused from then on')
  .argument('<id>', 'the token id shown by `masthead token list`')
  .action(async (id: string) => {
    await withMasthead(async (masthead) => {
      await masthead.services.tokens.revoke(id);
      console.log(`Revoked token ${id}.`);
    });
  });

const user = program.command('user').description('manage staff accounts (who signs in at /admin/)');

user
  .command('add')
  .description(
    'add a staff account that can sign in at once; the password is asked for with no echo, or read from stdin with --password-stdin',
  )
  .option('--email <email>', 'the address they sign in with')
  .option('--name <name>', 'their name')
  .option('--role <role>', `what they may do: ${staffRoles.join(', ')}`)
  .option(
    '--password-stdin',
    'read the password from stdin (everything piped in, one final line break dropped)',
  )
  .action(async (options: { email?: string; name?: string; role?: string; passwordStdin?: boolean }) => {
    const fields = { email: options.email, name: options.name, role: options.role };
    // Named fields are checked before the password is asked for, so a typo costs no typing.
    parseInput(staffCreateSchema.omit({ password: true }), fields);
    const password = await readPassword({ isFromStdin: options.passwordStdin === true });
    await withMasthead(async (masthead) => {
      const added = await masthead.staff.create({ ...fields, password });
      console.log(`Added ${added.email} (${added.role}).`);
    });
  });

user
  .command('list')
  .description('list staff accounts: email, role, name and state')
  .action(async () => {
    await withMasthead(async (masthead) => {
      const staff = await masthead.staff.list();
      if (staff.length === 0) console.log('No staff yet: add one with `masthead user add`.');
      for (const s of staff) {
        const state = s.disabledAt
          ? `disabled ${s.disabledAt.toISOString()}`
          : s.isPending
            ? 'invited, not yet accepted'
            : `active${s.isTotpEnabled ? ', two-factor' : ''}`;
        console.log(`${s.email}  ${s.role.padEnd(13)}  ${s.name || '-'}  (${state})`);
      }
    });
  });

const subscribers = program.command('subscribers').description('import and export newsletter subscribers');
const slugList = (value: string, previous: string[]): string[] => [...previous, ...value.split(',')];

subscribers
  .command('import')
  .description(
    'import subscribers from a CSV file with a header row: email, and optionally name, newsletters (slugs separated by ";"), created_at; every good line is imported, or none',
  )
  .argument('<file>', 'the CSV file (UTF-8)')
  .option('--newsletter <slug>', 'newsletter for lines that name none (repeatable)', slugList, [])
  .action(async (file: string, options: { newsletter: string[] }) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
    } catch (error) {
      if (error instanceof TypeError) throw new BadRequestError('INVALID_UTF8', `${file} is not UTF-8 text.`);
      throw error;
    }
    await withMasthead(async (masthead) => {
      const { csv, newsletters } = masthead.subscribe;
      const parsed = csv.parse(text, {
        newsletters: await newsletters.listAll(),
        defaultNewsletterSlugs: options.newsletter,
      });
      const progress = createProgressBar({ label: 'Importing' });
      const result = await csv.import(parsed.good, { onProgress: progress.update });
      progress.finish();
      const count = result.imported + result.updated;
      console.log(`Imported ${count} subscriber${count === 1 ? '' : 's'} (${result.updated} updated).`);
      if (parsed.rejected.length > 0) {
        console.log(`Rejected ${parsed.rejected.length} line${parsed.rejected.length === 1 ? '' : 's'}:`);
        for (const r of parsed.rejected) console.log(`  line ${r.line} (${r.field}): ${r.message}`);
      }
    });
  });

subscribers
  .command('export')
  .description(
    'write every subscriber as CSV to stdout (email, name, newsletters, created_at, confirmed_at, suppressed)',
  )
  .action(async () => {
    await withMasthead(async (masthead) => {
      for await (const chunk of masthead.subscribe.csv.chunks())
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    });
  });

program
  .command('newsletter')
  .description('newsletter sends')
  .command('status')
  .description('show the latest sends and how many messages are queued, sent and failed')
  .option('--newsletter <slug>', 'only the sends of this newsletter')
  .action(async (options: { newsletter?: string }) => {
    await withMasthead(async (masthead) => {
      const sends = await masthead.subscribe.sendStatus.list({ newsletter: options.newsletter, limit: 20 });
      console.log(sends.length === 0 ? 'No newsletter has been sent yet.' : sendStatusTable(sends));
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof AppError) {
    console.error(error.message);
  } else {
    console.error(`masthead: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}

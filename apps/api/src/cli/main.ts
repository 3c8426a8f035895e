/**
 * `pnpm clave <command>`: operator commands against the database in DATABASE_URL.
 * Passwords are read from standard input (never from arguments, which land in shell history).
 */
import { parseArgs } from 'node:util';
import { type Locale, ROLES, TOKEN_SCOPES, translate } from '@clave/domain';
import { loadConfig } from '../config.js';
import { initORM, migrate, whileAlone } from '../db/orm.js';
import { seedDemo } from '../db/seed/demo.js';
import { AppError, localizeIssue, ValidationError } from '../errors.js';
import { createApiToken } from '../modules/tokens/token.service.js';
import { User } from '../modules/users/user.entity.js';
import { createUser, setPassword } from '../modules/users/user.service.js';
import { backupCommand, restoreCommand } from './backup.js';
import { type DecimalSeparator, formatProblems, importKpiCsv } from './kpi-import.js';
import { importRevenueCsv } from './revenue-import.js';

const USAGE = `Usage: pnpm clave <command>

  migrate                          apply pending database migrations
  seed --demo                      load the demo data into an empty database
  user create --email E --name N --role ${ROLES.join('|')} [--team T]
                                   create a user; the password is read from stdin.
                                   A KAM joins team T; a MANAGER leads team T (created if new).
  user set-password --email E      set a new password (read from stdin); ends the user's sessions
  token create --user E --scopes S1,S2 --expires YYYY-MM-DD [--name N]
                                   create an API token for user E and print it once.
                                   Scopes: ${TOKEN_SCOPES.join(', ')}
  kpi import FILE.csv --user E [--locale es|en] [--decimal comma|dot]
                                   record KPI values from a CSV file as user E, all rows or none.
                                   Columns: kpi (global id, or name with account), account,
                                   period (YYYY-MM-DD), value. Separator , ; or tab; decimals with
                                   a comma in ;-separated files unless --decimal says otherwise.
  revenue import FILE.csv --user E [--locale es|en] [--decimal comma|dot]
                                   record actual revenue per account and month from a CSV file as
                                   user E, all rows or none (each year with months becomes their
                                   sum). Columns: account (name or global id), month (YYYY-MM),
                                   amount. Read like kpi import; thousands separators allowed.
  backup FILE [--force]            write a consistent copy of the database to FILE, also while the
                                   server runs (SQLite: online backup; PostgreSQL: pg_dump -Fc).
                                   --force replaces an existing FILE.
  restore FILE [--force]           replace the database's contents with the backup in FILE. Stop the
                                   server first; --force is needed when the database has data.

Environment: DATABASE_URL (default file:./data/clave.sqlite, or postgres://…)`;

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (input is not hidden; pipe it in to avoid echo): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && chunk.includes(10)) break;
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function describe(error: unknown): string {
  if (error instanceof ValidationError) {
    return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${localizeIssue(i, 'en')}`).join('\n');
  }
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** --locale, else the language of LANG / LC_ALL / LC_MESSAGES (es_ES.UTF-8 → es), else English. */
function cliLocale(option: string | undefined, env: CliIo['env']): Locale {
  if (option === 'es' || option === 'en') return option;
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return lang.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function parseCli(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      user: { type: 'string' },
      scopes: { type: 'string' },
      expires: { type: 'string' },
      locale: { type: 'string' },
      decimal: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      force: { type: 'boolean' },
    },
  });
}

/** The command's contact with the outside world; tests pass their own. */
export interface CliIo {
  readonly env: Record<string, string | undefined>;
  readPassword(): Promise<string>;
  out(message: string): void;
  err(message: string): void;
}

const processIo: CliIo = {
  env: process.env,
  readPassword,
  out: (message) => console.log(message),
  err: (message) => console.error(message),
};

export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 1;
  }
  const { positionals, values } = parsed;
  // `kpi import FILE`, `revenue import FILE`: the file is an argument, not part of the command's name.
  const command =
    positionals[0] === 'kpi' || positionals[0] === 'revenue'
      ? positionals.slice(0, 2).join(' ')
      : positionals.join(' ');
  if (values.help || !command) {
    io.out(USAGE);
    return values.help ? 0 : 1;
  }
  if (positionals[0] === 'backup' || positionals[0] === 'restore') {
    const [name, file, ...extra] = positionals;
    if (!file || extra.length) {
      io.err(`${name} takes one file: pnpm clave ${name} FILE${name === 'restore' ? ' [--force]' : ''}`);
      return 1;
    }
    const operation = name === 'backup' ? backupCommand : restoreCommand;
    return operation(loadConfig(io.env), file, values.force === true, io);
  }
  const known = [
    'migrate',
    'seed',
    'user create',
    'user set-password',
    'token create',
    'kpi import',
    'revenue import',
  ];
  if (!known.includes(command)) {
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return 1;
  }
  const locale = cliLocale(values.locale, io.env);
  if (command === 'kpi import' || command === 'revenue import') {
    const problem = !positionals[2]
      ? `${command} needs the CSV file: pnpm clave ${command} FILE.csv --user EMAIL`
      : !values.user
        ? `${command} needs --user EMAIL: the user the values are recorded as.`
        : values.locale !== undefined && !['es', 'en'].includes(values.locale)
          ? '--locale must be es or en.'
          : values.decimal !== undefined && !['comma', 'dot'].includes(values.decimal)
            ? '--decimal must be comma or dot.'
            : positionals.length > 3
              ? `${command} takes one file; also got: ${positionals.slice(3).join(' ')}`
              : null;
    if (problem) {
      io.err(problem);
      return 1;
    }
  }
  if (command === 'seed' && !values.demo) {
    io.err('seed needs --demo (the only data set there is).');
    return 1;
  }

  const config = loadConfig(io.env);
  const orm = await initORM({ database: config.database });
  try {
    const applied = await whileAlone(orm, () => migrate(orm));
    if (command === 'migrate') {
      io.out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    } else if (command === 'seed') {
      const seeded = await whileAlone(orm, () => seedDemo(orm.em.fork()));
      io.out(seeded ? 'Demo data loaded.' : 'The database already has users; the demo was not loaded.');
      return seeded ? 0 : 1;
    } else if (command === 'user create') {
      const user = await createUser(orm.em.fork(), {
        email: values.email,
        name: values.name,
        role: values.role?.toUpperCase(),
        teamName: values.team,
        password: await io.readPassword(),
      });
      io.out(`Created ${user.role} ${user.email}.`);
    } else if (command === 'token create') {
      const user = await orm.em.fork().findOne(User, { email: (values.user ?? '').trim().toLowerCase() });
      if (!user) {
        io.err(`No user with email "${values.user ?? ''}".`);
        return 1;
      }
      const expires =
        values.expires && /^\d{4}-\d{2}-\d{2}$/.test(values.expires)
          ? `${values.expires}T23:59:59Z`
          : values.expires;
      const { token, secret } = await createApiToken(
        orm.em.fork(),
        user.id,
        {
          name: values.name ?? 'Command line',
          scopes: (values.scopes ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          expiresAt: expires,
        },
        null,
      );
      io.out(
        `Token "${token.name}" for ${user.email} (${token.scopes.join(', ')}), expires ${token.expiresAt.toISOString()}.`,
      );
      io.out('Copy it now; it cannot be shown again:');
      io.out(secret);
    } else if (command === 'kpi import') {
      const file = positionals[2] as string;
      const outcome = await importKpiCsv(orm, {
        file,
        userEmail: values.user ?? '',
        locale,
        decimal: values.decimal as DecimalSeparator | undefined,
      });
      if (!outcome.ok) {
        for (const line of formatProblems(outcome.problems, locale)) io.err(line);
        io.err(translate('csvNothingStored', locale, { count: outcome.problems.length }));
        return 1;
      }
      io.out(translate('csvImported', locale, { file, ...outcome.result }));
    } else if (command === 'revenue import') {
      const file = positionals[2] as string;
      const outcome = await importRevenueCsv(orm, {
        file,
        userEmail: values.user ?? '',
        locale,
        decimal: values.decimal as DecimalSeparator | undefined,
      });
      if (!outcome.ok) {
        for (const line of formatProblems(outcome.problems, locale)) io.err(line);
        io.err(translate('csvNothingStored', locale, { count: outcome.problems.length }));
        return 1;
      }
      io.out(
        translate('csvRevenueImported', locale, { file, months: outcome.months, accounts: outcome.accounts }),
      );
    } else {
      await setPassword(orm.em.fork(), { email: values.email, password: await io.readPassword() });
      io.out(`Password changed for ${values.email}; their sessions were ended.`);
    }
    return 0;
  } catch (error) {
    io.err(describe(error));
    return 1;
  } finally {
    await orm.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.js')) {
  process.exitCode = await run(process.argv.slice(2));
}

/**
 * `pnpm clave <command>`: operator commands against the database in DATABASE_URL.
 * Passwords are read from standard input (never from arguments, which land in shell history).
 */
import { parseArgs } from 'node:util';
import { ROLES, TOKEN_SCOPES } from '@clave/domain';
import { loadConfig } from '../config.js';
import { initORM, migrate } from '../db/orm.js';
import { seedDemo } from '../db/seed/demo.js';
import { AppError, localizeIssue, ValidationError } from '../errors.js';
import { createApiToken } from '../modules/tokens/token.service.js';
import { User } from '../modules/users/user.entity.js';
import { createUser, setPassword } from '../modules/users/user.service.js';

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
      help: { type: 'boolean', short: 'h' },
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
  const command = positionals.join(' ');
  if (values.help || !command) {
    io.out(USAGE);
    return values.help ? 0 : 1;
  }
  const known = ['migrate', 'seed', 'user create', 'user set-password', 'token create'];
  if (!known.includes(command)) {
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return 1;
  }
  if (command === 'seed' && !values.demo) {
    io.err('seed needs --demo (the only data set there is).');
    return 1;
  }

  const config = loadConfig(io.env);
  const orm = await initORM({ database: config.database });
  try {
    const applied = await migrate(orm);
    if (command === 'migrate') {
      io.out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    } else if (command === 'seed') {
      const seeded = await seedDemo(orm.em.fork());
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

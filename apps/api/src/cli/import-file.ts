/**
 * What every command-line CSV import does before its own rows: find the importing user (its
 * rights are the user's, as through the API), read and decode the file and its header, and pick
 * how decimals are written. Shared by `kpi import` and `revenue import`.
 */
import { readFile } from 'node:fs/promises';
import { type Locale, translate } from '@clave/domain';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { viewerFor } from '../modules/auth/auth.service.js';
import type { Viewer } from '../modules/auth/viewer.js';
import { User } from '../modules/users/user.entity.js';
import {
  type CsvColumns,
  type CsvRow,
  type DecimalSeparator,
  decode,
  type ImportProblem,
  readCsv,
} from './csv.js';

export interface ImportFileInput {
  readonly file: string;
  readonly userEmail: string;
  readonly locale: Locale;
  /** How decimals are written; by default a comma in `;`-separated files, a dot otherwise. */
  readonly decimal?: DecimalSeparator;
}

export type OpenedImport<Column extends string> =
  | {
      readonly ok: true;
      readonly em: EntityManager;
      readonly viewer: Viewer;
      readonly header: Partial<Record<Column, string>>;
      readonly rows: CsvRow<Column>[];
      readonly decimal: DecimalSeparator;
    }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

export async function openImportFile<Column extends string>(
  orm: MikroORM,
  input: ImportFileInput,
  columns: CsvColumns<Column>,
): Promise<OpenedImport<Column>> {
  const { locale } = input;
  const problem = (message: string): OpenedImport<Column> => ({
    ok: false,
    problems: [{ line: null, column: null, message }],
  });
  const em = orm.em.fork();
  const user = await em.findOne(
    User,
    { email: input.userEmail.trim().toLowerCase() },
    { populate: ['team'] },
  );
  if (!user?.active) return problem(translate('cliUserUnknown', locale, { email: input.userEmail }));
  const viewer = await viewerFor(em, user, { kind: 'session', sessionId: 'command-line' });

  let bytes: Buffer;
  try {
    bytes = await readFile(input.file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return problem(translate('csvUnreadable', locale, { file: input.file, reason }));
  }
  const read = readCsv(decode(bytes), locale, columns);
  if ('problems' in read) return { ok: false, problems: read.problems };
  const { header, rows, delimiter } = read;
  const decimal = input.decimal ?? (delimiter === ';' ? 'comma' : 'dot');
  return { ok: true, em, viewer, header, rows, decimal };
}

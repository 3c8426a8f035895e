// Every mutation of the API is reachable from a screen: this test reads the Mutation type of
// apps/api/schema.graphql and the GraphQL documents of the app (graphql(`…`) in src/**/*.ts and
// *.svelte, tests left out) and fails on any mutation no document calls — a new mutation needs its
// screen, or an entry in NOT_YET_ON_A_SCREEN saying why it has none yet.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Mutations knowingly without a screen, each with the reason. Empty: every mutation has one. An
 * entry that is used after all, or no longer in the schema, fails the test too.
 */
const NOT_YET_ON_A_SCREEN: Readonly<Record<string, string>> = {};

const webSrc = fileURLToPath(new URL('../..', import.meta.url));
const schemaFile = fileURLToPath(new URL('../../../../api/schema.graphql', import.meta.url));

/** GraphQL text without descriptions, strings and comments, which may hold any word or brace. */
function stripNoise(text: string): string {
  return text
    .replace(/"""[\s\S]*?"""/g, ' ')
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/#[^\n]*/g, ' ');
}

/** The text between the brace at `open` and its match. */
function block(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('Unbalanced braces');
}

/**
 * The field names directly in a selection set or type body: identifiers at its own level (not in
 * arguments, nested selections or directives), an alias (`alias: field`) giving way to its field.
 */
function topLevelFields(body: string, kind: 'type' | 'selection'): string[] {
  const fields: string[] = [];
  let braces = 0;
  let parens = 0;
  const token = /[A-Za-z_]\w*|\.\.\.|[{}()@:]/g;
  let previous = '';
  for (const match of body.matchAll(token)) {
    const t = match[0];
    if (t === '{') braces++;
    else if (t === '}') braces--;
    else if (t === '(') parens++;
    else if (t === ')') parens--;
    else if (braces === 0 && parens === 0 && /^[A-Za-z_]/.test(t) && previous !== '@' && previous !== '...') {
      const next = body.slice((match.index ?? 0) + t.length).trimStart()[0];
      if (kind === 'type') {
        if (next === '(' || next === ':') fields.push(t);
      } else if (next !== ':' && previous !== 'on') {
        fields.push(t);
      }
    }
    previous = t;
  }
  return fields.filter((field) => field !== 'on');
}

/** The Mutation fields of the schema. */
function schemaMutations(schema: string): string[] {
  const text = stripNoise(schema);
  const start = /\btype Mutation\b[^{]*\{/.exec(text);
  if (!start) throw new Error('No Mutation type in the schema');
  return topLevelFields(block(text, start.index + start[0].length - 1), 'type');
}

/** The mutation fields called by the `mutation` operations of a GraphQL document. */
function documentMutations(document: string): string[] {
  const text = stripNoise(document);
  const fields: string[] = [];
  for (const operation of text.matchAll(/\bmutation\b[^{]*\{/g)) {
    fields.push(
      ...topLevelFields(block(text, (operation.index ?? 0) + operation[0].length - 1), 'selection'),
    );
  }
  return fields;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : sourceFiles(path);
    const isSource = /\.(ts|svelte)$/.test(entry.name) && !/\.(test|spec)\.ts$/.test(entry.name);
    return isSource && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every mutation the app's documents call, with the files that call it. */
function appMutations(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sourceFiles(webSrc)) {
    const source = readFileSync(file, 'utf8');
    for (const doc of source.matchAll(/graphql\(\s*`([\s\S]*?)`/g)) {
      for (const field of documentMutations(doc[1] ?? '')) {
        used.set(field, [...(used.get(field) ?? []), relative(webSrc, file)]);
      }
    }
  }
  return used;
}

describe('the extractors', () => {
  it('read the fields of the Mutation type, not their arguments or descriptions', () => {
    const schema = `
      type Query { me: User }
      type Mutation {
        """Signs in. Not a { brace } nor field: here."""
        login(email: String!, "the password" password: String!): LoginResult!
        logout: Boolean!
        recordX(input: RecordXInput! = { a: 1 }): R @deprecated(reason: "use y: not this")
      }
      type User { id: ID! }`;
    expect(schemaMutations(schema)).toEqual(['login', 'logout', 'recordX']);
  });

  it('read the mutations an operation calls, aliases and nested selections aside', () => {
    const doc = `
      # mutation Commented { nope }
      mutation Save($id: ID!, $input: In!) {
        renamed: updateThing(id: $id, input: $input) { __typename ... on Ok { data { id } } }
        logout
      }`;
    expect(documentMutations(doc)).toEqual(['updateThing', 'logout']);
    expect(documentMutations('query Q { updateThing { id } }')).toEqual([]);
  });
});

describe('every mutation is reachable from a screen', () => {
  const mutations = schemaMutations(readFileSync(schemaFile, 'utf8'));
  const used = appMutations();

  it('finds the schema and the documents', () => {
    expect(mutations).toContain('login');
    expect(used.get('login')?.length).toBeGreaterThan(0);
  });

  it('has a document calling each mutation of apps/api/schema.graphql', () => {
    const unused = mutations.filter((name) => !used.has(name) && !(name in NOT_YET_ON_A_SCREEN));
    expect(unused, 'mutations no screen of the app calls').toEqual([]);
  });

  it('keeps the allow-list honest', () => {
    const stale = Object.keys(NOT_YET_ON_A_SCREEN).filter(
      (name) => used.has(name) || !mutations.includes(name),
    );
    expect(stale, 'allow-listed mutations that are used or gone').toEqual([]);
  });

  it('calls no mutation the schema lacks', () => {
    expect([...used.keys()].filter((name) => !mutations.includes(name))).toEqual([]);
  });
});

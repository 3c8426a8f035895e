import { readFileSync } from 'node:fs';
import {
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  printSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from './print-schema.js';
import { schema } from './schema.js';

describe('the published schema', () => {
  it('apps/api/schema.graphql matches the code (run `pnpm --filter @clave/api schema:print`)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(`${printSchema(schema)}\n`);
  });

  it('documents every type, field, argument and enum value for third parties', () => {
    const missing: string[] = [];
    const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
    for (const type of types as GraphQLNamedType[]) {
      if (['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});

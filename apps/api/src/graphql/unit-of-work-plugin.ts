import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { Context } from './context.js';

/**
 * After a mutation field fails, forget every entity the request has loaded. Without this, an
 * entity changed by a mutation that was then refused (and rolled back) would still be changed in
 * the request's unit of work, and the next mutation of the same request would flush it — a
 * refused change saved without its audit row. Registered after the errors plugin, so it sees the
 * error before it becomes a typed result.
 */
export class UnitOfWorkPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  static readonly pluginName = 'unitOfWork' as const;

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.parentType !== 'Mutation') return resolver;
    return async (parent, args, context, info) => {
      try {
        return await resolver(parent, args, context, info);
      } catch (error) {
        (context as unknown as Context).em.clear();
        throw error;
      }
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      unitOfWork: UnitOfWorkPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(UnitOfWorkPlugin.pluginName, UnitOfWorkPlugin);

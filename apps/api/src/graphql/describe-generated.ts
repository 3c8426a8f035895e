import { type GraphQLSchema, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';

/**
 * Descriptions for the types and fields that plugins generate (Relay's Node and PageInfo, connection
 * and edge types, the success and result types of mutations), so that the published schema
 * documents everything. Our own types are described where they are defined.
 */
const FIXED: Record<string, string> = {
  Node: 'An object with a global id, fetchable through `node(id:)`.',
  'Node.id': 'Global id: opaque, stable, and usable with `node(id:)`.',
  PageInfo: 'Where a page of a connection stands in the whole list.',
  'PageInfo.endCursor': 'Cursor of the last item of this page; pass it as `after` for the next page.',
  'PageInfo.startCursor': 'Cursor of the first item of this page.',
  'PageInfo.hasNextPage': 'Whether more items follow this page.',
  'PageInfo.hasPreviousPage': 'Whether items precede this page.',
  'Query.node(id)': 'Global id of the object.',
  'Query.nodes(ids)': 'Global ids of the objects (at most 100).',
};

const CONNECTION_ARGS: Record<string, string> = {
  first: 'Page size: 1 to 100 items (default 20).',
  after: 'Return the items after this cursor (a previous page’s `endCursor`).',
  last: 'Not supported: paginate forwards with `first` and `after`.',
  before: 'Not supported: paginate forwards with `first` and `after`.',
};

function generic(typeName: string, fieldName?: string): string | undefined {
  const action = typeName.replace(/(Success|Result|Connection|ConnectionEdge)$/, '');
  if (fieldName === undefined) {
    if (typeName.endsWith('Success')) return `The successful outcome of \`${lower(action)}\`.`;
    if (typeName.endsWith('Result'))
      return `What \`${lower(action)}\` returns: its success type or an expected failure.`;
    if (typeName.endsWith('ConnectionEdge')) return 'One item of a connection with its cursor.';
    if (typeName.endsWith('Connection')) return 'A page of items (Relay cursor connection).';
    return undefined;
  }
  if (typeName.endsWith('Success') && fieldName === 'data') return 'The object as it is after the change.';
  if (fieldName === 'edges') return 'The items of this page, in order.';
  if (fieldName === 'pageInfo') return 'Paging information for fetching the next page.';
  if (fieldName === 'cursor') return 'Opaque cursor of this item, for `after`.';
  if (fieldName === 'node') return 'The item.';
  if (fieldName === 'id') return 'Global id: opaque, stable, and usable with `node(id:)`.';
  return undefined;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function describeGenerated(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    type.description ??= FIXED[type.name] ?? generic(type.name);
    if (isUnionType(type)) continue;
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      field.description ??= FIXED[`${type.name}.${field.name}`] ?? generic(type.name, field.name);
      if (!('args' in field)) continue;
      for (const arg of field.args) {
        arg.description ??= FIXED[`${type.name}.${field.name}(${arg.name})`] ?? CONNECTION_ARGS[arg.name];
      }
    }
  }
  return schema;
}

// The stakeholder map as a tree: who reports to whom, decision makers first within each level.
import {
  STAKEHOLDER_INFLUENCES,
  STAKEHOLDER_ROLES,
  type StakeholderInfluence,
  type StakeholderRole,
} from '@clave/domain';

export interface MapPerson {
  id: string;
  name: string;
  decisionRole: StakeholderRole;
  influence: StakeholderInfluence | null;
  reportsTo: { id: string } | null;
}

export interface MapNode<T extends MapPerson> {
  person: T;
  depth: number;
  reports: MapNode<T>[];
}

const rank = <V extends string>(order: readonly V[], value: V | null): number =>
  value === null ? order.length : order.indexOf(value);

/** Decision makers first, then the other roles in their usual order; then by influence, then by name. */
export function compareInLevel(a: MapPerson, b: MapPerson, locale: string): number {
  return (
    rank(STAKEHOLDER_ROLES, a.decisionRole) - rank(STAKEHOLDER_ROLES, b.decisionRole) ||
    rank(STAKEHOLDER_INFLUENCES, a.influence) - rank(STAKEHOLDER_INFLUENCES, b.influence) ||
    a.name.localeCompare(b.name, locale) ||
    a.id.localeCompare(b.id)
  );
}

/**
 * The people as a forest: the roots are those who report to nobody on the map (nobody, or someone
 * archived or not listed). The API keeps the reporting lines free of circles; a circle in the data
 * handed in would still end here, its people shown as roots.
 */
export function buildMap<T extends MapPerson>(people: readonly T[], locale: string): MapNode<T>[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const childrenOf = new Map<string, T[]>();
  const roots: T[] = [];
  for (const person of people) {
    const manager = person.reportsTo ? byId.get(person.reportsTo.id) : undefined;
    if (manager && manager.id !== person.id) {
      const list = childrenOf.get(manager.id) ?? [];
      list.push(person);
      childrenOf.set(manager.id, list);
    } else roots.push(person);
  }
  const placed = new Set<string>();
  const grow = (person: T, depth: number): MapNode<T> => {
    placed.add(person.id);
    const reports = (childrenOf.get(person.id) ?? [])
      .filter((p) => !placed.has(p.id))
      .sort((a, b) => compareInLevel(a, b, locale))
      .map((p) => grow(p, depth + 1));
    return { person, depth, reports };
  };
  const forest = [...roots].sort((a, b) => compareInLevel(a, b, locale)).map((p) => grow(p, 0));
  // People caught in a circle (no root above them) still appear, as roots.
  for (const person of [...people].sort((a, b) => compareInLevel(a, b, locale))) {
    if (!placed.has(person.id)) forest.push(grow(person, 0));
  }
  return forest;
}

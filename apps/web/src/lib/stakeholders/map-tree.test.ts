import { describe, expect, it } from 'vitest';
import { buildMap, type MapNode, type MapPerson } from './map-tree';

const p = (
  id: string,
  decisionRole: MapPerson['decisionRole'],
  reportsTo: string | null,
  influence: MapPerson['influence'] = null,
): MapPerson => ({ id, name: id, decisionRole, influence, reportsTo: reportsTo ? { id: reportsTo } : null });

const shape = (nodes: MapNode<MapPerson>[]): unknown =>
  nodes.map((n) => (n.reports.length ? { [n.person.id]: shape(n.reports) } : n.person.id));

describe('buildMap', () => {
  it('nests people under whom they report to, decision makers first within each level', () => {
    const people = [
      p('Zoe', 'USER', 'Ana'),
      p('Ana', 'DECISION_MAKER', null),
      p('Bea', 'INFLUENCER', 'Ana', 'HIGH'),
      p('Carla', 'DECISION_MAKER', 'Ana'),
      p('Dani', 'INFLUENCER', 'Ana', 'LOW'),
      p('Eva', 'GATEKEEPER', 'Carla'),
    ];
    expect(shape(buildMap(people, 'es'))).toEqual([{ Ana: [{ Carla: ['Eva'] }, 'Bea', 'Dani', 'Zoe'] }]);
    expect(buildMap(people, 'es')[0]?.reports[0]?.reports[0]?.depth).toBe(2);
  });

  it('shows people whose manager is off the map (archived) as roots', () => {
    expect(shape(buildMap([p('Ana', 'USER', 'gone'), p('Bea', 'DECISION_MAKER', null)], 'es'))).toEqual([
      'Bea',
      'Ana',
    ]);
  });

  it('still shows everyone of a reporting circle', () => {
    const nodes = buildMap([p('Ana', 'USER', 'Bea'), p('Bea', 'USER', 'Ana')], 'es');
    expect(nodes.flatMap((n) => [n.person.id, ...n.reports.map((r) => r.person.id)]).sort()).toEqual([
      'Ana',
      'Bea',
    ]);
  });
});

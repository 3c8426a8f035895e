import { describe, expect, it } from 'vitest';
import { logFilterFromParams, logFilterSearch, logVariables } from './log';

describe('the audit log filter', () => {
  it('reads what it knows from the URL and drops the rest', () => {
    const filter = logFilterFromParams(
      new URLSearchParams('account=QWNj&kind=PlanAction&from=2026-01-01&to=31/01/2026&x=1&person='),
    );
    expect(filter).toEqual({ account: 'QWNj', kind: 'PlanAction', from: '2026-01-01' });
    expect(logFilterFromParams(new URLSearchParams('kind=Nope'))).toEqual({});
  });

  it('writes it back as a query string', () => {
    expect(logFilterSearch({ person: 'VXNl', to: '2026-02-28' })).toBe('?person=VXNl&to=2026-02-28');
    expect(logFilterSearch({})).toBe('');
  });

  it('sends whole local days as instants', () => {
    const v = logVariables({ from: '2026-03-01', to: '2026-03-01' });
    expect(new Date(v.from as string).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(v.to as string).getTime()).toBe(new Date(2026, 2, 2).getTime() - 1);
    expect(logVariables({})).toEqual({
      accountId: null,
      actorId: null,
      entityType: null,
      from: null,
      to: null,
    });
  });
});

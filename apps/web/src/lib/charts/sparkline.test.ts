import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline';

describe('sparklinePath', () => {
  it('draws nothing for fewer than two values', () => {
    expect(sparklinePath([], 80, 24)).toBe('');
    expect(sparklinePath([3, null], 80, 24)).toBe('');
  });

  it('spans the width and puts the highest value at the top', () => {
    const path = sparklinePath([1, 3], 100, 20, 0);
    expect(path).toBe('M0,20L100,0');
  });

  it('breaks the line at gaps', () => {
    expect(sparklinePath([1, null, 2, 3], 30, 10, 0).match(/M/g)).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { fieldLabel, formatValue } from './format';

describe('audit values in the viewer language', () => {
  it('writes numbers and dates the way the language does', () => {
    expect(formatValue('1234.5', 'target', 'KpiDefinition', 'es')).toBe('1234,5');
    expect(formatValue('1234.5', 'target', 'KpiDefinition', 'en')).toBe('1,234.5');
    expect(formatValue('"2026-03-09"', 'dueDate', 'PlanAction', 'en')).toMatch(/2026/);
  });

  it('names codes by their label and hides raw ids', () => {
    expect(formatValue('"IN_PROGRESS"', 'status', 'PlanAction', 'en')).not.toBe('IN_PROGRESS');
    expect(formatValue('"3f6c…"', 'ownerId', 'Account', 'en')).not.toContain('3f6c');
    expect(formatValue(null, 'title', 'PlanAction', 'en')).not.toBe('');
  });

  it('labels KPI periods by their first day', () => {
    expect(fieldLabel('2026-03-02', 'en')).toContain('2026');
    expect(fieldLabel('someNewField', 'en')).toBe('Some new field');
  });
});

import { mobileSearchTail, normaliseMobile } from './mobile';

describe('normaliseMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['0086 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    [' (+86) 138 0013 8000 ', '13800138000'],
    ['+1 415-555-0100', '+14155550100'],
    ['+852 9123 4567', '+85291234567'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseMobile(raw)).toBe(expected);
  });

  it.each([[''], [null], [undefined], ['not a phone'], ['12'], ['138@0013']])('%s is not a phone number', (raw) => {
    expect(normaliseMobile(raw)).toBeNull();
  });

  it('gives every spelling the same search tail', () => {
    const tails = ['+86 138-0013-8000', '13800138000'].map((m) => mobileSearchTail(normaliseMobile(m) ?? ''));
    expect(new Set(tails)).toEqual(new Set(['8000']));
  });
});

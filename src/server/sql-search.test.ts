import { anyContains, likePattern } from './sql-search';

describe('the search pattern', () => {
  it.for([
    ['zhang', '%zhang%'],
    ['100%', '%100!%%'],
    ['a_b', '%a!_b%'],
    ['wow!', '%wow!!%'],
    ['%', '%!%%'],
    ["' OR 1=1 --", "%' OR 1=1 --%"],
    ['back\\slash', '%back\\slash%'],
  ])('matches %j as a substring, its wildcards literally', ([q, pattern]) => {
    expect(likePattern(q ?? '')).toBe(pattern);
  });
});

describe('the search condition', () => {
  it('matches the bound pattern in any of the columns, ignoring case, with the escape character declared', () => {
    expect(anyContains(['u."nickname"', 'u."email"'], 'pattern')).toBe(
      `LOWER(u."nickname") LIKE LOWER($pattern) ESCAPE '!' OR LOWER(u."email") LIKE LOWER($pattern) ESCAPE '!'`,
    );
  });
});

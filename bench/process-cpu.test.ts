import { cpuByPart, cpuPerSignIn } from './process-cpu.ts';

describe('CPU by part', () => {
  it('counts this process as the bench, and what it used in between per sign-in', () => {
    const before = cpuByPart('/nonexistent-app-dir');
    let spin = 0;
    for (const started = Date.now(); Date.now() - started < 60; ) spin += 1;
    const after = cpuByPart('/nonexistent-app-dir');
    expect(spin).toBeGreaterThan(0);
    expect(after.bench).toBeGreaterThan(before.bench);
    expect(after.nodes).toBe(0);
    expect(cpuPerSignIn(before, { ...before, bench: before.bench + 50, redis: before.redis + 5 }, 10)).toEqual({
      nodes: 0,
      postgres: 0,
      redis: 0.5,
      nginx: 0,
      bench: 5,
    });
  });
});

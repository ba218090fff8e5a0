import { FaultQueue } from './faults.ts';

describe('FaultQueue', () => {
  it('applies a fault to exactly its next count calls, then the next fault', () => {
    const queue = new FaultQueue();
    queue.add({ endpoint: '/cgi-bin/gettoken', count: 2, status: 502 });
    queue.add({ endpoint: '/cgi-bin/gettoken', count: 1, errcode: -1 });
    expect(queue.take('/cgi-bin/gettoken')).toEqual({ status: 502 });
    expect(queue.list()).toEqual([
      { endpoint: '/cgi-bin/gettoken', count: 1, status: 502 },
      { endpoint: '/cgi-bin/gettoken', count: 1, errcode: -1 },
    ]);
    expect(queue.take('/cgi-bin/gettoken')).toEqual({ status: 502 });
    expect(queue.take('/cgi-bin/gettoken')).toEqual({ errcode: -1 });
    expect(queue.take('/cgi-bin/gettoken')).toBeUndefined();
  });

  it('keeps endpoints apart', () => {
    const queue = new FaultQueue();
    queue.add({ endpoint: '/cgi-bin/user/get', count: 1, malformed: true });
    expect(queue.take('/cgi-bin/gettoken')).toBeUndefined();
    expect(queue.take('/cgi-bin/user/get')).toEqual({ malformed: true });
  });
});

import { answerWithin } from './answer-within';

describe('answerWithin', () => {
  it('passes an answer or a failure on, and refuses to wait past the deadline', async () => {
    await expect(answerWithin(1000, Promise.resolve('ok'))).resolves.toBe('ok');
    const refused = new Error('refused');
    await expect(answerWithin(1000, Promise.reject(refused))).rejects.toBe(refused);
    await expect(answerWithin(20, new Promise(() => {}))).rejects.toThrow('no answer within 20 ms');
  });
});

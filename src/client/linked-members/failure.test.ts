import { failureMessage } from './failure';
import { UnreadableAnswerError } from './responses';

const t = (key: string): string => `t:${key}`;

describe('failureMessage', () => {
  it("shows the server's translated message", () => {
    const error = Object.assign(new Error('Request failed with status code 409'), {
      response: {
        status: 409,
        data: { errors: [{ message: '该企业微信成员已关联到另一个 NocoBase 用户。', code: 'MEMBER_ALREADY_LINKED' }] },
      },
    });
    expect(failureMessage(error, t)).toBe('该企业微信成员已关联到另一个 NocoBase 用户。');
  });

  it('shows an answer the panel cannot read as such', () => {
    expect(failureMessage(new UnreadableAnswerError('wecom:listLinks'), t)).toBe(
      "t:The server's answer could not be read.",
    );
  });

  it.each([
    ['no answer at all', new Error('Network Error')],
    ['an answer without errors', { response: { status: 502, data: '<html>Bad gateway</html>' } }],
    ['an empty message', { response: { data: { errors: [{ message: '' }] } } }],
    ['something thrown that is not an error', 'boom'],
  ])('falls back to its own message for %s', (_what, error) => {
    expect(failureMessage(error, t)).toBe('t:The request failed. Check the connection and try again.');
  });
});

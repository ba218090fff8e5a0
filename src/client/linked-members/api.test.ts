import { linkMember, listLinks, searchUsers, unlinkMember } from './api';
import type { LinkedMembersCall, LinkedMembersRequest } from './request';
import { UnreadableAnswerError } from './responses';

function answering(body: unknown): { request: LinkedMembersRequest; calls: LinkedMembersCall[] } {
  const calls: LinkedMembersCall[] = [];
  return {
    calls,
    request: async (call) => {
      calls.push(call);
      return body;
    },
  };
}

const emptyPage = { data: [], meta: { count: 0, page: 1, pageSize: 20 } };

describe('listLinks', () => {
  it('asks for one page of the authenticator, searched by the trimmed text', async () => {
    const { request, calls } = answering(emptyPage);
    await listLinks(request, { authenticator: 'wecom1', q: ' zhang ', page: 2, pageSize: 50 });
    expect(calls).toEqual([
      { url: 'wecom:listLinks', method: 'get', params: { authenticator: 'wecom1', page: 2, pageSize: 50, q: 'zhang' } },
    ]);
  });

  it('sends no search when none was typed, and the first page of 20 by default', async () => {
    const { request, calls } = answering(emptyPage);
    expect(await listLinks(request, { authenticator: 'wecom1', q: '  ' })).toEqual({
      rows: [],
      count: 0,
      page: 1,
      pageSize: 20,
    });
    expect(calls[0]?.params).toEqual({ authenticator: 'wecom1', page: 1, pageSize: 20 });
  });

  it('refuses an answer it cannot read', async () => {
    await expect(listLinks(answering({ data: 'nope' }).request, { authenticator: 'wecom1' })).rejects.toThrow(
      UnreadableAnswerError,
    );
  });
});

describe('unlinkMember and linkMember', () => {
  it('post the values the server expects', async () => {
    const { request, calls } = answering({ data: {} });
    await unlinkMember(request, { authenticator: 'wecom1', userid: 'zhangsan' });
    await linkMember(request, { authenticator: 'wecom1', userid: 'lisi', userId: 9 });
    expect(calls).toEqual([
      { url: 'wecom:unlinkMember', method: 'post', data: { authenticator: 'wecom1', userid: 'zhangsan' } },
      { url: 'wecom:linkMember', method: 'post', data: { authenticator: 'wecom1', userid: 'lisi', userId: 9 } },
    ]);
  });

  it("reject with the server's failure", async () => {
    const failure = new Error('409');
    const request: LinkedMembersRequest = async () => Promise.reject(failure);
    await expect(linkMember(request, { authenticator: 'wecom1', userid: 'lisi', userId: 9 })).rejects.toBe(failure);
  });
});

describe('searchUsers', () => {
  it('asks the plugin, not users:list, and reads its matches', async () => {
    const { request, calls } = answering({ data: [{ id: 3, nickname: 'Li Si', linkedTo: 'lisi' }] });
    expect(await searchUsers(request, { authenticator: 'wecom1', q: 'li' })).toEqual([
      { id: 3, nickname: 'Li Si', username: null, email: null, phone: null, linkedTo: 'lisi' },
    ]);
    expect(calls).toEqual([{ url: 'wecom:searchUsers', method: 'get', params: { authenticator: 'wecom1', q: 'li' } }]);
  });

  it('refuses an answer it cannot read', async () => {
    await expect(
      searchUsers(answering({ data: 'nope' }).request, { authenticator: 'wecom1', q: 'li' }),
    ).rejects.toThrow(UnreadableAnswerError);
  });
});

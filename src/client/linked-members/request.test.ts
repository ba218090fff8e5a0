import type { PluginApi } from '../plugin-api';
import { requestThrough } from './request';

describe('requestThrough', () => {
  it('sends the call without NocoBase notifying, and resolves to the body', async () => {
    const request = vi.fn<PluginApi['request']>(async () => ({ data: { data: [] } }));
    const body = await requestThrough({ request })({ url: 'wecom:listLinks', method: 'get', params: { page: 2 } });
    expect(request).toHaveBeenCalledWith({
      url: 'wecom:listLinks',
      method: 'get',
      params: { page: 2 },
      skipNotify: true,
    });
    expect(body).toEqual({ data: [] });
  });

  it('passes a failure on as it is', async () => {
    const failure = Object.assign(new Error('409'), { response: { data: { errors: [{ message: 'taken' }] } } });
    const request = vi.fn<PluginApi['request']>(async () => Promise.reject(failure));
    await expect(requestThrough({ request })({ url: 'wecom:linkMember', method: 'post' })).rejects.toBe(failure);
  });
});

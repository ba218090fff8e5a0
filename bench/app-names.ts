/** What the bench's NocoBase apps are set up with, one node or a cluster, and what its clients ask for. */

/** A real NocoBase app serves its API under API_BASE_PATH; the WeCom redirect_uri names that path. */
export const API_PREFIX = '/api';
export const WECOM_AUTHENTICATOR = 'wecom';
export const PASSWORD_AUTHENTICATOR = 'basic';

/** The one NocoBase user all three timed flows sign in as, so they differ only in how they prove who it is. */
export const BENCH_USER = {
  nickname: 'Zhang San',
  username: 'zhangsan',
  password: 'bench-Password-1',
  phone: '13800000001',
} as const;

/** The floor sign-in (floor-auth.ts): its auth type, its authenticator, and its callback-shaped resource. */
export const FLOOR_AUTH_TYPE = 'bench-floor';
export const FLOOR_AUTHENTICATOR = 'bench-floor';

/** `GET /api/benchFloor:redirect?uuid`: the floor in the WeCom callback's shape (a GET answered by a 302). */
export const FLOOR_REDIRECT_RESOURCE = 'benchFloor';
